import { defineResource } from '../../../common/operation';
import { generate } from './generate';
import { generateFromJsonTemplate } from './generateFromJsonTemplate';
import { get } from './get';

export const consultNote = defineResource(
	{ value: 'consultNote', name: 'Consult Note', default: 'generate' },
	{ generate, generateFromJsonTemplate, get },
);
