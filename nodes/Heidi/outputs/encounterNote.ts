import type { IDataObject } from 'n8n-workflow';
import { buildEncounterNote, type EncounterNote } from '../../common/encounterNote';
import { parseNoteSections, sectionKey } from './noteText';
import { parseTranscript } from './transcript';

/** Heidi timestamps are UTC with microseconds and no zone (`2024-12-11T03:57:57.921000`). */
export function heidiTime(value: unknown): number | undefined {
	if (typeof value !== 'string' || !value) return undefined;
	const zoned = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
	const ms = Date.parse(zoned.replace(/(\.\d{3})\d+/, '$1'));
	return Number.isNaN(ms) ? undefined : ms;
}

export interface HeidiNoteParts {
	session: IDataObject;
	transcript: string;
	/** The note text; defaults to the session's `consult_note.result`. */
	note?: string;
}

/** One EncounterNote (common/encounterNote.ts) from a Heidi session, its transcript and its consult note. */
export function heidiEncounterNote(parts: HeidiNoteParts): EncounterNote {
	const consult = (parts.session.consult_note as IDataObject | undefined) ?? {};
	const text = parts.note ?? (typeof consult.result === 'string' ? consult.result : '');
	const ids: Record<string, string> = { sessionId: String(parts.session.session_id ?? '') };
	if (typeof consult.template_id === 'string' && consult.template_id)
		ids.templateId = consult.template_id;
	const created = heidiTime(parts.session.created_at);
	return buildEncounterNote({
		source: {
			vendor: 'heidi',
			ids,
			...(typeof consult.heading === 'string' && consult.heading
				? { template: consult.heading }
				: {}),
			...(created !== undefined ? { createdAt: new Date(created).toISOString() } : {}),
		},
		sections: parseNoteSections(text).map((section) => ({
			name: sectionKey(section.heading),
			title: section.heading,
			items: section.items.map((item) => ({ text: item })),
		})),
		turns: parseTranscript(parts.transcript),
	});
}
