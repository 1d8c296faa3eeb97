import type {
	RetryErrorInfo,
	RetryStrategyV2,
	RetryToken,
	StandardRetryToken,
} from '@smithy/types';
import { DEFAULT_RETRY, retryDelay } from '../retry';

/**
 * Whether an AWS error says "too many jobs running at once" rather than "too many requests".
 * Both arrive as LimitExceededException (Transcribe) or ServiceQuotaExceededException; the service
 * tells them apart only by the message ("…limit of 50 concurrent medical scribe jobs…"). The exact
 * AWS wording is not documented (the Errors of
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html),
 * so any message naming concurrent jobs counts.
 */
export function isConcurrentJobLimit(error: unknown): boolean {
	const e = error as { name?: unknown; message?: unknown } | null | undefined;
	if (!e || typeof e.name !== 'string' || typeof e.message !== 'string') return false;
	return (
		/LimitExceeded|QuotaExceeded|TooManyRequests/i.test(e.name) &&
		/concurren|jobs? (are )?(already )?running|simultaneous/i.test(e.message)
	);
}

/**
 * Back-off bases of the SDK's standard mode (100 ms, 500 ms for throttling); the ceiling and the
 * back-off itself are common/retry's.
 */
const BASE_MS = 100;
const THROTTLING_BASE_MS = 500;

class Token implements StandardRetryToken {
	constructor(
		private readonly count: number,
		private readonly delay: number,
	) {}
	getRetryCount(): number {
		return this.count;
	}
	getRetryDelay(): number {
		return this.delay;
	}
	getRetryCost(): number | undefined {
		return undefined;
	}
}

/**
 * The retry strategy of every AWS client: the SDK's "standard" rules (throttling and transient
 * errors retried with common/retry's full-jitter back-off, a server's Retry-After honoured), with two
 * differences. There is no client-wide adaptive rate limiter: in 'adaptive' mode one burst of
 * LimitExceeded answers (a batch meeting the concurrent-job quota) slowed every later request of
 * the client to 0.5/s. And a concurrent-job limit is not retried here at all: it is no rate
 * problem, waiting a second does not help, and the caller waits for a job slot instead.
 */
export class QuotaAwareRetryStrategy implements RetryStrategyV2 {
	readonly mode = 'standard';
	constructor(
		private readonly maxAttempts: number,
		private readonly random: () => number = Math.random,
	) {}

	async acquireInitialRetryToken(): Promise<RetryToken> {
		return new Token(0, 0);
	}

	async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
		const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
		const attempt = token.getRetryCount();
		if (!retryable || attempt + 1 >= this.maxAttempts || isConcurrentJobLimit(info.error))
			throw new Error('No retry token available');
		const baseDelayMs = info.errorType === 'THROTTLING' ? THROTTLING_BASE_MS : BASE_MS;
		const retryAfterMs =
			info.retryAfterHint instanceof Date
				? Math.max(0, info.retryAfterHint.getTime() - Date.now())
				: undefined;
		const delay = retryDelay(attempt, retryAfterMs, {
			baseDelayMs,
			maxDelayMs: DEFAULT_RETRY.maxDelayMs,
			random: this.random,
		});
		// The SDK's retry middleware sleeps the token's delay before the next attempt.
		return new Token(attempt + 1, delay);
	}

	recordSuccess(): void {}
}
