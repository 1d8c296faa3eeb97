import { setTimeout as timeout } from 'node:timers/promises';

/**
 * Waits `ms`, or rejects with an AbortError (and clears the timer) as soon as `signal` aborts.
 * n8n-workflow's `sleepWithAbort` does the same but only some n8n versions export it (2.8 does,
 * 2.41 does not), so the package uses Node's own promise timer:
 * https://nodejs.org/api/timers.html#timerspromisessettimeoutdelay-value-options
 */
export async function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
	await timeout(ms, undefined, { signal });
}
