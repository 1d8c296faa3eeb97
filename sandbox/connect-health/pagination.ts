import { validationError } from './validate';

/**
 * Key-based pages: the token names the last item returned (and the listing it belongs to),
 * so items created between calls never shift a page and nothing is skipped or repeated.
 */
export interface Page<T> {
	items: T[];
	nextToken?: string;
}

interface Cursor {
	/** Which listing (operation + filters) the token was issued for. */
	scope: string;
	after: string;
}

/** `items` must already be in listing order and `keyOf` strictly increasing along it. */
export function paginate<T>(
	items: readonly T[],
	keyOf: (item: T) => string,
	scope: string,
	maxResults: number,
	nextToken?: string,
): Page<T> {
	let start = 0;
	if (nextToken !== undefined) {
		const cursor = decode(nextToken);
		if (!cursor || cursor.scope !== scope)
			throw validationError('Invalid nextToken: it does not belong to this request.');
		start = items.findIndex((item) => keyOf(item) > cursor.after);
		if (start < 0) start = items.length;
	}
	const page = items.slice(start, start + maxResults);
	const more = start + maxResults < items.length;
	return more
		? { items: page, nextToken: encode({ scope, after: keyOf(page[page.length - 1]) }) }
		: { items: page };
}

/** Listing order by creation time, ties broken by id; padded so string order equals time order. */
export const creationKey = (createdAt: number, id: string): string =>
	`${String(Math.round(createdAt)).padStart(15, '0')}|${id}`;

function encode(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decode(token: string): Cursor | undefined {
	try {
		const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<Cursor>;
		return typeof value.scope === 'string' && typeof value.after === 'string'
			? { scope: value.scope, after: value.after }
			: undefined;
	} catch {
		return undefined;
	}
}
