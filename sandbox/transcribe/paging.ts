/** Opaque NextToken paging for the vocabulary and filter lists: an offset bound to the filter it was issued for. */
import { badRequest } from './validate';

/** Transcribe's default page size for list operations. */
export const DEFAULT_PAGE_SIZE = 5;

export function pageOf<T>(
	matching: T[],
	request: { nextToken?: string; maxResults?: number },
	filterKey: string,
): { items: T[]; nextToken?: string } {
	const from = request.nextToken === undefined ? 0 : decode(request.nextToken, filterKey);
	const size = request.maxResults ?? DEFAULT_PAGE_SIZE;
	const items = matching.slice(from, from + size);
	const more = from + size < matching.length;
	return {
		items,
		...(more
			? {
					nextToken: Buffer.from(JSON.stringify({ o: from + size, f: filterKey })).toString(
						'base64url',
					),
				}
			: {}),
	};
}

function decode(token: string, filterKey: string): number {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			o: unknown;
			f: unknown;
		};
		if (
			typeof parsed.o === 'number' &&
			Number.isInteger(parsed.o) &&
			parsed.o >= 0 &&
			parsed.f === filterKey
		)
			return parsed.o;
	} catch {
		// fall through to the error below
	}
	throw badRequest(
		'The NextToken is not valid for this request. Use the NextToken from the previous response with the same filters.',
	);
}
