import { scanNewestFirst } from '../../../nodes/HealthScribe/trigger/scan';
import {
	boundRunning,
	oldestRunning,
	readWatchState,
	RUNNING_MAX,
} from '../../../nodes/HealthScribe/trigger/state';

const summary = (name: string, created: number) => ({
	MedicalScribeJobName: name,
	CreationTime: new Date(created),
});

async function* pages(list: ReturnType<typeof summary>[][], served: { count: number }) {
	for (const page of list) {
		served.count++;
		yield { MedicalScribeJobSummaries: page };
	}
}

describe('trigger listing window', () => {
	it('stops after the first page that reaches below the bound', async () => {
		const served = { count: 0 };
		const result = await scanNewestFirst(
			pages(
				[
					[summary('a', 900), summary('b', 800)],
					[summary('c', 700), summary('d', 400)],
					[summary('e', 300)],
				],
				served,
			),
			() => 500,
		);
		expect(result.summaries.map((s) => s.MedicalScribeJobName)).toEqual(['a', 'b', 'c', 'd']);
		expect(served.count).toBe(2);
	});

	it('places the bound relative to the newest job and drops duplicates from shifted pages', async () => {
		const served = { count: 0 };
		const seenNewest: number[] = [];
		const result = await scanNewestFirst(
			pages(
				[
					[summary('a', 900), summary('b', 800)],
					[summary('b', 800), summary('c', 100)],
				],
				served,
			),
			(newest) => {
				seenNewest.push(newest);
				return newest - 150;
			},
		);
		expect(seenNewest).toEqual([900]);
		expect(result.summaries.map((s) => s.MedicalScribeJobName)).toEqual(['a', 'b', 'c']);
	});

	it('stops on an empty page', async () => {
		const served = { count: 0 };
		expect(
			(await scanNewestFirst(pages([[], [summary('x', 1)]], served), () => 0)).summaries,
		).toEqual([]);
		expect(served.count).toBe(1);
	});
});

describe('trigger running-job memory', () => {
	it('keeps the oldest entries when over the bound, so the window never shrinks wrongly', () => {
		const entries = Array.from({ length: RUNNING_MAX + 5 }, (_, i): [string, number] => [
			`job-${i}`,
			10_000 - i,
		]);
		const kept = boundRunning(entries);
		expect(Object.keys(kept)).toHaveLength(RUNNING_MAX);
		expect(Math.min(...Object.values(kept))).toBe(10_000 - (RUNNING_MAX + 4));
		expect(kept).not.toHaveProperty('job-0');
	});

	it('ignores state written for other settings', () => {
		const staticData = { watch: { scope: 'a', running: { j: 5 }, newestCreation: 9 } };
		expect(readWatchState(staticData, 'b')).toBeUndefined();
		expect(oldestRunning(readWatchState(staticData, 'a')!)).toBe(5);
	});
});
