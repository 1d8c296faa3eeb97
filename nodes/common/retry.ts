import { sleep } from 'n8n-workflow';
import { raise } from './errors';

export interface RetryOptions {
	/** Attempts after the first one. */
	retries: number;
	/** Base delay of the exponential backoff (ms). */
	baseDelayMs: number;
	/** Ceiling of one delay (ms), also the ceiling for a server's Retry-After. */
	maxDelayMs: number;
	/** Injected for tests; defaults to n8n's sleep. */
	wait?: (ms: number) => Promise<void>;
	random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 4, baseDelayMs: 200, maxDelayMs: 20_000 };

/** What a failed attempt tells the retry loop. */
export interface AttemptFailure {
	retryable: boolean;
	/** Server-requested delay, from Retry-After (ms). */
	retryAfterMs?: number;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'UND_ERR_SOCKET']);

/** Throttling, server errors and dropped connections are worth another try; 4xx never. */
export function isRetryable(status: number | undefined, code?: string): boolean {
	if (status !== undefined) return RETRYABLE_STATUS.has(status);
	return code !== undefined && RETRYABLE_CODES.has(code);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Full-jitter exponential backoff: a uniform delay in [0, min(max, base·2^attempt)). */
export function backoffDelay(attempt: number, options: RetryOptions): number {
	const random = options.random ?? Math.random;
	return Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));
}

/**
 * Calls `attempt` until it succeeds, `classify` says the failure is final, or retries run out.
 * The same closure runs every time, so idempotency tokens made outside it are reused.
 */
export async function withRetry<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	classify: (error: unknown) => AttemptFailure,
	options: RetryOptions = DEFAULT_RETRY,
): Promise<T> {
	const wait = options.wait ?? sleep;
	for (let n = 0; ; n++) {
		try {
			return await attempt(n);
		} catch (error) {
			const failure = classify(error);
			if (!failure.retryable || n >= options.retries) raise(error);
			const delay = failure.retryAfterMs !== undefined ? Math.min(failure.retryAfterMs, options.maxDelayMs) : backoffDelay(n, options);
			await wait(delay);
		}
	}
}
