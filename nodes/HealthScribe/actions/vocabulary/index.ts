import { resourceDescription, type Operation } from '../resource';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';
import { vocabularyTypeProperty } from './fields';

export const operations: Record<string, Operation> = { create, get, getAll, update, delete: del };

export const description = resourceDescription(
	'vocabulary',
	[
		{ name: 'Create', value: 'create', description: 'Create a custom vocabulary of drug, clinician or clinic names', action: 'Create a vocabulary' },
		{ name: 'Delete', value: 'delete', description: 'Delete a vocabulary', action: 'Delete a vocabulary' },
		{ name: 'Get', value: 'get', description: 'Get a vocabulary, its state and failure reason', action: 'Get a vocabulary' },
		{ name: 'Get Many', value: 'getAll', description: 'List vocabularies, newest first', action: 'Get many vocabularies' },
		{ name: 'Update', value: 'update', description: 'Replace the entries of a vocabulary', action: 'Update a vocabulary' },
	],
	operations,
	[vocabularyTypeProperty],
);
