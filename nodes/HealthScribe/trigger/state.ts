import type { IDataObject } from 'n8n-workflow';

/**
 * Jobs still QUEUED or IN_PROGRESS at the last poll are the only jobs created before the last poll that
 * can change state later. Bounded: HealthScribe's concurrent-job quota is not published (https://docs.aws.amazon.com/general/latest/gr/transcribe.html),
 * Transcribe's batch quotas are in the hundreds; above the bound the oldest entries are kept, because only
 * the oldest creation time decides how far back a poll lists.
 */
export const RUNNING_MAX = 1000;

/** What the trigger remembers besides the poll cursor. Plain JSON: survives restarts. */
export interface WatchState {
	scope: string;
	/** Job name → creation time (ms) of the jobs running at the last poll. */
	running: Record<string, number>;
	/** Newest CreationTime seen so far (server clock, ms). */
	newestCreation: number;
}

/** Static-data field of the WatchState (committed with the poll cursor). */
export const WATCH_FIELD = 'watch';

export function readWatchState(staticData: IDataObject, scope: string): WatchState | undefined {
	const stored = staticData[WATCH_FIELD] as WatchState | undefined;
	return stored && stored.scope === scope && typeof stored.newestCreation === 'number'
		? stored
		: undefined;
}

/** Keeps at most RUNNING_MAX entries, the oldest ones. */
export function boundRunning(running: Array<[string, number]>): Record<string, number> {
	const sorted =
		running.length > RUNNING_MAX
			? [...running].sort((a, b) => a[1] - b[1]).slice(0, RUNNING_MAX)
			: running;
	return Object.fromEntries(sorted);
}

export function oldestRunning(state: WatchState): number {
	return Object.values(state.running).reduce(
		(min, time) => Math.min(min, time),
		Number.POSITIVE_INFINITY,
	);
}
