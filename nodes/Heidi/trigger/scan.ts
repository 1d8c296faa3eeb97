import type { IDataObject } from 'n8n-workflow';
import type { HeidiContext } from '../transport/request';
import { linkedUserSessionPages } from '../transport/api';
import { createdAt } from './events';

export type ListOrder = 'newest-first' | 'oldest-first' | 'unknown';

/** The order of the rows so far by `created_at`; the list's order is undocumented (https://www.heidihealth.com/developers/heidi-api/sessions/overview). */
export function detectOrder(rows: IDataObject[]): ListOrder {
	const times = rows.map(createdAt).filter((t): t is number => t !== undefined);
	let down = false;
	let up = false;
	for (let i = 1; i < times.length; i++) {
		if (times[i] < times[i - 1]) down = true;
		if (times[i] > times[i - 1]) up = true;
	}
	if (down && !up) return 'newest-first';
	if (up && !down) return 'oldest-first';
	return 'unknown';
}

/**
 * Reads the linked-user session list until nothing further can matter. When the list turns out
 * to be newest-first, reading stops at the first page that reaches sessions created before
 * `stopBefore()`; in any other order every page is read, since the newest may come last.
 */
export async function scanSessions(
	context: HeidiContext,
	pageSize: number,
	stopBefore: (rows: IDataObject[]) => number,
): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for await (const page of linkedUserSessionPages(context, pageSize)) {
		rows.push(...page);
		if (!page.length || detectOrder(rows) !== 'newest-first') continue;
		const oldest = createdAt(page[page.length - 1]);
		if (oldest !== undefined && oldest < stopBefore(rows)) break;
	}
	return rows;
}
