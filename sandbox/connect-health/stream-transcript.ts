/**
 * The transcript a streamed listening session hears: the synthetic encounter its audio belongs to
 * (an example recording's encounter, else one chosen from the audio's first bytes), partial results
 * while audio arrives, finals at the end with their times scaled onto the audio received.
 */
import { createHash } from 'node:crypto';
import { EXAMPLE_RECORDINGS, renderExample } from '../audio/examples';
import { ENCOUNTERS, pickEncounter, type SyntheticEncounter } from '../data/encounters';
import { outputEvent } from '../core/eventstream';
import type { ParticipantRole } from './shapes';
import type { SessionRecord } from './state';

export interface LiveSession {
	record: SessionRecord;
	channels: number;
	encounter?: SyntheticEncounter;
	/** Turns whose partial was sent. */
	partials: number;
	audioSeconds: number;
}

/** Encounter of the audio: an example recording's encounter when the audio is one, else chosen by the audio's first bytes. */
let fingerprints: Array<{ prefix: Buffer; encounterId: string }> | undefined;
export function encounterOf(firstAudio: Buffer): SyntheticEncounter {
	fingerprints ??= EXAMPLE_RECORDINGS.map((r) => ({
		prefix: renderExample(r).subarray(44, 44 + 256),
		encounterId: r.encounterId,
	}));
	const found = fingerprints.find(
		(f) =>
			firstAudio.length >= 64 &&
			f.prefix
				.subarray(0, Math.min(256, firstAudio.length))
				.equals(firstAudio.subarray(0, Math.min(256, firstAudio.length))),
	);
	return (
		ENCOUNTERS.find((e) => e.id === found?.encounterId) ??
		pickEncounter(createHash('sha256').update(firstAudio.subarray(0, 4096)).digest('hex'))
	);
}

export function audioSeconds(live: LiveSession, bytes: number): number {
	const perSecond = live.record.mediaSampleRateHertz * live.channels * 2;
	// FLAC: about half the PCM size for speech.
	return live.record.mediaEncoding === 'pcm' ? bytes / perSecond : (bytes * 2) / perSecond;
}

function channelOf(live: LiveSession, role: ParticipantRole): string {
	return String(
		live.record.channelDefinitions?.find((c) => c.participantRole === role)?.channelId ?? 0,
	);
}

function segment(live: LiveSession, index: number, partial: boolean, scale: number): Uint8Array {
	const turn = live.encounter!.turns[index];
	const words = turn.text.split(' ');
	const content = partial
		? words.slice(0, Math.max(1, Math.ceil(words.length / 2))).join(' ')
		: turn.text;
	return outputEvent('transcriptEvent', {
		transcriptSegment: {
			segmentId: `${live.record.sessionId.slice(0, 8)}-${String(index).padStart(4, '0')}`,
			audioBeginOffset: Number((turn.start * scale).toFixed(3)),
			audioEndOffset: Number((turn.end * scale).toFixed(3)),
			isPartial: partial,
			channelId: channelOf(live, turn.role),
			content,
		},
	});
}

/** While audio arrives: a partial result for every turn whose start the audio has passed. */
export function partialTranscript(live: LiveSession): Uint8Array[] {
	const turns = live.encounter!.turns;
	const out: Uint8Array[] = [];
	while (live.partials < turns.length && turns[live.partials].start <= live.audioSeconds)
		out.push(segment(live, live.partials++, true, 1));
	return out;
}

/** At the end: the final version of every turn, its times scaled onto the audio actually received. */
export function finalTranscript(live: LiveSession): Uint8Array[] {
	if (!live.encounter) return [];
	const turns = live.encounter.turns;
	const length = turns[turns.length - 1].end;
	const scale =
		live.audioSeconds > 0 && live.audioSeconds < length ? live.audioSeconds / length : 1;
	return turns.map((_, i) => segment(live, i, false, scale));
}
