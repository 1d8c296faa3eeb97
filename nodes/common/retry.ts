import { sleep } from 'n8n-workflow';
import { raise } from './errors';
import { isThrottling, isTransientCode, isTransientStatus } from './transient';

/**
 * The package's one retry policy. The Heidi and Connect Health HTTP transports retry through
 * `withRetry` + `attemptVerdict`; the AWS SDK clients keep the SDK's RetryStrategy interface
 * (aws/retryStrategy.ts) but take their ceiling and back-off from here.
 *
 * - Which failures: those common/transient.ts calls transient (throttling, 5xx, 408, dropped or
 *   stalled connections, an answer cut short).
 * - A request that is not idempotent is never sent again once it may have reached the service;
 *   only throttling (the service refused it) or a connection never made allows a retry.
 * - How long: full-jitter exponential back-off, at least a server's Retry-After, at most
 *   `maxDelayMs` (the AWS SDK's "standard" mode does the same:
 *   https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 */
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

/** A failed attempt as a transport saw it: what the retry policy decides on. */
export interface FailedAttempt {
	/** HTTP status of the answer, when one came. */
	status?: number;
	/** The error type the answer named, or the network code / our own code when none came (MalformedResponse). */
	code?: string;
	/** Whether the request may have reached the service (false: no connection was ever made). */
	sent: boolean;
	/** Server-requested delay, from Retry-After (ms). */
	retryAfterMs?: number;
}

export interface AttemptVerdict extends AttemptFailure {
	/** A request that is not idempotent may have been carried out: its error must say so. */
	ambiguous: boolean;
}

/**
 * The policy for one failed attempt. A definite answer that is not transient (a 4xx, a redirect)
 * is final and unambiguous; a connection lost after sending is ambiguous even when not transient.
 */
export function attemptVerdict(failure: FailedAttempt, idempotent: boolean): AttemptVerdict {
	const answered = failure.status !== undefined;
	const transient = answered
		? isTransientStatus(failure.status) || isTransientCode(failure.code)
		: isTransientCode(failure.code);
	const mayHaveActed = failure.sent && !isThrottling(failure.status, failure.code);
	return {
		retryable: transient && (idempotent || !mayHaveActed),
		retryAfterMs: failure.retryAfterMs,
		ambiguous: !idempotent && mayHaveActed && (transient || !answered),
	};
}

/** Throttling, server errors and dropped connections are worth another try (common/transient.ts); 4xx never. */
export function isRetryable(status: number | undefined, code?: string): boolean {
	if (status !== undefined) return isTransientStatus(status);
	return isTransientCode(code);
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
export function backoffDelay(
	attempt: number,
	options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
	const random = options.random ?? Math.random;
	return Math.floor(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt));
}

/** The wait before retry number `attempt + 1`: the back-off, or longer when the server asked (capped). */
export function retryDelay(
	attempt: number,
	retryAfterMs: number | undefined,
	options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
	const backoff = backoffDelay(attempt, options);
	return retryAfterMs === undefined
		? backoff
		: Math.max(backoff, Math.min(retryAfterMs, options.maxDelayMs));
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
			await wait(retryDelay(n, failure.retryAfterMs, options));
		}
	}
}
