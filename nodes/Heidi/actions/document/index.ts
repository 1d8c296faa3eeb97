import { defineResource } from '../../../common/operation';
import { create } from './create';
import { getAll } from './getAll';

export const document = defineResource(
	{ value: 'document', name: 'Document', default: 'create' },
	{ create, getAll },
);
