import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from './validate';

/** Return All + Limit (default 50), as every n8n list operation offers them. */
export function paginationProperties(displayOptions: IDisplayOptions = {}): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			...(displayOptions.show ? { displayOptions } : {}),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

/** How many results to collect: Infinity for Return All. */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	if (context.getNodeParameter('returnAll', itemIndex, false) as boolean) return Number.POSITIVE_INFINITY;
	const limit = context.getNodeParameter('limit', itemIndex, 50) as number;
	new ItemValidator(context.getNode(), itemIndex).range('Limit', limit, 1, Number.MAX_SAFE_INTEGER);
	return Math.floor(limit);
}
