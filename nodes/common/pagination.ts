import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ParamReader } from './params';

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
	const p = new ParamReader(context, itemIndex);
	if (p.boolean('returnAll', 'Return All')) return Number.POSITIVE_INFINITY;
	return Math.floor(p.number('limit', 'Limit', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 50 }));
}
