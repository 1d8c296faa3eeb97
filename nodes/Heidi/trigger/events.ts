import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import { heidiTime } from '../outputs/encounterNote';

export type SessionEvent = 'newSession' | 'noteReady' | 'sessionUpdated';

export const SESSION_EVENTS: readonly SessionEvent[] = [
	'newSession',
	'noteReady',
	'sessionUpdated',
];

/**
 * Where a session's consult note stands. Heidi documents one `consult_note.status`, `CREATED`
 * (https://www.heidihealth.com/developers/heidi-api/sessions/overview), without saying whether it means "written" or "record made, text to come";
 * other values are unconfirmed. So:
 * - `final`: a status that plainly says done (COMPLETED, …): announced at once;
 * - `writing`: a status that says generation is running (GENERATING, …), or one that says it failed: never announced;
 * - `unconfirmed`: CREATED, no status or an unknown one: announced once the same text is seen on two
 *   polls in a row, so a note still being streamed in is not announced half-written under either reading;
 * - `none`: no text yet.
 */
export type NoteState = 'none' | 'writing' | 'final' | 'unconfirmed';

const WRITING = new Set([
	'GENERATING',
	'IN_PROGRESS',
	'INPROGRESS',
	'PENDING',
	'PROCESSING',
	'QUEUED',
	'RUNNING',
	'STREAMING',
	'STARTED',
	'WRITING',
	'DRAFTING',
]);
const NOT_A_NOTE = new Set(['FAILED', 'ERROR', 'CANCELLED', 'CANCELED', 'ABORTED']);
const FINAL = new Set([
	'COMPLETED',
	'COMPLETE',
	'DONE',
	'FINISHED',
	'FINAL',
	'FINALIZED',
	'FINALISED',
	'GENERATED',
	'READY',
	'SUCCEEDED',
	'SUCCESS',
]);

export function noteState(session: IDataObject): NoteState {
	const note = session.consult_note as IDataObject | undefined;
	if (!note || typeof note !== 'object' || typeof note.result !== 'string' || !note.result.trim())
		return 'none';
	const status = String(note.status ?? '')
		.trim()
		.toUpperCase();
	if (WRITING.has(status) || NOT_A_NOTE.has(status)) return 'writing';
	return FINAL.has(status) ? 'final' : 'unconfirmed';
}

/** Whether the session carries a note that is (or may be) finished: what items add the EncounterNote to. */
export const noteReady = (session: IDataObject): boolean =>
	['final', 'unconfirmed'].includes(noteState(session));

/** A short fingerprint of the note text: a rewritten note is a new event, an untouched one is not. */
export function noteDigest(session: IDataObject): string | undefined {
	if (noteState(session) === 'none') return undefined;
	const result = (session.consult_note as IDataObject).result as string;
	return createHash('sha1').update(result).digest('hex').slice(0, 16);
}

export const createdAt = (session: IDataObject): number | undefined =>
	heidiTime(session.created_at);

export const updatedAt = (session: IDataObject): number | undefined =>
	heidiTime(session.updated_at) ?? createdAt(session);
