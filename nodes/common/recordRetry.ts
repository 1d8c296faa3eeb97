import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import { redact } from './redact';
import { raise } from './errors';
import { isTransient } from './transient';

/**
 * Per-record isolation for polling triggers: one record that cannot be read never holds the others
 * back, and none is forgotten.
 *
 * - A record whose item builds is emitted.
 * - A transient failure (network, cut or undecodable body, throttling by error name or status, 5xx:
 *   `isTransient`) keeps the record pending; it is tried again on each of the next polls, from what
 *   is kept in static data, even when it no longer shows up in a listing.
 * - After RETRY_POLLS polls, or at once on a permanent failure, the record is emitted once as an
 *   item with its identifying fields and `error` (the redacted reason).
 *
 * The caller's cursor moves on in every case; the pending list is the only memory of such a record,
 * so static data holds only the records failing right now (at most PENDING_MAX).
 */

/** Polls in which a record is tried (the first one included) before it is given up with `error`. */
export const RETRY_POLLS = 5;

/**
 * Records waiting for a retry, at most. More than this failing at once is an outage, not a bad
 * record: the poll fails as a whole (nothing is recorded) and the next poll tries everything again.
 */
export const PENDING_MAX = 100;

/** One record of a poll: `key` tells records apart across polls, `record` is what rebuilds its item (plain JSON, no PHI text). */
export interface RetryRecord<R extends IDataObject> {
	key: string;
	record: R;
}

/** `Item` includes undefined for a record that may turn out to need no item (it is then done all the same). */
export interface RecordBuilder<
	R extends IDataObject,
	Item extends INodeExecutionData | undefined = INodeExecutionData,
> {
	/** The output item; throws when the record cannot be read now. `retry` is true on later polls. */
	build(record: R, retry: boolean): Promise<Item>;
	/** The fields that name the record on its error item (ids, status, times: never note text). */
	identify(record: R): IDataObject;
}

interface Pending {
	key: string;
	record: IDataObject;
	/** Polls it failed in so far. */
	attempts: number;
}

interface RetryState {
	scope: string;
	pending: Pending[];
}

const FIELD = 'retry';

/** Whether a record that failed for the `attempts`-th poll in a row is tried again on the next poll. */
const retryLater = (error: unknown, attempts: number): boolean =>
	isTransient(error) && attempts < RETRY_POLLS;

/**
 * The item of a record given up: who it is, and why (redacted; the description is our own text).
 * `attempts`, for a transient failure that used up the budget, is said in the reason.
 */
function errorItem(identity: IDataObject, error: unknown, attempts?: number): INodeExecutionData {
	const e = error as { message?: unknown; description?: unknown };
	const message = typeof e?.message === 'string' && e.message ? e.message : String(error);
	const suffix =
		attempts !== undefined && isTransient(error) ? ` (still failing after ${attempts} polls)` : '';
	const json: IDataObject = { ...identity, error: redact(message) + suffix };
	if (typeof e?.description === 'string' && e.description) json.errorDescription = e.description;
	return { json };
}

/** Manual mode: one try; a transient failure fails the fetch (try again), a permanent one is shown on the item. */
export async function buildOnce<
	R extends IDataObject,
	Item extends INodeExecutionData | undefined = INodeExecutionData,
>(record: R, builder: RecordBuilder<R, Item>): Promise<Item | INodeExecutionData> {
	try {
		return await builder.build(record, false);
	} catch (error) {
		if (isTransient(error)) raise(error);
		return errorItem(builder.identify(record), error);
	}
}

function readState(staticData: IDataObject, scope: string): Pending[] {
	const stored = staticData[FIELD] as RetryState | undefined;
	if (!stored || stored.scope !== scope || !Array.isArray(stored.pending)) return [];
	return stored.pending.filter(
		(p) => p && typeof p.key === 'string' && p.record && typeof p.record === 'object',
	);
}

/**
 * Builds the items of this poll's new records and of the records still pending from earlier polls
 * (those first, oldest first). Writes the new pending list into `staticData` (PollCursor.build
 * passes its copy, committed with the cursor); a record key seen again while pending is not built twice.
 */
export async function buildRecords<R extends IDataObject>(
	node: INode,
	staticData: IDataObject,
	scope: string,
	records: ReadonlyArray<RetryRecord<R>>,
	builder: RecordBuilder<R, INodeExecutionData | undefined>,
	concurrency = 4,
): Promise<INodeExecutionData[]> {
	const work = new Map<string, Pending>();
	for (const pending of readState(staticData, scope)) work.set(pending.key, pending);
	// A record listed again while pending: rebuild it from the newer listing, keep its count.
	for (const { key, record } of records)
		work.set(key, { key, record, attempts: work.get(key)?.attempts ?? 0 });
	const queue = [...work.values()];

	const outcomes = await mapWithConcurrency(queue.length, concurrency, async (index) => {
		const entry = queue[index];
		const record = entry.record as R;
		try {
			return { item: await builder.build(record, entry.attempts > 0) };
		} catch (error) {
			const attempts = entry.attempts + 1;
			if (retryLater(error, attempts)) return { pending: { ...entry, attempts }, error };
			return { item: errorItem(builder.identify(record), error, attempts) };
		}
	});

	const pending = outcomes.flatMap((o) => (o.pending ? [o.pending] : []));
	if (pending.length > PENDING_MAX) {
		const first = outcomes.find((o) => o.pending)?.error as { message?: string } | undefined;
		throw new NodeOperationError(
			node,
			`${pending.length} records could not be read in this poll, too many to keep for a retry`,
			{
				description: `The service seems to be failing (${redact(first?.message ?? 'unknown error')}). Nothing was recorded: the next poll tries all of them again.`,
			},
		);
	}
	staticData[FIELD] = { scope, pending } as unknown as IDataObject;
	return outcomes.flatMap((o) => (o.item ? [o.item] : []));
}
