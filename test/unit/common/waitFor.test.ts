import { waitFor } from '../../../nodes/common/waitFor';

describe('waitFor', () => {
	test('reads at once, then backs off with doubling delays until done', async () => {
		let clock = 0;
		const waits: number[] = [];
		const states = ['SUBMITTED', 'IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'];
		let reads = 0;
		const result = await waitFor(
			async () => states[reads++],
			(s) => s === 'SUCCEEDED',
			{ maxWaitMs: 60_000, firstDelayMs: 1000, maxDelayMs: 3000, now: () => clock, wait: async (ms) => void (waits.push(ms), (clock += ms)) },
		);
		expect(result).toEqual({ value: 'SUCCEEDED', timedOut: false });
		expect(waits).toEqual([1000, 2000, 3000]);
	});

	test('stops at the cap with the last value read', async () => {
		let clock = 0;
		const waits: number[] = [];
		const result = await waitFor(async () => 'IN_PROGRESS', () => false, {
			maxWaitMs: 5000,
			now: () => clock,
			wait: async (ms) => void (waits.push(ms), (clock += ms)),
		});
		expect(result).toEqual({ value: 'IN_PROGRESS', timedOut: true });
		// 1 s + 2 s, then only the 2 s left; the read at the deadline is the last one.
		expect(waits).toEqual([1000, 2000, 2000]);
	});
});
