import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as start from './start';

type Operation = { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<ItemResult> };

export const operations: Record<string, Operation> = { start, get, getAll, delete: del };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['medicalScribeJob'] } },
		options: [
			{ name: 'Delete', value: 'delete', description: 'Delete a finished job', action: 'Delete a medical scribe job' },
			{ name: 'Get', value: 'get', description: 'Get a job, optionally with its transcript and clinical note', action: 'Get a medical scribe job' },
			{ name: 'Get Many', value: 'getAll', description: 'List jobs, newest first', action: 'Get many medical scribe jobs' },
			{
				name: 'Start',
				value: 'start',
				description: 'Start a job that turns a recording into a transcript and a clinical note',
				action: 'Start a medical scribe job',
			},
		],
		default: 'start',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
