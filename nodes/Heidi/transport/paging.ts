import type { IDataObject } from 'n8n-workflow';
import { heidiBaseUrl } from '../../../credentials/HeidiApi.credentials';
import { heidiRequest, type CallInfo, type HeidiContext } from './request';
import { tokenGate } from './token';

export interface Page {
	rows: IDataObject[];
	/** The whole response, for totals. */
	response: IDataObject;
}

/** Where a `next_page` that is a URL (or path) points, as a path under the base URL plus its query. */
function followUrl(next: string, base: string): { path: string; qs: IDataObject } | undefined {
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

/**
 * Pages of a list endpoint. The request parameter for the next page is undocumented (fact sheet
 * §12), so both readings are followed: `next_page` as a page number sent back as `page`, or as
 * a URL to follow; without it, `total_pages` or a short page ends the list.
 */
export async function* pages(
	context: HeidiContext,
	path: string,
	rowsKey: string,
	query: IDataObject,
	pageSize: number,
	info: CallInfo,
): AsyncGenerator<Page> {
	const base = heidiBaseUrl(await tokenGate(context).credentials());
	let call: { path: string; qs: IDataObject } | undefined = { path, qs: { ...query, page_size: pageSize } };
	let page = 1;
	const seen = new Set<string>();
	while (call) {
		const key = `${call.path}?${JSON.stringify(call.qs)}`;
		if (seen.has(key)) return;
		seen.add(key);
		const response = await heidiRequest<IDataObject>(context, { method: 'GET', path: call.path, qs: call.qs }, info);
		const rows = Array.isArray(response[rowsKey]) ? (response[rowsKey] as IDataObject[]) : [];
		yield { rows, response };

		const current = Number(call.qs.page ?? page);
		const next = response.next_page;
		call = undefined;
		if (response.has_next_page === false || rows.length === 0) return;
		if (typeof next === 'number' || (typeof next === 'string' && /^\d+$/.test(next))) {
			page = Number(next);
			call = { path, qs: { ...query, page_size: pageSize, page } };
		} else if (typeof next === 'string' && next) {
			call = followUrl(next, base);
		} else if (response.has_next_page === true || (typeof response.total_pages === 'number' && current < response.total_pages)) {
			page = current + 1;
			call = { path, qs: { ...query, page_size: pageSize, page } };
		} else if (next === undefined && response.total_pages === undefined && rows.length >= pageSize) {
			page = current + 1;
			call = { path, qs: { ...query, page_size: pageSize, page } };
		}
	}
}

/** Up to `limit` rows over as many pages as it takes. */
export async function collect(
	context: HeidiContext,
	path: string,
	rowsKey: string,
	query: IDataObject,
	limit: number,
	info: CallInfo,
	maxPageSize = 100,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const pageSize = Math.max(1, Math.min(maxPageSize, Number.isFinite(limit) ? limit : maxPageSize));
	for await (const page of pages(context, path, rowsKey, query, pageSize, info)) {
		out.push(...page.rows);
		if (out.length >= limit) break;
	}
	return out.slice(0, Number.isFinite(limit) ? limit : undefined);
}
