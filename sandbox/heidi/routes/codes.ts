import { CODING_STANDARDS, type CodingStandard, clinicalEntities } from '../content/codes';
import { objectId } from '../ids';
import { ownedSession } from '../model/session';
import { finalTranscript } from '../model/transcription';
import type { Route } from '../router';
import { ServiceError, invalid, ok } from '../wire';

export const consultNoteMissing = (): ServiceError =>
	new ServiceError(
		400,
		'ConsultNoteNotFoundError',
		'Generate a consult note before requesting clinical codes',
	);

export const codeRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/sessions/{session_id}/clinical-codes',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			if (!c.world.options.clinicalCoding) {
				throw new ServiceError(
					403,
					'ClinicalCodingNotEnabledError',
					'Clinical coding is not enabled for this account',
				);
			}
			// How the standard is chosen is undocumented; `coding_system` comes from a third-party API profile.
			const requested = c.req.query.get('coding_system');
			if (requested && !(CODING_STANDARDS as readonly string[]).includes(requested)) {
				throw invalid(
					['query', 'coding_system'],
					`Input should be ${CODING_STANDARDS.map((s) => `'${s}'`).join(', ')}`,
					'enum',
				);
			}
			const standard = (requested as CodingStandard | null) ?? c.world.options.codingSystem;
			const note = session.consultNote.result;
			if (!note || !session.consultNoteId) throw consultNoteMissing();
			return ok({
				id: objectId(),
				session_id: session.id,
				consult_note_id: session.consultNoteId,
				clinical_entities: clinicalEntities(
					session.encounter,
					note,
					finalTranscript(session),
					standard,
				),
			});
		},
	},
];
