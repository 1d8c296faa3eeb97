import type { SyntheticEncounter, SyntheticTurn } from '../../data/encounters';

/** The transcript format is undocumented (a plain string, https://www.heidihealth.com/developers/heidi-api/transcription); speaker-labelled lines. */
export const turnLine = (turn: SyntheticTurn): string =>
	`${turn.role === 'PATIENT' ? 'Patient' : 'Clinician'}: ${turn.text}`;

export function transcriptOf(encounter: SyntheticEncounter, turnIndexes: Iterable<number>): string {
	return [...new Set(turnIndexes)]
		.sort((a, b) => a - b)
		.map((i) => turnLine(encounter.turns[i]))
		.join('\n');
}

/**
 * The consultation a segmented recording carries is split over a nominal number of segments;
 * each segment (in index order) covers the next share of turns, and the last one of a finished
 * recording takes whatever is left. Earlier segments never change once they are transcribed.
 */
export const NOMINAL_SEGMENTS = 3;

export function segmentTurns(
	encounter: SyntheticEncounter,
	position: number,
	count: number,
	finished: boolean,
): number[] {
	const total = encounter.turns.length;
	const share = Math.ceil(total / NOMINAL_SEGMENTS);
	const start = Math.min(total, position * share);
	const end = finished && position === count - 1 ? total : Math.min(total, start + share);
	return Array.from({ length: end - start }, (_, i) => start + i);
}

/** Seconds of conversation the given turns span. */
export function spanSeconds(encounter: SyntheticEncounter, turnIndexes: number[]): number {
	if (!turnIndexes.length) return 0;
	const first = encounter.turns[Math.min(...turnIndexes)];
	const last = encounter.turns[Math.max(...turnIndexes)];
	return Number((last.end - first.start).toFixed(2));
}
