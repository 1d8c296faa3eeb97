import { synthesizeTones } from '../../audio/wav';
import type { SyntheticEncounter } from '../../data/encounters';
import { TEMPLATES } from '../content/templates';
import { objectId } from '../ids';
import type { ApiUser, SessionRecord, World } from '../state';
import { type NoteRequest, completeNote, composeNote, startNote } from './note';
import { createSession } from './session';
import { TRANSCRIBED } from './transcription';

/** A short synthetic tone standing in for the seeded recordings (never speech). */
const SEED_AUDIO = synthesizeTones({ seconds: 0.25, sampleRate: 8000, tones: [440, 660] });

export const DEFAULT_NOTE_REQUEST: NoteRequest = {
	generation_method: 'TEMPLATE',
	template_id: TEMPLATES[0].id,
	third_party_template: null,
	addition: '',
	voice_style: 'GOLDILOCKS',
	brain: 'LEFT',
	content_type: 'MARKDOWN',
};

/**
 * A session as if the clinician had recorded it in the Heidi app: one transcribed upload and,
 * unless `withNote` is false, a finished consult note.
 */
export function seedSession(
	world: World,
	owner: ApiUser,
	encounter: SyntheticEncounter,
	createdAt: number,
	withNote = true,
): SessionRecord {
	const session = createSession(world, owner, { encounter, createdAt });
	session.audio.push({
		id: objectId(),
		index: 0,
		status: TRANSCRIBED,
		createdAt,
		fileName: `${encounter.id}.mp3`,
		contentType: 'audio/mpeg',
		bytes: SEED_AUDIO,
		startTime: null,
		endTime: null,
	});
	if (withNote) generateNoteNow(world, session, DEFAULT_NOTE_REQUEST);
	// The note was written shortly after the consultation, not now.
	session.updatedAt = Math.min(world.clock.now(), createdAt + 10 * 60_000);
	return session;
}

/** Write a note without streaming (what the Heidi app does when the clinician presses generate). */
export function generateNoteNow(
	world: World,
	session: SessionRecord,
	request: NoteRequest,
): string {
	const { heading, text } = composeNote(world, session, request);
	startNote(world, session, request, heading);
	completeNote(world, session, text);
	return text;
}
