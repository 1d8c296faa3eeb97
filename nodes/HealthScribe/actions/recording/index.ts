import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import * as getAll from './getAll';

type Operation = { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<ItemResult> };

export const operations: Record<string, Operation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['recording'] } },
		options: [{ name: 'Get Many', value: 'getAll', description: 'List the recordings in an S3 bucket, e.g. today’s', action: 'Get many recordings' }],
		default: 'getAll',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
