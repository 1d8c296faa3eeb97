import { sleep } from 'n8n-workflow';

export interface WaitForOptions {
	/** Cap on the whole wait (ms); the last read happens at or before it. */
	maxWaitMs: number;
	/** Delay after the first read; it doubles after every read up to `maxDelayMs`. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	/** Injected for tests; defaults to n8n's sleep. */
	wait?: (ms: number) => Promise<void>;
	now?: () => number;
}

/**
 * "Wait for completion": reads right away, then backs off (1 s, 2 s, 4 s … 30 s by default) until
 * `done` says the value is final or the cap is reached. Returns the last value read and whether
 * the cap ended the wait, so the caller decides between returning it and failing.
 */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, options: WaitForOptions): Promise<{ value: T; timedOut: boolean }> {
	const now = options.now ?? Date.now;
	const wait = options.wait ?? sleep;
	const maxDelay = options.maxDelayMs ?? 30_000;
	const deadline = now() + options.maxWaitMs;
	let delay = options.firstDelayMs ?? 1000;
	for (;;) {
		const value = await read();
		if (done(value)) return { value, timedOut: false };
		const remaining = deadline - now();
		if (remaining <= 0) return { value, timedOut: true };
		await wait(Math.min(delay, remaining));
		delay = Math.min(delay * 2, maxDelay);
	}
}
