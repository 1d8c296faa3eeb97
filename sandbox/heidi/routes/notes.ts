import { fillCustomTemplate, readCustomTemplate } from '../content/custom';
import { fragments } from '../content/format';
import { VOICE_STYLES } from '../content/note';
import { TEMPLATES, templateToWire } from '../content/templates';
import { optionalEnum, optionalString, requiredEnum, requiredString } from '../fields';
import { type NoteRequest, completeNote, composeNote, startNote } from '../model/note';
import { ownedSession } from '../model/session';
import { ensureTranscribed, turnCoverage } from '../model/transcription';
import type { Route } from '../router';
import { streamFragments } from '../stream';
import { ServiceError, invalid, ok, readObject } from '../wire';

export const CONTENT_TYPES = ['MARKDOWN', 'HTML'] as const;
export const BRAINS = ['LEFT', 'RIGHT'] as const;

/**
 * The `POST /consult-note` body (https://www.heidihealth.com/developers/heidi-api/consult-notes). The docs disagree on whether a custom JSON
 * template goes with `THIRD_PARTY_TEMPLATE` (older page) or as `third_party_template` under
 * `TEMPLATE` (current page); both are accepted. `template_id` and `third_party_template` exclude
 * each other.
 */
function readNoteRequest(body: Record<string, unknown>): NoteRequest {
	const method = requiredEnum(body, 'generation_method', [
		'TEMPLATE',
		'THIRD_PARTY_TEMPLATE',
	] as const);
	const templateId = optionalString(body, 'template_id') ?? null;
	const thirdParty = optionalString(body, 'third_party_template') ?? null;
	if (templateId && thirdParty) {
		throw invalid(
			['body', 'third_party_template'],
			'template_id and third_party_template cannot be used together',
			'value_error',
		);
	}
	if (method === 'TEMPLATE' && !templateId && !thirdParty)
		throw invalid(['body', 'template_id'], 'Field required', 'missing');
	if (method === 'THIRD_PARTY_TEMPLATE' && !thirdParty)
		throw invalid(['body', 'third_party_template'], 'Field required', 'missing');
	return {
		generation_method: method,
		template_id: templateId,
		third_party_template: thirdParty,
		addition: requiredString(body, 'addition'),
		voice_style: requiredEnum(body, 'voice_style', VOICE_STYLES),
		brain: optionalEnum(body, 'brain', BRAINS) ?? 'LEFT',
		content_type: optionalEnum(body, 'content_type', CONTENT_TYPES) ?? 'MARKDOWN',
	};
}

export const noteRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/templates/consult-note-templates',
		guard: 'token',
		handle() {
			return ok({
				templates: TEMPLATES.filter((t) => t.category === 'CONSULT_NOTE_TEMPLATE').map(
					templateToWire,
				),
			});
		},
	},
	{
		method: 'GET',
		pattern: '/templates/document-templates',
		guard: 'token',
		handle() {
			// Described as the global consult-note and document templates (undocumented; third-party clients and profile); same shape as above.
			return ok({ templates: TEMPLATES.map(templateToWire) });
		},
	},
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/consult-note',
		guard: 'token',
		async handle(c) {
			const session = ownedSession(c);
			const request = readNoteRequest(readObject(c.req));
			await ensureTranscribed(c.world, session);
			const nothingToWrite =
				!turnCoverage(session).turns.length &&
				!session.fields.clinician_notes.length &&
				!request.addition.trim();
			if (nothingToWrite && !session.fields.generate_output_without_recording) {
				throw new ServiceError(
					400,
					'EmptyTranscriptError',
					'Session has no transcript or context to generate a note from',
				);
			}
			const { heading, text } = composeNote(c.world, session, request);
			startNote(c.world, session, request, heading);
			c.world.stats.consultNotes++;
			const { streamFormat, streamChunkDelayMs } = c.world.options;
			return streamFragments(fragments(text), streamFormat, streamChunkDelayMs, () =>
				completeNote(c.world, session, text),
			);
		},
	},
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/client-customised-template/response',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			const template = readCustomTemplate(readObject(c.req));
			if (!session.consultNote.result) {
				throw new ServiceError(
					400,
					'ConsultNoteNotFoundError',
					'Generate a consult note with a template before requesting a custom template response',
				);
			}
			return ok(fillCustomTemplate(template, session.encounter, new Date(session.createdAt)));
		},
	},
];
