import { mapWithConcurrency } from '../../../nodes/common/concurrency';

describe('mapWithConcurrency', () => {
	it('keeps input order while never running more than the limit at once', async () => {
		let running = 0;
		let peak = 0;
		const result = await mapWithConcurrency(20, 3, async (i) => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((r) => setTimeout(r, (20 - i) % 4));
			running--;
			return i * 2;
		});
		expect(result).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
		expect(peak).toBe(3);
	});

	it('starts no new task after one fails', async () => {
		const started: number[] = [];
		await expect(
			mapWithConcurrency(10, 2, async (i) => {
				started.push(i);
				if (i === 1) throw new Error('boom');
				await new Promise((r) => setTimeout(r, 5));
				return i;
			}),
		).rejects.toThrow('boom');
		expect(started).toEqual([0, 1]);
	});

	it('handles an empty input and a limit above the count', async () => {
		expect(await mapWithConcurrency(0, 5, async () => 1)).toEqual([]);
		expect(await mapWithConcurrency(2, 50, async (i) => i)).toEqual([0, 1]);
	});
});
