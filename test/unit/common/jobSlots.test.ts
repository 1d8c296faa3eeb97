import {
	isConcurrentJobLimit,
	QuotaAwareRetryStrategy,
} from '../../../nodes/common/aws/retryStrategy';
import { JobSlots, NoSlotError } from '../../../nodes/common/jobSlots';
import type { SdkError } from '@smithy/types';

/** Slots on a stepped clock: `wait` moves time instead of sleeping; `done(id, n)` answers the n-th read of job id. */
function slotsFor(
	capacity: number,
	maxWaitMs: number,
	finished: Set<string>,
	done = (id: string, _n: number) => finished.has(id),
) {
	let now = 0;
	const reads: string[] = [];
	const waits: number[] = [];
	const slots = new JobSlots({
		capacity,
		maxWaitMs,
		isFinished: async (id) => {
			reads.push(id);
			return done(id, reads.filter((r) => r === id).length);
		},
		now: () => now,
		wait: async (ms) => {
			waits.push(ms);
			now += ms;
		},
	});
	return { slots, reads, waits };
}

describe('JobSlots', () => {
	it('hands out `capacity` slots, then waits until the oldest job has finished', async () => {
		// "a" is read as finished on its second read; "b" never finishes.
		const { slots, reads, waits } = slotsFor(2, 60_000, new Set(), (id, n) => id === 'a' && n >= 2);
		for (const id of ['a', 'b']) {
			await slots.acquire();
			slots.started(id);
		}
		await slots.acquire();
		expect(reads).toEqual(['a', 'b', 'a', 'b']);
		expect(waits.slice(0, 2)).toEqual([250, 250]); // the back-off stays under a twentieth of the job's age
		await expect(slots.acquire()).rejects.toBeInstanceOf(NoSlotError); // "b" still holds the second slot
	});

	it('once a job was seen to finish, sleeps until the oldest job is as old as that one was', async () => {
		const { slots, waits } = slotsFor(1, 600_000, new Set(), (id, n) =>
			id === 'a' ? n >= 2 : true,
		);
		await slots.acquire();
		slots.started('a'); // t = 0
		await slots.acquire(); // reads at 250 and 500 ms: "a" lasted 500 ms
		slots.started('b'); // t = 500
		await slots.acquire(); // "b" is due at 1000 ms: one sleep of 500 ms, one read
		expect(waits).toEqual([250, 250, 500]);
	});

	it('when a wave of jobs ends together, a waiter starts after the first reads, before the rest are read', async () => {
		const finished = new Set<string>();
		const { slots, reads } = slotsFor(20, 60_000, finished);
		const ids = Array.from({ length: 20 }, (_, n) => `job-${n}`);
		for (const id of ids) {
			await slots.acquire();
			slots.started(id);
		}
		ids.forEach((id) => finished.add(id));
		await slots.acquire(); // woken by the first reads that freed slots, the walk still going
		expect(reads.length).toBeLessThan(ids.length);
		slots.started('job-20');
		for (let n = 0; n < 19; n++) await slots.acquire(); // the rest of the wave, as it is read
		expect(reads.filter((id) => id !== 'job-20')).toEqual(ids); // each job of the wave read once
	});

	it('gives up with NoSlotError at the deadline, never hangs', async () => {
		const { slots, waits } = slotsFor(1, 10_000, new Set());
		await slots.acquire();
		slots.started('a');
		await expect(slots.acquire()).rejects.toBeInstanceOf(NoSlotError);
		expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
	});

	it('lowers its capacity to the jobs running when the service says the quota is full', async () => {
		const finished = new Set<string>();
		const { slots } = slotsFor(10, 60_000, finished);
		await slots.acquire();
		slots.started('a');
		await slots.acquire();
		await slots.quotaFull();
		finished.add('a');
		await slots.acquire(); // only once "a" has finished: one of ours at a time now
		slots.started('b');
		await expect(
			Promise.race([slots.acquire().then(() => 'slot'), Promise.resolve('waiting')]),
		).resolves.toBe('waiting');
	});
});

describe('concurrent-job limit vs request-rate throttling', () => {
	it('tells the two LimitExceededException readings apart by the message', () => {
		const error = (message: string) =>
			Object.assign(new Error(message), { name: 'LimitExceededException' });
		expect(
			isConcurrentJobLimit(
				error('You have reached the limit of 50 concurrent medical scribe jobs.'),
			),
		).toBe(true);
		expect(
			isConcurrentJobLimit(
				error('You have exceeded the rate limit for this operation. Try your request again later.'),
			),
		).toBe(false);
		expect(
			isConcurrentJobLimit(
				Object.assign(new Error('Too many concurrent sessions'), {
					name: 'ServiceQuotaExceededException',
				}),
			),
		).toBe(true);
		expect(
			isConcurrentJobLimit(Object.assign(new Error('concurrent'), { name: 'BadRequestException' })),
		).toBe(false);
	});

	it('retries throttling with back-off but never a concurrent-job limit', async () => {
		const strategy = new QuotaAwareRetryStrategy(6, () => 0.5);
		const token = await strategy.acquireInitialRetryToken();
		const throttled = Object.assign(new Error('Rate exceeded'), {
			name: 'LimitExceededException',
			$metadata: {},
		}) as SdkError;
		const next = await strategy.refreshRetryTokenForRetry(token, {
			errorType: 'THROTTLING',
			error: throttled,
		});
		expect(next.getRetryCount()).toBe(1);
		expect(next.getRetryDelay()).toBe(250);
		const quota = Object.assign(new Error('limit of 3 concurrent medical scribe jobs'), {
			name: 'LimitExceededException',
			$metadata: {},
		}) as SdkError;
		await expect(
			strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: quota }),
		).rejects.toThrow();
		await expect(
			strategy.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR', error: throttled }),
		).rejects.toThrow();
	});
});
