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

/**
 * How many results to collect: Infinity for Return All. Every list operation of the three nodes
 * reads it here; a Limit below 1 is a FieldError naming "Limit" (never "all"), before any call.
 */
export function readLimit(context: IExecuteFunctions, itemIndex: number): number {
	const p = new ParamReader(context, itemIndex);
	if (p.boolean('returnAll', 'Return All')) return Number.POSITIVE_INFINITY;
	return Math.floor(
		p.number('limit', 'Limit', { min: 1, max: Number.MAX_SAFE_INTEGER, fallback: 50 }),
	);
}

/**
 * One page of a listing and where it goes on: the NextToken of the AWS lists, or any other cursor
 * `C` (Heidi's is what its last page said about the next one). No `nextToken` ends the listing.
 */
export interface TokenPage<T, C = string> {
	items: readonly T[];
	nextToken?: C;
}

/** The pages of a listing, each read when the caller asks for it, until one has no `nextToken`. */
export async function* readPages<T, C = string>(
	fetchPage: (nextToken: C | undefined) => Promise<TokenPage<T, C>>,
): AsyncGenerator<readonly T[]> {
	let nextToken: C | undefined;
	do {
		const page = await fetchPage(nextToken);
		yield page.items;
		nextToken = page.nextToken;
	} while (nextToken);
}

/**
 * Reads pages until `limit` entries (see readLimit) are collected or the listing ends. `fetchPage`
 * gets the token of the page to read and how many entries are still wanted (Infinity for all),
 * to size its request.
 */
export async function collectPages<T, C = string>(
	limit: number,
	fetchPage: (nextToken: C | undefined, remaining: number) => Promise<TokenPage<T, C>>,
): Promise<T[]> {
	const out: T[] = [];
	const pages = readPages<T, C>(
		async (nextToken) => await fetchPage(nextToken, limit - out.length),
	);
	for await (const items of pages) {
		out.push(...items);
		if (out.length >= limit) break;
	}
	return out.slice(0, limit);
}
