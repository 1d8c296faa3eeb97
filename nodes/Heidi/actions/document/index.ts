import { defineResource } from '../operation';
import { create } from './create';
import { getAll } from './getAll';

export const document = defineResource('document', 'Document', [create, getAll]);
