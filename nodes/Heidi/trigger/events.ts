import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { CursorEvent } from '../../common/pollCursor';
import { heidiTime } from '../outputs/encounterNote';

export type SessionEvent = 'newSession' | 'noteReady' | 'sessionUpdated';

export interface SessionChange extends CursorEvent {
	event: SessionEvent | 'version';
	sessionId: string;
}

/**
 * Consult-note statuses that mean generation is still running. Only `CREATED` is documented
 * (fact sheet §4, §13), so any other status with a result counts as finished.
 */
const IN_PROGRESS = new Set(['GENERATING', 'IN_PROGRESS', 'PENDING', 'PROCESSING', 'QUEUED', 'RUNNING', 'STREAMING', 'STARTED']);

export function noteReady(session: IDataObject): boolean {
	const note = session.consult_note as IDataObject | undefined;
	if (!note || typeof note.result !== 'string' || !note.result.trim()) return false;
	return !IN_PROGRESS.has(String(note.status ?? '').toUpperCase());
}

/** A short fingerprint of the note text: a rewritten note is a new event, an untouched one is not. */
export function noteDigest(session: IDataObject): string | undefined {
	if (!noteReady(session)) return undefined;
	const result = (session.consult_note as IDataObject).result as string;
	return createHash('sha1').update(result).digest('hex').slice(0, 16);
}

export const createdAt = (session: IDataObject): number | undefined => heidiTime(session.created_at);

export const updatedAt = (session: IDataObject): number | undefined => heidiTime(session.updated_at) ?? createdAt(session);

/** The version marker of a row: seen once per `updated_at`, so unchanged rows are not read again. */
export function versionOf(session: IDataObject): SessionChange | undefined {
	const time = updatedAt(session);
	const sessionId = String(session.session_id ?? '');
	if (time === undefined || !sessionId) return undefined;
	return { event: 'version', sessionId, key: `${sessionId}|v|${String(session.updated_at ?? session.created_at)}`, time };
}

/**
 * The session changes a row shows (creation, update), keyed so each is emitted once however many
 * polls, pages or restarts see it. Note readiness is tracked by `NoteMemory` instead: a note's
 * row can change long after the note did.
 */
export function changesOf(session: IDataObject, wanted: readonly SessionEvent[]): SessionChange[] {
	const sessionId = String(session.session_id ?? '');
	const created = createdAt(session);
	const updated = updatedAt(session);
	if (!sessionId || created === undefined || updated === undefined) return [];
	const out: SessionChange[] = [];
	if (wanted.includes('newSession')) out.push({ event: 'newSession', sessionId, key: `${sessionId}|new`, time: created });
	if (wanted.includes('sessionUpdated') && updated > created) {
		out.push({ event: 'sessionUpdated', sessionId, key: `${sessionId}|updated|${String(session.updated_at)}`, time: updated });
	}
	return out;
}
