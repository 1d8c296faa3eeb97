import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { buildRecords, type RecordBuilder, type RetryRecord } from './recordRetry';

/** One observed state change: `key` names the change (e.g. `jobName|COMPLETED`), `time` when it happened (ms). */
export interface CursorEvent {
	key: string;
	time: number;
}

export interface PollCursorOptions {
	/**
	 * Anything that changes what the trigger watches (filters, bucket, prefix). When it differs
	 * from the stored one the cursor starts afresh, like a first activation.
	 */
	scope: string;
	/**
	 * How far behind the high-water mark a change may still surface (clock skew, listing lag).
	 * Changes older than `highWater - lookbackMs` are treated as already handled.
	 */
	lookbackMs?: number;
	/**
	 * Changes at or after this time (ms) count as new in this poll even if emitted before, also on a
	 * first poll: the trigger's "Replay Events Since" (common/replay).
	 */
	replaySince?: number;
}

/** Static-data field of the cursor. */
const FIELD = 'cursor';

/** The part of workflow static data the cursor owns. Plain JSON, so it survives restarts. */
interface CursorState {
	scope: string;
	/** Latest change time seen (ms); null until one is seen (a poll that saw none keeps no time of its own). */
	highWater: number | null;
	/** Keys of changes within the look-back window, with their times: the boundary set. */
	recent: Record<string, number>;
}

/**
 * One poll of a trigger, and what it remembers between polls: the event cursor and the records
 * waiting for a retry (common/recordRetry).
 *
 * `begin()` reads the saved state; everything after works on a copy, and `commit()` writes it
 * back once the poll's items are built. A poll that fails half-way thus saves nothing, and the
 * next poll starts again from the same state, so nothing is lost or emitted twice.
 *
 * The event cursor emits each state change exactly once across polls, pages, equal timestamps and
 * restarts. It is a high-water mark plus the keys seen in `[highWater - lookbackMs, highWater]`,
 * so its size is bounded by the number of changes inside the look-back window (with lookback 0:
 * the changes that share the newest timestamp), never by history.
 */
export class PollCursor {
	private readonly lookbackMs: number;

	private state: CursorState | undefined;

	/** Whether `take` ran in this poll: a trigger that keeps its own memory (Heidi) leaves the cursor as it was. */
	private taken = false;

	/** The records pending a retry, as recordRetry reads and writes them. */
	private readonly retry: IDataObject;

	private constructor(
		private readonly staticData: IDataObject,
		private readonly options: PollCursorOptions,
	) {
		this.lookbackMs = Math.max(0, options.lookbackMs ?? 0);
		const stored = staticData[FIELD] as CursorState | undefined;
		this.state = stored && stored.scope === options.scope ? stored : undefined;
		this.retry = { retry: staticData.retry };
	}

	/** Starts a poll: reads the saved cursor and the records pending a retry. Nothing is saved before `commit()`. */
	static begin(staticData: IDataObject, options: PollCursorOptions): PollCursor {
		return new PollCursor(staticData, options);
	}

	/** False until the first poll has recorded where "now" is. */
	get started(): boolean {
		return this.state !== undefined;
	}

	/** Changes older than this can never be new again: listing can stop once it reaches them. */
	get horizon(): number {
		return Math.min(this.cursorHorizon, this.options.replaySince ?? Number.POSITIVE_INFINITY);
	}

	/** Changes older than this were emitted before (or, on a first poll, were there before it). */
	private get cursorHorizon(): number {
		return this.state && typeof this.state.highWater === 'number'
			? this.state.highWater - this.lookbackMs
			: Number.NEGATIVE_INFINITY;
	}

	/** Whether a change is to be emitted: not emitted yet, or replayed. Before the first poll only replayed ones. */
	isNew(event: CursorEvent): boolean {
		if (this.options.replaySince !== undefined && event.time >= this.options.replaySince)
			return true;
		if (!this.state) return false;
		return event.time >= this.cursorHorizon && !(event.key in this.state.recent);
	}

	/**
	 * Returns the changes not emitted before (oldest first) and records them, together with every
	 * other change passed in. On the first poll it only records: nothing old is emitted.
	 * `now` is the caller's idea of the present on the same clock as the event times (e.g. the newest
	 * server time it saw); without it, a poll that sees no change moves nothing, so this host's clock
	 * never decides what counts as old.
	 */
	take<T extends CursorEvent>(events: readonly T[], now?: number): T[] {
		const fresh = events.filter((e) => this.isNew(e));
		const unique = new Map<string, T>();
		for (const event of fresh) if (!unique.has(event.key)) unique.set(event.key, event);
		this.record(events, now);
		return [...unique.values()].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
	}

	/**
	 * The items of this poll's new records and of the records still pending from earlier polls
	 * (common/recordRetry): a record that cannot be built now waits for the next polls.
	 */
	async build<R extends IDataObject>(
		node: INode,
		records: ReadonlyArray<RetryRecord<R>>,
		builder: RecordBuilder<R, INodeExecutionData | undefined>,
		concurrency?: number,
	): Promise<INodeExecutionData[]> {
		return await buildRecords(node, this.retry, this.options.scope, records, builder, concurrency);
	}

	/** Keys of the records that failed and wait for the next poll (valid after `build`). */
	get pendingKeys(): string[] {
		const stored = this.retry.retry as { pending?: Array<{ key: string }> } | undefined;
		return (stored?.pending ?? []).map((p) => p.key);
	}

	/**
	 * Saves the cursor (when `take` ran), the pending records and `also`, the trigger's own state by
	 * field (`undefined` removes a field earlier versions kept). Call it once all items are built.
	 */
	commit(also: IDataObject = {}): void {
		if (this.taken) this.staticData[FIELD] = this.state as unknown as IDataObject;
		if (this.retry.retry !== undefined) this.staticData.retry = this.retry.retry;
		for (const [field, value] of Object.entries(also)) {
			if (value === undefined) delete this.staticData[field];
			else this.staticData[field] = value;
		}
	}

	private record(events: readonly CursorEvent[], now: number | undefined) {
		const previous = this.state;
		const newest = events.reduce(
			(max, e) => Math.max(max, e.time),
			previous?.highWater ?? (events.length ? -Infinity : (now ?? -Infinity)),
		);
		const highWater = Number.isFinite(newest) ? newest : null;
		const floor = highWater === null ? Number.NEGATIVE_INFINITY : highWater - this.lookbackMs;
		const recent: Record<string, number> = {};
		for (const [key, time] of Object.entries(previous?.recent ?? {}))
			if (time >= floor) recent[key] = time;
		for (const event of events) if (event.time >= floor) recent[event.key] = event.time;
		this.state = { scope: this.options.scope, highWater, recent };
		this.taken = true;
	}
}
