/** ListObjectsV2 (and the older ListObjects v1 that shares its walk). */
import { compareUtf8 } from '../core/store';
import type { ObjectStore, SandboxRequest, SandboxResponse } from '../core/types';
import { invalidArgument } from './errors';
import { xmlElement, xmlResponse } from './xml';

interface Page {
	contents: Array<{ key: string; lastModified: Date; etag: string; size: number }>;
	commonPrefixes: string[];
	truncated: boolean;
	/** Last key or common prefix returned; resume after it. */
	last?: string;
}

/**
 * Walks keys in UTF-8 order after `after`, rolling keys up to common prefixes at the delimiter.
 * Keys under a common prefix that was already returned (`after` ends with the delimiter) are skipped.
 */
function walk(
	store: ObjectStore,
	bucket: string,
	prefix: string,
	delimiter: string,
	after: string,
	maxKeys: number,
): Page {
	const page: Page = { contents: [], commonPrefixes: [], truncated: false };
	const skipUnder =
		delimiter && after.endsWith(delimiter) && after.startsWith(prefix) ? after : undefined;
	for (const { key, object } of store.list(bucket, prefix)) {
		if (after && compareUtf8(key, after) <= 0) continue;
		if (skipUnder && key.startsWith(skipUnder)) continue;
		let rolled: string | undefined;
		if (delimiter) {
			const at = key.indexOf(delimiter, prefix.length);
			if (at >= 0) rolled = key.slice(0, at + delimiter.length);
		}
		if (rolled !== undefined && rolled === page.commonPrefixes[page.commonPrefixes.length - 1])
			continue;
		if (page.contents.length + page.commonPrefixes.length >= maxKeys) {
			page.truncated = true;
			break;
		}
		if (rolled !== undefined) {
			page.commonPrefixes.push(rolled);
			page.last = rolled;
		} else {
			page.contents.push({
				key,
				lastModified: object.lastModified,
				etag: object.etag,
				size: object.body.length,
			});
			page.last = key;
		}
	}
	return page;
}

function maxKeysOf(query: URLSearchParams): number {
	const raw = query.get('max-keys');
	if (raw === null) return 1000;
	if (!/^\d+$/.test(raw))
		throw invalidArgument(
			'Provided max-keys not an integer or within integer range',
			'max-keys',
			raw,
		);
	return Math.min(1000, Number(raw));
}

const encodeKey = (value: string, url: boolean): string =>
	url ? encodeURIComponent(value).replace(/%2F/g, '/') : value;

function renderPage(page: Page, url: boolean): string {
	const contents = page.contents
		.map(
			(c) =>
				`<Contents>${xmlElement('Key', encodeKey(c.key, url))}${xmlElement('LastModified', c.lastModified.toISOString())}${xmlElement('ETag', c.etag)}${xmlElement('Size', c.size)}<StorageClass>STANDARD</StorageClass></Contents>`,
		)
		.join('');
	const prefixes = page.commonPrefixes
		.map((p) => `<CommonPrefixes>${xmlElement('Prefix', encodeKey(p, url))}</CommonPrefixes>`)
		.join('');
	return contents + prefixes;
}

export function listObjects(
	store: ObjectStore,
	bucket: string,
	req: SandboxRequest,
): SandboxResponse {
	const q = req.query;
	const v2 = q.get('list-type') === '2';
	if (q.get('list-type') !== null && !v2)
		throw invalidArgument('Invalid List Type specified', 'list-type', q.get('list-type')!);
	const prefix = q.get('prefix') ?? '';
	const delimiter = q.get('delimiter') ?? '';
	const maxKeys = maxKeysOf(q);
	const encodingType = q.get('encoding-type');
	if (encodingType !== null && encodingType !== 'url')
		throw invalidArgument(
			'Invalid Encoding Method specified in Request',
			'encoding-type',
			encodingType,
		);
	const url = encodingType === 'url';

	let after: string;
	const token = q.get('continuation-token');
	if (v2) {
		const startAfter = q.get('start-after') ?? '';
		let fromToken = '';
		if (token !== null) {
			fromToken = Buffer.from(token, 'base64url').toString('utf8');
			if (!fromToken.startsWith('sb1:'))
				throw invalidArgument(
					'The continuation token provided is incorrect',
					'continuation-token',
					token,
				);
			fromToken = fromToken.slice(4);
		}
		after = compareUtf8(fromToken, startAfter) > 0 ? fromToken : startAfter;
	} else {
		after = q.get('marker') ?? '';
	}

	const page = walk(store, bucket, prefix, delimiter, after, maxKeys);
	const head =
		xmlElement('Name', bucket) +
		xmlElement('Prefix', encodeKey(prefix, url)) +
		(delimiter ? xmlElement('Delimiter', encodeKey(delimiter, url)) : '') +
		xmlElement('MaxKeys', maxKeys) +
		(url ? xmlElement('EncodingType', 'url') : '') +
		xmlElement('IsTruncated', page.truncated);
	if (v2) {
		const startAfter = q.get('start-after');
		const tail =
			xmlElement('KeyCount', page.contents.length + page.commonPrefixes.length) +
			(token !== null ? xmlElement('ContinuationToken', token) : '') +
			(page.truncated && page.last !== undefined
				? xmlElement(
						'NextContinuationToken',
						Buffer.from(`sb1:${page.last}`, 'utf8').toString('base64url'),
					)
				: '') +
			(startAfter !== null ? xmlElement('StartAfter', encodeKey(startAfter, url)) : '');
		return xmlResponse('ListBucketResult', head + tail + renderPage(page, url));
	}
	const marker = xmlElement('Marker', encodeKey(after, url));
	// v1 only returns NextMarker when a delimiter is used; clients otherwise continue from the last key.
	const next =
		page.truncated && delimiter && page.last !== undefined
			? xmlElement('NextMarker', encodeKey(page.last, url))
			: '';
	return xmlResponse('ListBucketResult', head + marker + next + renderPage(page, url));
}
