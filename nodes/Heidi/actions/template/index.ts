import { defineResource } from '../operation';
import { getAll } from './getAll';

export const template = defineResource('template', 'Template', [getAll]);
