import { resourceDescription, type Operation } from '../resource';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

export const operations: Record<string, Operation> = { create, get, getAll, update, delete: del };

export const description = resourceDescription(
	'vocabularyFilter',
	[
		{ name: 'Create', value: 'create', description: 'Create a list of words to mask, remove or tag in transcripts', action: 'Create a vocabulary filter' },
		{ name: 'Delete', value: 'delete', description: 'Delete a vocabulary filter', action: 'Delete a vocabulary filter' },
		{ name: 'Get', value: 'get', description: 'Get a vocabulary filter with its words', action: 'Get a vocabulary filter' },
		{ name: 'Get Many', value: 'getAll', description: 'List vocabulary filters', action: 'Get many vocabulary filters' },
		{ name: 'Update', value: 'update', description: 'Replace the words of a vocabulary filter', action: 'Update a vocabulary filter' },
	],
	operations,
);
