import type { SyntheticEncounter } from '../data/encounters';
import {
	buildClinicalDocument,
	buildTranscript,
	type ClinicalDocumentFile,
} from '../transcribe/outputs';
import type { NoteTemplate } from '../transcribe/shapes';
import type { ArtifactName, NoteTemplateSettings } from './state';
import { s3Join, type S3Location } from './wire';

/**
 * Post-stream artifacts of a medical scribe listening session. Connect Health's scribe is
 * HealthScribe underneath, so the transcript and clinical note are the HealthScribe files the
 * Transcribe emulator builds, in their streaming form (`SessionId` instead of `JobName`/`JobType`);
 * the after-visit summary follows the same style.
 *
 * S3 layout (not documented by AWS for Connect Health; chosen to resemble HealthScribe streaming's
 * `<bucket>/healthscribe-streaming/<session-id>/...`, and to let a watcher read the ids from the key):
 *   <outputS3Uri>/medical-scribe/<domainId>/<subscriptionId>/<sessionId>/transcript.json
 *   <outputS3Uri>/medical-scribe/<domainId>/<subscriptionId>/<sessionId>/clinical-note.json
 *   <outputS3Uri>/medical-scribe/<domainId>/<subscriptionId>/<sessionId>/after-visit-summary.json
 */

export const ARTIFACT_FILES: Record<ArtifactName, string> = {
	transcript: 'transcript.json',
	note: 'clinical-note.json',
	afterVisitSummary: 'after-visit-summary.json',
};

export function artifactLocation(
	output: S3Location,
	ids: { domainId: string; subscriptionId: string; sessionId: string },
	artifact: ArtifactName,
): S3Location {
	return s3Join(
		output,
		'medical-scribe',
		ids.domainId,
		ids.subscriptionId,
		ids.sessionId,
		ARTIFACT_FILES[artifact],
	);
}

type Section = ClinicalDocumentFile['ClinicalDocumentation']['Sections'][number];

/**
 * The note's sections. A custom template's section takes the base template section its header
 * names, else the History & Physical section it names (the encounter's finding keys), else the
 * base template's sections in turn.
 */
function noteSections(
	sessionId: string,
	encounter: SyntheticEncounter,
	settings: NoteTemplateSettings,
): Section[] {
	if ('managedTemplate' in settings)
		return buildClinicalDocument(
			sessionId,
			encounter,
			settings.managedTemplate.templateType as NoteTemplate,
		).ClinicalDocumentation.Sections;
	const base = buildClinicalDocument(
		sessionId,
		encounter,
		settings.customTemplate.templateType as NoteTemplate,
	).ClinicalDocumentation.Sections;
	const findings = buildClinicalDocument(sessionId, encounter, 'HISTORY_AND_PHYSICAL')
		.ClinicalDocumentation.Sections;
	return settings.customTemplate.templateInstructions.map(({ sectionHeader }, i) => {
		const upper = sectionHeader.toUpperCase();
		const source =
			base.find((s) => s.SectionName === upper) ??
			findings.find((s) => s.SectionName === upper) ??
			base[i % base.length];
		return { SectionName: sectionHeader, Summary: source.Summary };
	});
}

export interface ArtifactSource {
	sessionId: string;
	encounter: SyntheticEncounter;
	noteTemplateSettings: NoteTemplateSettings;
}

export function buildArtifacts(source: ArtifactSource): Record<ArtifactName, object> {
	const { sessionId, encounter } = source;
	// Segment ids are seeded by the session id, so the note's evidence links point into this transcript.
	const {
		JobName: _jobName,
		JobType: _jobType,
		...conversation
	} = buildTranscript(sessionId, encounter).Conversation;
	const sentences = encounter.afterVisitSummary.match(/[^.!?]+[.!?]/g) ?? [
		encounter.afterVisitSummary,
	];
	return {
		transcript: { Conversation: { SessionId: sessionId, ...conversation } },
		note: {
			ClinicalDocumentation: {
				SessionId: sessionId,
				Sections: noteSections(sessionId, encounter, source.noteTemplateSettings),
			},
		},
		afterVisitSummary: {
			AfterVisitSummary: {
				SessionId: sessionId,
				LanguageCode: 'en-US',
				Summary: sentences.map((sentence) => ({ SummarizedSegment: sentence.trim() })),
			},
		},
	};
}
