import type { IDataObject, INode } from 'n8n-workflow';
import {
	PollCursor,
	type CursorEvent,
	type PollCursorOptions,
} from '../../../nodes/common/pollCursor';
import { MalformedContentError } from '../../../nodes/common/transient';

const ev = (key: string, time: number): CursorEvent => ({ key, time });
/** What n8n does between polls: static data is saved as JSON and read back (also across restarts). */
const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data));

/** A poll as the triggers run it: begin, take, then commit (once their items are built). */
function cursorOf(data: IDataObject, options: PollCursorOptions) {
	const cursor = PollCursor.begin(data, options);
	return {
		started: cursor.started,
		horizon: cursor.horizon,
		take: <T extends CursorEvent>(events: readonly T[], now?: number): T[] => {
			const fresh = cursor.take(events, now);
			cursor.commit();
			return fresh;
		},
	};
}

describe('PollCursor', () => {
	it('emits nothing old on the first poll, then each change exactly once', () => {
		const data: IDataObject = {};
		expect(
			cursorOf(data, { scope: 's' }).take([ev('a|DONE', 100), ev('b|DONE', 200)], 1000),
		).toEqual([]);
		const second = cursorOf(restart(data), { scope: 's' });
		expect(second.started).toBe(true);
		const stored = restart(data);
		expect(
			cursorOf(stored, { scope: 's' }).take([
				ev('a|DONE', 100),
				ev('b|DONE', 200),
				ev('c|DONE', 300),
			]),
		).toEqual([ev('c|DONE', 300)]);
		expect(
			cursorOf(restart(stored), { scope: 's' }).take([ev('c|DONE', 300), ev('b|DONE', 200)]),
		).toEqual([]);
	});

	it('handles several changes with the same timestamp arriving over several polls', () => {
		let data: IDataObject = {};
		cursorOf(data, { scope: 's' }).take([], 0);
		const polls = [
			[ev('a', 500), ev('b', 500)],
			[ev('a', 500), ev('b', 500), ev('c', 500)],
			[ev('c', 500), ev('d', 500), ev('e', 600)],
		];
		const emitted: string[] = [];
		for (const events of polls) {
			data = restart(data);
			emitted.push(
				...cursorOf(data, { scope: 's' })
					.take(events)
					.map((e) => e.key),
			);
		}
		expect(emitted).toEqual(['a', 'b', 'c', 'd', 'e']);
	});

	it('does not care about page order and drops duplicates within one poll', () => {
		const data: IDataObject = {};
		cursorOf(data, { scope: 's' }).take([], 0);
		const pages = [
			[ev('x', 30), ev('y', 10)],
			[ev('z', 20), ev('y', 10)],
		];
		expect(
			cursorOf(data, { scope: 's' })
				.take(pages.flat())
				.map((e) => e.key),
		).toEqual(['y', 'z', 'x']);
	});

	it('catches late changes inside the look-back window and ignores older ones', () => {
		const data: IDataObject = {};
		cursorOf(data, { scope: 's', lookbackMs: 60_000 }).take([ev('old', 1_000_000)]);
		const cursor = cursorOf(restart(data), { scope: 's', lookbackMs: 60_000 });
		expect(cursor.horizon).toBe(940_000);
		expect(
			cursor
				.take([ev('late', 990_000), ev('too-old', 900_000), ev('old', 1_000_000)])
				.map((e) => e.key),
		).toEqual(['late']);
	});

	it('keeps bounded state: only the keys inside the window survive', () => {
		const data: IDataObject = {};
		cursorOf(data, { scope: 's', lookbackMs: 1000 }).take([], 0);
		for (let poll = 1; poll <= 100; poll++) {
			const events = Array.from({ length: 50 }, (_, i) =>
				ev(`job-${poll}-${i}`, poll * 10_000 + i),
			);
			cursorOf(data, { scope: 's', lookbackMs: 1000 }).take(events);
		}
		const recent = (data.cursor as { recent: Record<string, number> }).recent;
		expect(Object.keys(recent)).toHaveLength(50);
		expect(JSON.stringify(data).length).toBeLessThan(3000);
	});

	it('starts afresh when what the trigger watches changes', () => {
		const data: IDataObject = {};
		cursorOf(data, { scope: 'bucket-a' }).take([ev('a', 1)]);
		const moved = cursorOf(restart(data), { scope: 'bucket-b' });
		expect(moved.started).toBe(false);
		expect(moved.take([ev('b', 5)])).toEqual([]);
	});

	it('a first poll that sees nothing takes no time from this host: any later change is new, however old its server time', () => {
		const data: IDataObject = {};
		expect(cursorOf(data, { scope: 's', lookbackMs: 1000 }).take([])).toEqual([]);
		const stored = restart(data);
		const cursor = cursorOf(stored, { scope: 's', lookbackMs: 1000 });
		expect(cursor.started).toBe(true);
		expect(cursor.horizon).toBe(Number.NEGATIVE_INFINITY);
		expect(cursor.take([ev('behind', Date.now() - 3_600_000)])).toEqual(
			[ev('behind', Date.now() - 3_600_000)].map((e) => ({ ...e, time: expect.any(Number) })),
		);
		expect(
			cursorOf(restart(stored), { scope: 's', lookbackMs: 1000 }).take([ev('behind', 5)]),
		).toEqual([]);
	});

	it('saves nothing before commit: a poll that fails after take leaves the state to the next poll', () => {
		const data: IDataObject = {};
		cursorOf(data, { scope: 's' }).take([ev('a', 100)]);
		const saved = restart(data);
		const failed = PollCursor.begin(data, { scope: 's' });
		expect(failed.take([ev('b', 200)]).map((e) => e.key)).toEqual(['b']);
		expect(data).toEqual(saved);
		// The next poll sees b again, as new.
		expect(
			cursorOf(data, { scope: 's' })
				.take([ev('b', 200)])
				.map((e) => e.key),
		).toEqual(['b']);
	});

	it('commits the pending records with the cursor and the trigger’s own fields; a poll without take leaves the cursor as it was', async () => {
		const node = {
			id: 'n',
			name: 'Trigger',
			type: 't',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		} as INode;
		let fail = true;
		const builder = {
			identify: (r: IDataObject) => ({ id: r.id }),
			build: async (r: IDataObject) => {
				if (fail) throw new MalformedContentError('cut short');
				return { json: { id: r.id } };
			},
		};
		const data: IDataObject = { old: 1 };
		cursorOf(data, { scope: 's' }).take([ev('a', 100)]);
		const cursorBefore = restart(data).cursor;
		const first = PollCursor.begin(data, { scope: 's' });
		expect(await first.build(node, [{ key: 'x', record: { id: 'x' } }], builder)).toEqual([]);
		expect(first.pendingKeys).toEqual(['x']);
		expect(data.retry).toBeUndefined();
		first.commit({ mine: { n: 1 }, old: undefined });
		expect(data).toEqual({
			cursor: cursorBefore,
			retry: { scope: 's', pending: [expect.objectContaining({ key: 'x', attempts: 1 })] },
			mine: { n: 1 },
		});
		fail = false;
		const second = PollCursor.begin(restart(data), { scope: 's' });
		expect((await second.build(node, [], builder)).map((i) => i.json)).toEqual([{ id: 'x' }]);
		expect(second.pendingKeys).toEqual([]);
	});

	describe('replaySince', () => {
		/** A cursor that has emitted a (100), b (200) and c (300), saved and read back. */
		function emittedABC(): IDataObject {
			const data: IDataObject = {};
			cursorOf(data, { scope: 's' }).take([], 0);
			expect(
				cursorOf(data, { scope: 's' })
					.take([ev('a', 100), ev('b', 200), ev('c', 300)])
					.map((e) => e.key),
			).toEqual(['a', 'b', 'c']);
			return restart(data);
		}

		it('emits again the changes at or after it that were emitted before, not the older ones', () => {
			const data = emittedABC();
			expect(
				cursorOf(data, { scope: 's', replaySince: 200 })
					.take([ev('a', 100), ev('b', 200), ev('c', 300)])
					.map((e) => e.key),
			).toEqual(['b', 'c']);
		});

		it('emits new changes of the same poll once, with the replayed ones, oldest first', () => {
			const data = emittedABC();
			expect(
				cursorOf(data, { scope: 's', replaySince: 250 })
					.take([ev('d', 400), ev('c', 300), ev('a', 100), ev('d', 400), ev('b', 200)])
					.map((e) => e.key),
			).toEqual(['c', 'd']);
		});

		it('on a first poll, emits the changes since it (and records the rest as seen)', () => {
			const data: IDataObject = {};
			const first = cursorOf(data, { scope: 's', replaySince: 200 });
			expect(first.started).toBe(false);
			expect(first.take([ev('a', 100), ev('b', 200), ev('c', 300)], 400).map((e) => e.key)).toEqual(
				['b', 'c'],
			);
			expect(
				cursorOf(restart(data), { scope: 's' })
					.take([ev('a', 100), ev('b', 200), ev('c', 300), ev('d', 500)])
					.map((e) => e.key),
			).toEqual(['d']);
		});

		it('horizon is the earlier of the cursor’s horizon and the replay time', () => {
			const data: IDataObject = {};
			cursorOf(data, { scope: 's', lookbackMs: 50 }).take([ev('a', 1000)]);
			expect(cursorOf(restart(data), { scope: 's', lookbackMs: 50 }).horizon).toBe(950);
			expect(
				cursorOf(restart(data), { scope: 's', lookbackMs: 50, replaySince: 400 }).horizon,
			).toBe(400);
			expect(
				cursorOf(restart(data), { scope: 's', lookbackMs: 50, replaySince: 990 }).horizon,
			).toBe(950);
			// Before the first poll nothing is old yet, with or without a replay.
			expect(cursorOf({}, { scope: 's', replaySince: 400 }).horizon).toBe(Number.NEGATIVE_INFINITY);
		});

		it('after the replay poll, a poll without it emits nothing again, only what is new', () => {
			let data = emittedABC();
			const events = [ev('a', 100), ev('b', 200), ev('c', 300)];
			expect(
				cursorOf(data, { scope: 's', lookbackMs: 50, replaySince: 100 })
					.take(events)
					.map((e) => e.key),
			).toEqual(['a', 'b', 'c']);
			data = restart(data);
			expect(cursorOf(data, { scope: 's', lookbackMs: 50 }).take(events)).toEqual([]);
			data = restart(data);
			expect(
				cursorOf(data, { scope: 's', lookbackMs: 50 })
					.take([...events, ev('d', 310)])
					.map((e) => e.key),
			).toEqual(['d']);
			expect(cursorOf(restart(data), { scope: 's', lookbackMs: 50 }).take(events)).toEqual([]);
		});
	});
});
