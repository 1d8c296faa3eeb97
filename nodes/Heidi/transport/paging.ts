import type { IDataObject } from 'n8n-workflow';
import { vendorError } from '../../common/errors';
import { collectPages, type TokenPage } from '../../common/pagination';
import { connection } from './connection';
import { heidiRequest, type CallInfo, type HeidiContext } from './request';

/**
 * Most pages one listing reads: 1,000 pages of up to 100 rows. A server that keeps inventing new
 * rows past that is misbehaving; the listing fails with an error rather than run on forever.
 */
export const MAX_PAGES = 1000;

interface Request {
	path: string;
	qs: IDataObject;
}

/** What identifies a row across pages: its id, else its whole content. */
const rowKey = (row: IDataObject): string => {
	const id = row.session_id ?? row.id ?? row._id;
	return typeof id === 'string' || typeof id === 'number'
		? `id:${String(id)}`
		: `row:${JSON.stringify(row)}`;
};

/** A `next_page` that is a URL or an absolute path, rather than a page number or an opaque cursor. */
const isUrlLike = (next: string) =>
	/^[a-z][a-z\d+.-]*:\/\//i.test(next) || next.startsWith('/') || next.includes('?');

function listingError(context: HeidiContext, info: CallInfo, message: string, description: string) {
	const error = vendorError(
		context.getNode(),
		{ operation: info.operation, code: 'PagingError' },
		{ itemIndex: info.itemIndex },
	);
	error.message = `${info.operation} failed: ${message}`;
	error.description = description;
	return error;
}

/**
 * Where the last page said the listing goes on: a page number or an opaque cursor to send back as
 * `page`, or a URL (or path) to follow. A URL is checked against the base URL only when the next
 * page is read, so a listing that already has enough rows never fails on it.
 */
export type NextPage = { page: number | string } | { url: string };

/** One page: the rows not seen on an earlier page of this listing, and where it goes on. */
export type Page = TokenPage<IDataObject, NextPage>;

/**
 * Reads the pages of one list endpoint, each row once: called without `next` it reads the first
 * page, then with the `nextToken` of the page before. The request for the next page is undocumented
 * (https://www.heidihealth.com/developers/heidi-api/sessions/overview), so `next_page` is
 * followed in every form: a page number sent back as `page`, a URL (or path) under the base URL,
 * or an opaque cursor sent back as `page`; without it, `has_next_page`, `total_pages` or a full
 * page ask for the next page number.
 *
 * Bounded whatever the server does: a page that brings no row not already seen ends the listing
 * (a server that ignores `page` repeats page 1), and after `MAX_PAGES` pages it fails.
 */
export function pager(
	context: HeidiContext,
	path: string,
	rowsKey: string,
	query: IDataObject,
	pageSize: number,
	info: CallInfo,
): (next?: NextPage) => Promise<Page> {
	const numbered = (page: number | string): Request => ({
		path,
		qs: { ...query, page_size: pageSize, page },
	});
	let baseUrl: string | undefined;
	let page = 1;
	let count = 0;
	const seen = new Set<string>();

	/** Where the listing goes on after `response`, the answer to `call`. */
	function nextOf(response: IDataObject, call: Request, rowsOnPage: number): NextPage | undefined {
		const current = Number(call.qs.page ?? page);
		const next = response.next_page;
		if (response.has_next_page === false) return undefined;
		if (typeof next === 'number' || (typeof next === 'string' && /^\d+$/.test(next))) {
			page = Number(next);
			return { page };
		}
		if (typeof next === 'string' && next && isUrlLike(next)) return { url: next };
		// An opaque cursor: handed back as the page parameter, the way a page number is.
		if (typeof next === 'string' && next) return { page: next };
		if (
			Number.isFinite(current) &&
			(response.has_next_page === true ||
				(typeof response.total_pages === 'number' && current < response.total_pages))
		) {
			page = current + 1;
			return { page };
		}
		if (
			Number.isFinite(current) &&
			next === undefined &&
			response.total_pages === undefined &&
			rowsOnPage >= pageSize
		) {
			page = current + 1;
			return { page };
		}
		return undefined;
	}

	return async (next) => {
		baseUrl ??= (await connection(context, info.operation, info.itemIndex)).baseUrl;
		let call: Request | undefined = { path, qs: { ...query, page_size: pageSize } };
		if (next && 'url' in next) call = followUrl(next.url, baseUrl);
		else if (next) call = numbered(next.page);
		if (!call) {
			throw listingError(
				context,
				info,
				'Heidi gave a next page outside its base URL',
				'The next page was not read, so the token is never sent to another address. Check the base URL in the Heidi API credential.',
			);
		}
		if (++count > MAX_PAGES) {
			throw listingError(
				context,
				info,
				`Heidi still had more pages after ${MAX_PAGES}`,
				'The listing was stopped so the workflow does not run forever. Narrow it with a filter or a Limit.',
			);
		}
		const response = await heidiRequest<IDataObject>(
			context,
			{ method: 'GET', path: call.path, qs: call.qs },
			info,
		);
		const all = Array.isArray(response[rowsKey]) ? (response[rowsKey] as IDataObject[]) : [];
		const rows = all.filter((row) => {
			const key = rowKey(row);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		// Nothing new: the end of the list, or a server repeating a page.
		if (rows.length === 0) return { items: [] };
		return { items: rows, nextToken: nextOf(response, call, all.length) };
	};
}

/** Where a `next_page` URL (or path) points, as a path under the base URL plus its query; undefined if elsewhere. */
function followUrl(next: string, base: string): Request | undefined {
	const baseUrl = new URL(base);
	let url: URL;
	try {
		url = new URL(next, baseUrl);
	} catch {
		return undefined;
	}
	// Never send the token to another host.
	if (url.origin !== baseUrl.origin) return undefined;
	const basePath = baseUrl.pathname.replace(/\/+$/, '');
	if (!url.pathname.startsWith(`${basePath}/`)) return undefined;
	return { path: url.pathname.slice(basePath.length), qs: Object.fromEntries(url.searchParams) };
}

/** Up to `limit` rows over as many pages as it takes, in pages of up to `maxPageSize` rows. */
export async function collect(
	context: HeidiContext,
	path: string,
	rowsKey: string,
	query: IDataObject,
	limit: number,
	info: CallInfo,
	maxPageSize = 100,
): Promise<IDataObject[]> {
	// One size for every page: a numbered page is an offset only while the size stays the same.
	const pageSize = Math.max(1, Math.min(maxPageSize, Number.isFinite(limit) ? limit : maxPageSize));
	return await collectPages(limit, pager(context, path, rowsKey, query, pageSize, info));
}
