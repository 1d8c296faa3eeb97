import { VOICE_STYLES } from '../content/note';
import { optionalEnum, requiredEnum, requiredString } from '../fields';
import { objectId } from '../ids';
import { composeText, requireTemplate } from '../model/note';
import { ownedSession, touch } from '../model/session';
import type { Route } from '../router';
import type { SessionDocument } from '../state';
import { ok, readObject } from '../wire';
import { BRAINS, CONTENT_TYPES } from './notes';

/**
 * Documents (https://www.heidihealth.com/developers/heidi-api/documents). The docs call creation "create an empty document" while the help
 * pages say documents are built from the finished note: with a note the content is written from
 * it, without one the document is created empty.
 */
export const documentRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/documents',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			const body = readObject(c.req);
			optionalEnum(body, 'document_tab_type', ['DOCUMENT'] as const);
			requiredEnum(body, 'generation_method', ['TEMPLATE'] as const);
			const template = requireTemplate(requiredString(body, 'template_id'));
			const voiceStyle = optionalEnum(body, 'voice_style', VOICE_STYLES) ?? null;
			const brain = optionalEnum(body, 'brain', BRAINS) ?? 'LEFT';
			const contentType = optionalEnum(body, 'content_type', CONTENT_TYPES) ?? 'MARKDOWN';
			const content = session.consultNote.result
				? composeText(c.world, session, template, {
						voiceStyle: voiceStyle ?? 'GOLDILOCKS',
						contentType,
						addition: '',
					})
				: '';
			const document: SessionDocument = {
				id: objectId(),
				session_id: session.id,
				index: session.documents.length,
				name: template.name,
				template_id: template.id,
				content,
				generation_type: 'TEMPLATE',
				brain,
				voice_style: voiceStyle,
				content_type: contentType,
			};
			session.documents.push(document);
			touch(c.world, session);
			const { id, session_id, name, template_id } = document;
			return ok({
				id,
				session_id,
				name,
				template_id,
				brain,
				voice_style: voiceStyle,
				content_type: contentType,
				content,
			});
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/{session_id}/documents',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			return ok({
				documents: session.documents.map(
					({ id, session_id, index, name, template_id, content, generation_type, brain }) => ({
						id,
						session_id,
						index,
						name,
						template_id,
						content,
						generation_type,
						brain,
					}),
				),
			});
		},
	},
];
