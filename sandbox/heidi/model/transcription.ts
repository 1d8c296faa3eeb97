import { detectAudioContainer } from '../../audio/detect';
import { segmentTurns, spanSeconds, transcriptOf } from '../content/transcript';
import type { Recording, SessionRecord, World } from '../state';

/**
 * Upload statuses: only `INITIALIZED` is documented (https://www.heidihealth.com/developers/heidi-api/transcription); after transcription an
 * upload is `TRANSCRIBED`, or `FAILED` when its bytes are not audio in any known container.
 */
export const INITIALIZED = 'INITIALIZED';
export const TRANSCRIBED = 'TRANSCRIBED';
export const FAILED = 'FAILED';

export const isAudible = (bytes: Buffer): boolean => detectAudioContainer(bytes) !== undefined;

/** A recording's segments in index order, each with the turns it carries (none if it is not audio). */
export function recordingChunks(session: SessionRecord, recording: Recording) {
	const ordered = [...recording.segments.values()].sort((a, b) => a.index - b.index);
	return ordered.map((segment, position) => ({
		segment,
		turns: segment.audible
			? segmentTurns(session.encounter, position, ordered.length, recording.finished)
			: [],
	}));
}

/**
 * The turns the session's audio has been transcribed into: every turn once a whole upload has
 * been transcribed (an upload carries the full consultation), plus each segment's share.
 */
export function turnCoverage(session: SessionRecord) {
	const turns = new Set<number>();
	if (session.audio.some((a) => a.status === TRANSCRIBED))
		session.encounter.turns.forEach((_, i) => turns.add(i));
	for (const recording of session.recordings.values()) {
		for (const chunk of recordingChunks(session, recording))
			chunk.turns.forEach((t) => turns.add(t));
	}
	const list = [...turns];
	return { turns: list, seconds: spanSeconds(session.encounter, list) };
}

export function finalTranscript(session: SessionRecord): string {
	return transcriptOf(session.encounter, turnCoverage(session).turns);
}

/** Whether anything this session received has been turned into text yet. */
export function anythingTranscribed(session: SessionRecord): boolean {
	return (
		session.audio.some((a) => a.status !== INITIALIZED) ||
		[...session.recordings.values()].some((r) => r.segments.size > 0)
	);
}

/**
 * Whole uploads are transcribed lazily, on the first read that needs them (https://www.heidihealth.com/developers/heidi-api/transcription),
 * taking `transcriptionDelayMs` of real time.
 */
export async function ensureTranscribed(world: World, session: SessionRecord): Promise<void> {
	const pending = session.audio.filter((a) => a.status === INITIALIZED);
	if (!pending.length) return;
	const delay = world.options.transcriptionDelayMs;
	if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
	for (const audio of pending) audio.status = isAudible(audio.bytes) ? TRANSCRIBED : FAILED;
}

/**
 * `GET /transcript/live`: chunks from whole uploads (USER_UPLOADED, READY once transcribed) and
 * from segments (LIVE, READY `latencyMs` of sandbox time after they arrived, FAILED if not audio).
 * Shape per a third-party API profile (undocumented by Heidi): `active_source`, `chunks[{id,status,duration,text,source}]`.
 */
export function liveTranscript(session: SessionRecord, now: number, latencyMs: number) {
	type Status = 'PENDING' | 'READY' | 'FAILED';
	const chunks: Array<{
		id: string;
		index: number;
		status: Status;
		duration: number;
		text: string;
		source: string;
	}> = [];
	const all = session.encounter.turns.map((_, i) => i);
	for (const audio of session.audio) {
		const status: Status =
			audio.status === TRANSCRIBED ? 'READY' : audio.status === FAILED ? 'FAILED' : 'PENDING';
		chunks.push({
			id: audio.id,
			index: audio.index,
			status,
			duration: status === 'READY' ? spanSeconds(session.encounter, all) : 0,
			text: status === 'READY' ? transcriptOf(session.encounter, all) : '',
			source: 'USER_UPLOADED',
		});
	}
	for (const recording of session.recordings.values()) {
		for (const { segment, turns } of recordingChunks(session, recording)) {
			const done = now >= segment.receivedAt + latencyMs;
			const status: Status = !done ? 'PENDING' : segment.audible ? 'READY' : 'FAILED';
			chunks.push({
				id: `${recording.id}-${segment.index}`,
				index: segment.index,
				status,
				duration: spanSeconds(session.encounter, turns),
				text: status === 'READY' ? transcriptOf(session.encounter, turns) : '',
				source: 'LIVE',
			});
		}
	}
	const activeSource = session.recordings.size
		? 'LIVE'
		: session.audio.length
			? 'USER_UPLOADED'
			: null;
	return {
		active_source: activeSource,
		chunks,
		transcript: chunks
			.filter((c) => c.status === 'READY' && c.text)
			.map((c) => c.text)
			.join('\n'),
	};
}
