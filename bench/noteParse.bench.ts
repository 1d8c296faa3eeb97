/**
 * Parsing a 60-minute encounter's HealthScribe outputs into an EncounterNote, against the baseline
 * of only JSON.parse-ing the same two files. Target: low milliseconds, no quadratic joins,
 * so the ratio stays small and does not grow with the encounter's length.
 */
import { ENCOUNTERS, type SyntheticEncounter } from '../sandbox/data/encounters';
import { buildClinicalDocument, buildTranscript } from '../sandbox/transcribe/outputs';
import { healthScribeNote } from '../nodes/HealthScribe/outputs/note';
import { measure, ms, type BenchRow } from './measure';

/** The synthetic encounter repeated until it lasts `minutes` (turn times and evidence shifted). */
function encounterOf(minutes: number): SyntheticEncounter {
	const base = ENCOUNTERS[0];
	const length = base.turns[base.turns.length - 1].end + 1;
	const copies = Math.ceil((minutes * 60) / length);
	const turns = Array.from({ length: copies }, (_, c) =>
		base.turns.map((t) => ({ ...t, start: t.start + c * length, end: t.end + c * length })),
	).flat();
	const findings = Object.fromEntries(
		Object.entries(base.findings).map(([key, list]) => [
			key,
			Array.from({ length: copies }, (_, c) =>
				list.map((f) => ({
					text: f.text,
					evidence: f.evidence.map((e) => e + c * base.turns.length),
				})),
			).flat(),
		]),
	) as SyntheticEncounter['findings'];
	return { ...base, turns, findings };
}

export function noteParseBench(): BenchRow[] {
	const rows: BenchRow[] = [];
	for (const minutes of [15, 60]) {
		const encounter = encounterOf(minutes);
		const transcriptText = JSON.stringify(buildTranscript('bench-job', encounter));
		const documentText = JSON.stringify(
			buildClinicalDocument('bench-job', encounter, 'HISTORY_AND_PHYSICAL'),
		);
		const baseline = measure(() => [JSON.parse(transcriptText), JSON.parse(documentText)]);
		const parsed = measure(() =>
			healthScribeNote(JSON.parse(transcriptText), JSON.parse(documentText), {
				jobName: 'bench-job',
			}),
		);
		const note = healthScribeNote(JSON.parse(transcriptText), JSON.parse(documentText));
		const ratio = parsed.medianMs / baseline.medianMs;
		rows.push({
			bench: 'EncounterNote from HealthScribe outputs',
			case: `${minutes} min, ${note.transcript.turns.length} turns, ${(transcriptText.length / 1024).toFixed(0)} KiB`,
			value: ms(parsed.medianMs),
			baseline: `JSON.parse only ${ms(baseline.medianMs)}`,
			ratio,
			target: '≤ 5× JSON.parse and < 20 ms',
			ok: ratio <= 5 && parsed.medianMs < 20,
		});
	}
	return rows;
}
