import {
	attemptVerdict,
	backoffDelay,
	isRetryable,
	parseRetryAfter,
	retryDelay,
	withRetry,
	type RetryOptions,
} from '../../../nodes/common/retry';

const fast = (waits: number[]): RetryOptions => ({
	retries: 3,
	baseDelayMs: 100,
	maxDelayMs: 1000,
	wait: async (ms) => void waits.push(ms),
	random: () => 0.5,
});

describe('retry', () => {
	it('retries throttling, 5xx and resets but never 4xx validation errors', () => {
		expect([429, 500, 502, 503, 504].map((s) => isRetryable(s))).toEqual([
			true,
			true,
			true,
			true,
			true,
		]);
		expect([400, 401, 403, 404, 409, 422].map((s) => isRetryable(s))).toEqual([
			false,
			false,
			false,
			false,
			false,
			false,
		]);
		expect(isRetryable(undefined, 'ECONNRESET')).toBe(true);
		expect(isRetryable(undefined, 'ENOTFOUND')).toBe(false);
	});

	it('uses full-jitter exponential backoff capped at the maximum', () => {
		const options = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999 };
		expect([0, 1, 2, 3, 4].map((n) => backoffDelay(n, options))).toEqual([99, 199, 399, 799, 999]);
		expect(backoffDelay(3, { ...options, random: () => 0 })).toBe(0);
	});

	it('honours Retry-After in seconds or as an HTTP date, within the cap', async () => {
		expect(parseRetryAfter('2')).toBe(2000);
		expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		const waits: number[] = [];
		let calls = 0;
		const result = await withRetry(
			async () => {
				if (++calls < 3)
					throw Object.assign(new Error('slow down'), { retryAfterMs: calls === 1 ? 5000 : 300 });
				return 'ok';
			},
			(e) => ({ retryable: true, retryAfterMs: (e as { retryAfterMs: number }).retryAfterMs }),
			fast(waits),
		);
		expect(result).toBe('ok');
		expect(waits).toEqual([1000, 300]);
	});

	it('gives up after the configured retries and rethrows the last error; final errors are not retried', async () => {
		const waits: number[] = [];
		let calls = 0;
		await expect(
			withRetry(
				async () => Promise.reject(new Error(`fail ${++calls}`)),
				() => ({ retryable: true }),
				fast(waits),
			),
		).rejects.toThrow('fail 4');
		expect(waits).toEqual([50, 100, 200]);
		calls = 0;
		await expect(
			withRetry(
				async () => Promise.reject(new Error(`bad ${++calls}`)),
				() => ({ retryable: false }),
				fast([]),
			),
		).rejects.toThrow('bad 1');
	});

	it('never sends a non-idempotent request again once it may have reached the service, unless it was throttled', () => {
		const verdict = (failure: Parameters<typeof attemptVerdict>[0], idempotent: boolean) => {
			const { retryable, ambiguous } = attemptVerdict(failure, idempotent);
			return [retryable, ambiguous];
		};
		// 5xx, a reset after sending, an answer cut short: idempotent calls only, the others are ambiguous.
		for (const failure of [
			{ status: 503, sent: true },
			{ code: 'ECONNRESET', sent: true },
			{ code: 'MalformedResponse', sent: true },
		]) {
			expect(verdict(failure, true)).toEqual([true, false]);
			expect(verdict(failure, false)).toEqual([false, true]);
		}
		// Throttling (by status or by name on a 400) and a connection never made: always, and nothing was done.
		for (const failure of [
			{ status: 429, sent: true },
			{ status: 400, code: 'ThrottlingException', sent: true },
			{ code: 'ECONNREFUSED', sent: false },
		])
			expect(verdict(failure, false)).toEqual([true, false]);
		// A definite answer that is not transient: final and unambiguous; a wrong host name is not retried.
		expect(verdict({ status: 400, code: 'ValidationException', sent: true }, false)).toEqual([
			false,
			false,
		]);
		expect(verdict({ status: 302, sent: true }, false)).toEqual([false, false]);
		expect(verdict({ code: 'ENOTFOUND', sent: false }, true)).toEqual([false, false]);
		// A connection lost after sending, for a reason not known to pass: not retried, but it may have been done.
		expect(verdict({ code: 'EPROTO', sent: true }, false)).toEqual([false, true]);
		expect(attemptVerdict({ status: 503, sent: true, retryAfterMs: 1500 }, true).retryAfterMs).toBe(
			1500,
		);
	});

	it('waits at least what Retry-After asks, within the cap, and the back-off otherwise', () => {
		const options = { baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.5 };
		expect(retryDelay(2, undefined, options)).toBe(200);
		expect(retryDelay(2, 50, options)).toBe(200);
		expect(retryDelay(2, 700, options)).toBe(700);
		expect(retryDelay(2, 60_000, options)).toBe(1000);
	});
});
