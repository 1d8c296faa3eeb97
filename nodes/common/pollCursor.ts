import type { IDataObject } from 'n8n-workflow';

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
}

/** The part of workflow static data the cursor owns. Plain JSON, so it survives restarts. */
interface CursorState {
	scope: string;
	/** Latest change time seen (ms); null until one is seen (a poll that saw none keeps no time of its own). */
	highWater: number | null;
	/** Keys of changes within the look-back window, with their times: the boundary set. */
	recent: Record<string, number>;
}

/**
 * Emits each state change exactly once across polls, pages, equal timestamps and restarts.
 *
 * State is a high-water mark plus the keys seen in `[highWater - lookbackMs, highWater]`, so its size
 * is bounded by the number of changes inside the look-back window (with lookback 0: the changes that
 * share the newest timestamp), never by history.
 */
export class PollCursor {
	private readonly lookbackMs: number;

	private state: CursorState | undefined;

	constructor(
		private readonly staticData: IDataObject,
		private readonly options: PollCursorOptions,
		private readonly field = 'cursor',
	) {
		this.lookbackMs = Math.max(0, options.lookbackMs ?? 0);
		const stored = staticData[field] as CursorState | undefined;
		this.state = stored && stored.scope === options.scope ? stored : undefined;
	}

	/** False until the first poll has recorded where "now" is. */
	get started(): boolean {
		return this.state !== undefined;
	}

	/** Changes older than this can never be new again: listing can stop once it reaches them. */
	get horizon(): number {
		return this.state && typeof this.state.highWater === 'number' ? this.state.highWater - this.lookbackMs : Number.NEGATIVE_INFINITY;
	}

	/** Whether a change has not been emitted yet. Before the first poll nothing is new. */
	isNew(event: CursorEvent): boolean {
		if (!this.state) return false;
		return event.time >= this.horizon && !(event.key in this.state.recent);
	}

	/**
	 * Returns the changes not emitted before (oldest first) and records them, together with every
	 * other change passed in. On the first poll it only records: nothing old is emitted.
	 * `now` is the caller's idea of the present on the same clock as the event times (e.g. the newest
	 * server time it saw); without it, a poll that sees no change moves nothing, so this host's clock
	 * never decides what counts as old.
	 */
	take<T extends CursorEvent>(events: readonly T[], now?: number): T[] {
		const fresh = this.state ? events.filter((e) => this.isNew(e)) : [];
		const unique = new Map<string, T>();
		for (const event of fresh) if (!unique.has(event.key)) unique.set(event.key, event);
		this.record(events, now);
		return [...unique.values()].sort((a, b) => a.time - b.time || (a.key < b.key ? -1 : 1));
	}

	private record(events: readonly CursorEvent[], now: number | undefined) {
		const previous = this.state;
		const newest = events.reduce((max, e) => Math.max(max, e.time), previous?.highWater ?? (events.length ? -Infinity : (now ?? -Infinity)));
		const highWater = Number.isFinite(newest) ? newest : null;
		const floor = highWater === null ? Number.NEGATIVE_INFINITY : highWater - this.lookbackMs;
		const recent: Record<string, number> = {};
		for (const [key, time] of Object.entries(previous?.recent ?? {})) if (time >= floor) recent[key] = time;
		for (const event of events) if (event.time >= floor) recent[event.key] = event.time;
		this.state = { scope: this.options.scope, highWater, recent };
		this.staticData[this.field] = this.state as unknown as IDataObject;
	}
}
