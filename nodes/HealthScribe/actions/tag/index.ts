import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

type Operation = { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<ItemResult> };

export const operations: Record<string, Operation> = { add, remove, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tag'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add tags to a medical scribe job, vocabulary or vocabulary filter', action: 'Add tags' },
			{ name: 'Get Many', value: 'getAll', description: 'List the tags of a job, vocabulary or vocabulary filter', action: 'Get many tags' },
			{ name: 'Remove', value: 'remove', description: 'Remove tags by key', action: 'Remove tags' },
		],
		default: 'add',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
