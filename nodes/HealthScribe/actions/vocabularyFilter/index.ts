import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

type Operation = { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<ItemResult> };

export const operations: Record<string, Operation> = { create, get, getAll, update, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['vocabularyFilter'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a list of words to mask, remove or tag in transcripts', action: 'Create a vocabulary filter' },
			{ name: 'Delete', value: 'delete', description: 'Delete a vocabulary filter', action: 'Delete a vocabulary filter' },
			{ name: 'Get', value: 'get', description: 'Get a vocabulary filter with its words', action: 'Get a vocabulary filter' },
			{ name: 'Get Many', value: 'getAll', description: 'List vocabulary filters', action: 'Get many vocabulary filters' },
			{ name: 'Update', value: 'update', description: 'Replace the words of a vocabulary filter', action: 'Update a vocabulary filter' },
		],
		default: 'create',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
