import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PollCursor, type CursorEvent } from '../../common/pollCursor';
import { readReplay } from '../../common/replay';
import { buildOnce, type RecordBuilder } from '../../common/recordRetry';
import { listOutputs, listingRange, listingState, SKEW_MS, type ListedObject } from './listing';

/** How many events of one poll are enriched (Get calls, downloads) at the same time. */
const ENRICH_CONCURRENCY = 4;

/** An event is plain JSON (ids and the listed object), so it can wait in static data for a retry. */
export type OutputEvent = CursorEvent & IDataObject;

export interface OutputWatch<E extends OutputEvent> {
	/** Everything that changes what is watched; a new scope starts afresh. */
	scope: string;
	/** s3:// URI, possibly with {yyyy}/{mm}/{dd}. */
	template: string;
	lookBackMs: number;
	/** The events the listed objects stand for (objects that are not events are dropped). */
	toEvents(objects: ListedObject[]): E[];
	/** The output item of one new event (session details, note, job, ...); throws when it cannot be read now. */
	toItem(event: E): Promise<IDataObject>;
	/** What names the event on its item when it cannot be read (ids, the object's URI and time). */
	identify(event: E): IDataObject;
}

function newestFirst<E extends OutputEvent>(events: E[]): E[] {
	return [...events].sort((a, b) => b.time - a.time || (a.key < b.key ? -1 : 1));
}

const builder = <E extends OutputEvent>(watch: OutputWatch<E>): RecordBuilder<E> => ({
	build: async (event) => ({ json: await watch.toItem(event) }),
	identify: (event) => watch.identify(event),
});

/**
 * One poll of an S3 output prefix: lists the partitions the window covers, emits each event once.
 * An event whose item cannot be built now (a failed Get, a cut or broken file) is retried on the
 * next polls without holding the others back, then emitted with `error` (common/recordRetry).
 * State is written only after the items are built. Manual mode returns the newest event, state untouched.
 */
export async function pollOutputs<E extends OutputEvent>(
	context: IPollFunctions,
	watch: OutputWatch<E>,
): Promise<IDataObject[]> {
	const staticData = context.getWorkflowStaticData('node');
	const now = Date.now();
	// Read first, also in manual mode (which replays nothing), so a bad value fails before any call.
	const replay = readReplay(context);
	if (context.getMode() === 'manual') {
		const objects = await listOutputs(context, watch.template, {
			from: now - watch.lookBackMs - SKEW_MS,
			to: now,
		});
		const [newest] = newestFirst(watch.toEvents(objects));
		return newest ? [(await buildOnce(newest, builder(watch))).json] : [];
	}
	const range = listingRange(staticData, watch.scope, watch.lookBackMs, now);
	// A replay lists from the partition of a start that could have landed after its time.
	if (replay.since !== undefined)
		range.from = Math.min(range.from, replay.since - watch.lookBackMs - SKEW_MS);
	const events = watch.toEvents(await listOutputs(context, watch.template, range));
	const cursor = PollCursor.begin(staticData, {
		scope: watch.scope,
		lookbackMs: SKEW_MS,
		replaySince: replay.since,
	});
	const records = cursor.take(events, now).map((event) => ({ key: event.key, record: event }));
	const items = await cursor.build(context.getNode(), records, builder(watch), ENRICH_CONCURRENCY);
	cursor.commit({ ...listingState(watch.scope, now), ...replay.state });
	return items.map((item) => item.json);
}
