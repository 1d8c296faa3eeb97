import { segmentTurns, spanSeconds, transcriptOf } from '../content/transcript';
import type { Recording, SessionRecord, World } from '../state';

/** Upload status after transcription; only `INITIALIZED` is documented (fact sheet §13). */
export const TRANSCRIBED = 'TRANSCRIBED';

/** A recording's segments in index order, each with the turns it carries. */
export function recordingChunks(session: SessionRecord, recording: Recording) {
	const ordered = [...recording.segments.values()].sort((a, b) => a.index - b.index);
	return ordered.map((segment, position) => ({
		segment,
		turns: segmentTurns(session.encounter, position, ordered.length, recording.finished),
	}));
}

/**
 * The turns the session's audio has been transcribed into: every turn once a whole upload has
 * been transcribed (uploads carry the full consultation), plus each segment's share.
 */
export function turnCoverage(session: SessionRecord) {
	const turns = new Set<number>();
	if (session.uploadsTranscribed && session.audio.length) session.encounter.turns.forEach((_, i) => turns.add(i));
	for (const recording of session.recordings.values()) {
		for (const chunk of recordingChunks(session, recording)) chunk.turns.forEach((t) => turns.add(t));
	}
	const list = [...turns];
	return { turns: list, seconds: spanSeconds(session.encounter, list) };
}

export function finalTranscript(session: SessionRecord): string {
	return transcriptOf(session.encounter, turnCoverage(session).turns);
}

/** Transcription of whole uploads runs lazily on the first transcript read (fact sheet §6). */
function hasPendingUploads(session: SessionRecord): boolean {
	return session.audio.some((a) => a.status !== TRANSCRIBED);
}

/** Transcribe pending uploads (taking `transcriptionDelayMs` of real time) before anything reads them. */
export async function ensureTranscribed(world: World, session: SessionRecord): Promise<void> {
	if (!hasPendingUploads(session)) return;
	const delay = world.options.transcriptionDelayMs;
	if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
	session.audio.forEach((a) => (a.status = TRANSCRIBED));
	session.uploadsTranscribed = true;
}

/**
 * `GET /transcript/live`: chunks from whole uploads (USER_UPLOADED, READY once transcribed) and
 * from segments (LIVE, READY `latencyMs` of sandbox time after they arrived). Shape per the
 * derived profile (fact sheet §12, L): `active_source`, `chunks[{id,status,duration,text,source}]`.
 */
export function liveTranscript(session: SessionRecord, now: number, latencyMs: number) {
	const chunks: Array<{ id: string; index: number; status: 'PENDING' | 'READY'; duration: number; text: string; source: string }> = [];
	for (const audio of session.audio) {
		const ready = audio.status === TRANSCRIBED;
		const all = session.encounter.turns.map((_, i) => i);
		chunks.push({
			id: audio.id,
			index: audio.index,
			status: ready ? 'READY' : 'PENDING',
			duration: spanSeconds(session.encounter, all),
			text: ready ? transcriptOf(session.encounter, all) : '',
			source: 'USER_UPLOADED',
		});
	}
	for (const recording of session.recordings.values()) {
		for (const { segment, turns } of recordingChunks(session, recording)) {
			const ready = now >= segment.receivedAt + latencyMs;
			chunks.push({
				id: `${recording.id}-${segment.index}`,
				index: segment.index,
				status: ready ? 'READY' : 'PENDING',
				duration: spanSeconds(session.encounter, turns),
				text: ready ? transcriptOf(session.encounter, turns) : '',
				source: 'LIVE',
			});
		}
	}
	const activeSource = session.recordings.size ? 'LIVE' : session.audio.length ? 'USER_UPLOADED' : null;
	return {
		active_source: activeSource,
		chunks,
		transcript: chunks
			.filter((c) => c.status === 'READY' && c.text)
			.map((c) => c.text)
			.join('\n'),
	};
}
