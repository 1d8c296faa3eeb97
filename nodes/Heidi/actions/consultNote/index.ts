import { defineResource } from '../operation';
import { generate } from './generate';
import { generateFromJsonTemplate } from './generateFromJsonTemplate';
import { get } from './get';

export const consultNote = defineResource('consultNote', 'Consult Note', [generate, generateFromJsonTemplate, get]);
