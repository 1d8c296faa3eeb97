import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { mapWithConcurrency } from '../../common/concurrency';
import { PollCursor, type CursorEvent } from '../../common/pollCursor';
import { listOutputs, listingRange, recordListing, SKEW_MS, type ListedObject } from './listing';

/** How many events of one poll are enriched (Get calls, downloads) at the same time. */
const ENRICH_CONCURRENCY = 4;

export interface OutputWatch<E extends CursorEvent> {
	/** Everything that changes what is watched; a new scope starts afresh. */
	scope: string;
	/** s3:// URI, possibly with {yyyy}/{mm}/{dd}. */
	template: string;
	lookBackMs: number;
	/** The events the listed objects stand for (objects that are not events are dropped). */
	toEvents(objects: ListedObject[]): E[];
	/** The output item of one new event (session details, note, job, ...). */
	toItem(event: E): Promise<IDataObject>;
}

function newestFirst<E extends CursorEvent>(events: E[]): E[] {
	return [...events].sort((a, b) => b.time - a.time || (a.key < b.key ? -1 : 1));
}

/**
 * One poll of an S3 output prefix: lists the partitions the window covers, emits each event once.
 * Items are built before the cursor records anything, so a failed Get or download leaves the
 * events to the next poll instead of losing them. Manual mode returns the newest event, state untouched.
 */
export async function pollOutputs<E extends CursorEvent>(context: IPollFunctions, watch: OutputWatch<E>): Promise<IDataObject[]> {
	const staticData = context.getWorkflowStaticData('node');
	const now = Date.now();
	if (context.getMode() === 'manual') {
		const objects = await listOutputs(context, watch.template, { from: now - watch.lookBackMs - SKEW_MS, to: now });
		const [newest] = newestFirst(watch.toEvents(objects));
		return newest ? [await watch.toItem(newest)] : [];
	}
	const range = listingRange(staticData, watch.scope, watch.lookBackMs, now);
	const events = watch.toEvents(await listOutputs(context, watch.template, range));
	const cursor = new PollCursor(staticData, { scope: watch.scope, lookbackMs: SKEW_MS });
	const fresh = new Map<string, E>();
	for (const event of events) if (cursor.isNew(event) && !fresh.has(event.key)) fresh.set(event.key, event);
	const ordered = [...fresh.values()].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
	const items = await mapWithConcurrency(ordered.length, ENRICH_CONCURRENCY, async (i) => await watch.toItem(ordered[i]));
	cursor.take(events, now);
	recordListing(staticData, watch.scope, now);
	return items;
}
