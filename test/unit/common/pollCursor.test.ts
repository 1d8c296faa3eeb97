import type { IDataObject } from 'n8n-workflow';
import { PollCursor, type CursorEvent } from '../../../nodes/common/pollCursor';

const ev = (key: string, time: number): CursorEvent => ({ key, time });
/** What n8n does between polls: static data is saved as JSON and read back (also across restarts). */
const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data));

describe('PollCursor', () => {
	it('emits nothing old on the first poll, then each change exactly once', () => {
		const data: IDataObject = {};
		expect(new PollCursor(data, { scope: 's' }).take([ev('a|DONE', 100), ev('b|DONE', 200)], 1000)).toEqual([]);
		const second = new PollCursor(restart(data), { scope: 's' });
		expect(second.started).toBe(true);
		const stored = restart(data);
		expect(new PollCursor(stored, { scope: 's' }).take([ev('a|DONE', 100), ev('b|DONE', 200), ev('c|DONE', 300)])).toEqual([ev('c|DONE', 300)]);
		expect(new PollCursor(restart(stored), { scope: 's' }).take([ev('c|DONE', 300), ev('b|DONE', 200)])).toEqual([]);
	});

	it('handles several changes with the same timestamp arriving over several polls', () => {
		let data: IDataObject = {};
		new PollCursor(data, { scope: 's' }).take([], 0);
		const polls = [[ev('a', 500), ev('b', 500)], [ev('a', 500), ev('b', 500), ev('c', 500)], [ev('c', 500), ev('d', 500), ev('e', 600)]];
		const emitted: string[] = [];
		for (const events of polls) {
			data = restart(data);
			emitted.push(...new PollCursor(data, { scope: 's' }).take(events).map((e) => e.key));
		}
		expect(emitted).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('does not care about page order and drops duplicates within one poll', () => {
		const data: IDataObject = {};
		new PollCursor(data, { scope: 's' }).take([], 0);
		const pages = [[ev('x', 30), ev('y', 10)], [ev('z', 20), ev('y', 10)]];
		expect(new PollCursor(data, { scope: 's' }).take(pages.flat()).map((e) => e.key)).toEqual(['y', 'z', 'x']);
	});

	it('catches late changes inside the look-back window and ignores older ones', () => {
		const data: IDataObject = {};
		new PollCursor(data, { scope: 's', lookbackMs: 60_000 }).take([ev('old', 1_000_000)]);
		const cursor = new PollCursor(restart(data), { scope: 's', lookbackMs: 60_000 });
		expect(cursor.horizon).toBe(940_000);
		expect(cursor.take([ev('late', 990_000), ev('too-old', 900_000), ev('old', 1_000_000)]).map((e) => e.key)).toEqual(['late']);
	});

	it('keeps bounded state: only the keys inside the window survive', () => {
		const data: IDataObject = {};
		new PollCursor(data, { scope: 's', lookbackMs: 1000 }).take([], 0);
		for (let poll = 1; poll <= 100; poll++) {
			const events = Array.from({ length: 50 }, (_, i) => ev(`job-${poll}-${i}`, poll * 10_000 + i));
			new PollCursor(data, { scope: 's', lookbackMs: 1000 }).take(events);
		}
		const recent = (data.cursor as { recent: Record<string, number> }).recent;
		expect(Object.keys(recent)).toHaveLength(50);
		expect(JSON.stringify(data).length).toBeLessThan(3000);
	});

	it('starts afresh when what the trigger watches changes', () => {
		const data: IDataObject = {};
		new PollCursor(data, { scope: 'bucket-a' }).take([ev('a', 1)]);
		const moved = new PollCursor(restart(data), { scope: 'bucket-b' });
		expect(moved.started).toBe(false);
		expect(moved.take([ev('b', 5)])).toEqual([]);
	});

	it('a first poll that sees nothing takes no time from this host: any later change is new, however old its server time', () => {
		const data: IDataObject = {};
		expect(new PollCursor(data, { scope: 's', lookbackMs: 1000 }).take([])).toEqual([]);
		const stored = restart(data);
		const cursor = new PollCursor(stored, { scope: 's', lookbackMs: 1000 });
		expect(cursor.started).toBe(true);
		expect(cursor.horizon).toBe(Number.NEGATIVE_INFINITY);
		expect(cursor.take([ev('behind', Date.now() - 3_600_000)])).toEqual([ev('behind', Date.now() - 3_600_000)].map((e) => ({ ...e, time: expect.any(Number) })));
		expect(new PollCursor(restart(stored), { scope: 's', lookbackMs: 1000 }).take([ev('behind', 5)])).toEqual([]);
	});
});
