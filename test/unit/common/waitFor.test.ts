import type { IExecuteFunctions } from 'n8n-workflow';
import { waitFor, waitForCompletion } from '../../../nodes/common/waitFor';

describe('waitFor', () => {
	test('reads at once, then backs off with doubling delays until done', async () => {
		let clock = 0;
		const waits: number[] = [];
		const states = ['SUBMITTED', 'IN_PROGRESS', 'IN_PROGRESS', 'SUCCEEDED'];
		let reads = 0;
		const result = await waitFor(
			async () => states[reads++],
			(s) => s === 'SUCCEEDED',
			{
				maxWaitMs: 60_000,
				firstDelayMs: 1000,
				maxDelayMs: 3000,
				now: () => clock,
				wait: async (ms) => void (waits.push(ms), (clock += ms)),
			},
		);
		expect(result).toEqual({ value: 'SUCCEEDED', timedOut: false });
		expect(waits).toEqual([1000, 2000, 3000]);
	});

	test('stops at the cap with the last value read', async () => {
		let clock = 0;
		const waits: number[] = [];
		const result = await waitFor(
			async () => 'IN_PROGRESS',
			() => false,
			{
				maxWaitMs: 5000,
				now: () => clock,
				wait: async (ms) => void (waits.push(ms), (clock += ms)),
			},
		);
		expect(result).toEqual({ value: 'IN_PROGRESS', timedOut: true });
		// 1 s + 2 s, then only the 2 s left; the read at the deadline is the last one.
		expect(waits).toEqual([1000, 2000, 2000]);
	});
});

describe('waitForCompletion: the one Wait for Completion of every operation', () => {
	const context = {
		getNode: () => ({
			id: 'n',
			name: 'Node',
			type: 'test',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		}),
	} as unknown as IExecuteFunctions;
	const completion = (state: string) => ({
		read: async () => ({ state }),
		done: (value: { state: string }) => value.state !== 'RUNNING',
		failure: (value: { state: string }) =>
			value.state === 'FAILED'
				? { message: 'The job failed', description: 'AWS says: no audio' }
				: undefined,
		timeout: (value: { state: string }) => ({
			message: `The job is still ${value.state}`,
			description: 'Raise Max Wait.',
		}),
	});

	test('a final value is returned; a failed one is an error for the item', async () => {
		await expect(
			waitForCompletion(context, 0, { maxWaitMs: 0, onTimeout: 'error' }, completion('DONE')),
		).resolves.toEqual({ value: { state: 'DONE' }, timedOut: false });
		await expect(
			waitForCompletion(context, 3, { maxWaitMs: 0, onTimeout: 'returnJob' }, completion('FAILED')),
		).rejects.toMatchObject({
			message: 'The job failed',
			description: 'AWS says: no audio',
			context: { itemIndex: 3 },
		});
	});

	test('after Max Wait: an error, or the value as it stands, as On Timeout says', async () => {
		await expect(
			waitForCompletion(context, 1, { maxWaitMs: 0, onTimeout: 'error' }, completion('RUNNING')),
		).rejects.toMatchObject({ message: 'The job is still RUNNING' });
		await expect(
			waitForCompletion(
				context,
				1,
				{ maxWaitMs: 0, onTimeout: 'returnJob' },
				completion('RUNNING'),
			),
		).resolves.toEqual({ value: { state: 'RUNNING' }, timedOut: true });
	});
});
