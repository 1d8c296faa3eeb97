import { sectionsFromThirdParty } from '../content/custom';
import type { ContentType } from '../content/format';
import { type VoiceStyle, renderNote } from '../content/note';
import { type NoteTemplate, type TemplateSection, findTemplate } from '../content/templates';
import { objectId } from '../ids';
import type { SessionRecord, World } from '../state';
import { ServiceError, heidiTimestamp } from '../wire';
import { contextDocumentStatus } from './context';
import { patientName, touch } from './session';
import { turnCoverage } from './transcription';

export interface NoteRequest {
	generation_method: 'TEMPLATE' | 'THIRD_PARTY_TEMPLATE';
	template_id: string | null;
	third_party_template: string | null;
	addition: string;
	voice_style: VoiceStyle;
	brain: 'LEFT' | 'RIGHT';
	content_type: ContentType;
}

export const templateNotFound = (): ServiceError =>
	new ServiceError(404, 'TemplateNotFoundError', 'Template not found');

export function requireTemplate(id: string): NoteTemplate {
	const template = findTemplate(id);
	if (!template) throw templateNotFound();
	return template;
}

/**
 * Text written for a session under a template's headings: what the audio covered, plus the
 * session's context (clinician notes, linked sessions' notes, parsed context documents).
 */
export function composeText(
	world: World,
	session: SessionRecord,
	layout: { sections: TemplateSection[]; opening?: string; closing?: string },
	style: { voiceStyle: VoiceStyle; contentType: ContentType; addition: string },
): string {
	const previousSessions = session.fields.linked_sessions_for_context
		.map((id) => world.sessions.get(id))
		.filter(
			(s): s is SessionRecord => !!s && s.ownerId === session.ownerId && !!s.consultNote.result,
		)
		.map((s) => ({
			date: heidiTimestamp(s.createdAt).slice(0, 10),
			assessment: s.encounter.findings.ASSESSMENT.map((f) => f.text).join(' '),
		}));
	const now = world.clock.now();
	const contextDocuments = session.contextDocuments
		.filter((d) => contextDocumentStatus(world, d, now) === 'READY')
		.map((d) => (typeof d.meta.name === 'string' && d.meta.name) || d.fileName);
	return renderNote({
		encounter: session.encounter,
		...layout,
		voiceStyle: style.voiceStyle,
		contentType: style.contentType,
		patientName: patientName(session),
		heardTurns: new Set(turnCoverage(session).turns),
		clinicianNotes: session.fields.clinician_notes,
		previousSessions,
		contextDocuments,
		addition: style.addition,
	});
}

/** The consult note for a request: a catalogue template or the caller's own JSON template. */
export function composeNote(
	world: World,
	session: SessionRecord,
	request: NoteRequest,
): { heading: string; text: string } {
	const template = request.template_id ? requireTemplate(request.template_id) : undefined;
	const sections = template
		? template.sections
		: sectionsFromThirdParty(request.third_party_template ?? '');
	const text = composeText(
		world,
		session,
		{ sections },
		{
			voiceStyle: request.voice_style,
			contentType: request.content_type,
			addition: request.addition,
		},
	);
	return { heading: template?.name ?? 'Custom template', text };
}

/** Generation has started: the session shows the request, the result comes at the end. */
export function startNote(
	world: World,
	session: SessionRecord,
	request: NoteRequest,
	heading: string,
): void {
	Object.assign(session.consultNote, {
		status: 'GENERATING',
		heading,
		brain: request.brain,
		voice_style: request.voice_style,
		generation_method: request.generation_method,
		template_id: request.template_id,
	});
	touch(world, session);
}

export function completeNote(world: World, session: SessionRecord, text: string): void {
	session.consultNote.status = 'COMPLETED';
	session.consultNote.result = text;
	session.consultNoteId = objectId();
	touch(world, session);
}
