/**
 * The trigger cursor over a poll of n changes, against the baseline of de-duplicating the same keys
 * with a plain Set. Target: linear (ratio flat as n grows) and state bounded by the look-back window.
 */
import { PollCursor, type CursorEvent } from '../nodes/common/pollCursor';
import { measure, ms, type BenchRow } from './measure';

export function pollCursorBench(): BenchRow[] {
	const rows: BenchRow[] = [];
	for (const n of [1_000, 10_000]) {
		// Every event shares one of 10 timestamps: the equal-timestamp case the boundary set exists for.
		const events: CursorEvent[] = Array.from({ length: n }, (_, i) => ({
			key: `job-${i}|COMPLETED`,
			time: 1_000_000 + (i % 10),
		}));
		const seen = events.slice(0, n / 2);
		const baseline = measure(() => {
			const set = new Set(seen.map((e) => e.key));
			return events.filter((e) => !set.has(e.key));
		});
		let stateBytes = 0;
		const timed = measure(() => {
			const data = {};
			const first = PollCursor.begin(data, { scope: 'bench' });
			first.take(seen);
			first.commit();
			const out = PollCursor.begin(JSON.parse(JSON.stringify(data)), { scope: 'bench' }).take(
				events,
			);
			stateBytes = JSON.stringify(data).length;
			return out;
		});
		const ratio = timed.medianMs / baseline.medianMs;
		rows.push({
			bench: 'Poll cursor (exactly once)',
			case: `${n} changes, equal timestamps, restart between polls; state ${(stateBytes / 1024).toFixed(0)} KiB`,
			value: ms(timed.medianMs),
			baseline: `Set de-dupe ${ms(baseline.medianMs)}`,
			ratio,
			target: '≤ 25× a bare Set (includes the JSON round-trip of a restart)',
			ok: ratio <= 25,
		});
	}
	return rows;
}
