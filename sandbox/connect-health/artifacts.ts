import type { SectionKey, SyntheticEncounter, SyntheticTurn } from '../data/encounters';
import { stableUuid } from './ids';
import type { ManagedNoteTemplate } from './shapes';
import type { ArtifactName, NoteTemplateSettings } from './state';
import { s3Join, type S3Location } from './wire';

/**
 * Post-stream artifacts of a medical scribe listening session, in the HealthScribe streaming file
 * shapes (Connect Health's scribe is HealthScribe underneath): a transcript (`Conversation`), a
 * clinical note (`ClinicalDocumentation`) and an after-visit summary.
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

export function artifactLocation(output: S3Location, ids: { domainId: string; subscriptionId: string; sessionId: string }, artifact: ArtifactName): S3Location {
	return s3Join(output, 'medical-scribe', ids.domainId, ids.subscriptionId, ids.sessionId, ARTIFACT_FILES[artifact]);
}

/** Template → its sections, each filled from the encounter's neutral findings. */
const TEMPLATE_SECTIONS: Record<ManagedNoteTemplate, Array<[string, SectionKey[]]>> = {
	HISTORY_AND_PHYSICAL: [
		['CHIEF_COMPLAINT', ['CHIEF_COMPLAINT']],
		['HISTORY_OF_PRESENT_ILLNESS', ['HISTORY_OF_PRESENT_ILLNESS']],
		['REVIEW_OF_SYSTEMS', ['REVIEW_OF_SYSTEMS']],
		['PAST_MEDICAL_HISTORY', ['PAST_MEDICAL_HISTORY']],
		['PHYSICAL_EXAMINATION', ['PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	PHYSICAL_SOAP: [
		['SUBJECTIVE', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS', 'REVIEW_OF_SYSTEMS', 'PAST_MEDICAL_HISTORY']],
		['OBJECTIVE', ['PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	BEHAVIORAL_SOAP: [
		['SUBJECTIVE', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS', 'REVIEW_OF_SYSTEMS', 'PAST_MEDICAL_HISTORY']],
		['OBJECTIVE', ['PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	DAP: [
		['DATA', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS', 'REVIEW_OF_SYSTEMS', 'PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	BIRP: [
		['BEHAVIOR', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION', 'ASSESSMENT']],
		['RESPONSE', ['REVIEW_OF_SYSTEMS']],
		['PLAN', ['PLAN']],
	],
	SIRP: [
		['SITUATION', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION', 'ASSESSMENT']],
		['RESPONSE', ['REVIEW_OF_SYSTEMS']],
		['PLAN', ['PLAN']],
	],
	GIRPP: [
		['GOAL', ['CHIEF_COMPLAINT']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION']],
		['RESPONSE', ['REVIEW_OF_SYSTEMS']],
		['PROGRESS', ['HISTORY_OF_PRESENT_ILLNESS', 'ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
};

/** The neutral finding keys are the History & Physical section names. */
const FINDING_KEYS: readonly string[] = TEMPLATE_SECTIONS.HISTORY_AND_PHYSICAL.map(([name]) => name);

/** Turn classification used by HealthScribe transcripts, from the findings each turn supports. */
function turnSections(encounter: SyntheticEncounter): string[] {
	const out = encounter.turns.map(() => 'OTHER');
	const mark = (keys: SectionKey[], name: string): void => {
		for (const key of keys) for (const finding of encounter.findings[key]) for (const i of finding.evidence) out[i] = name;
	};
	mark(['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS', 'REVIEW_OF_SYSTEMS', 'PAST_MEDICAL_HISTORY'], 'SUBJECTIVE');
	mark(['PHYSICAL_EXAMINATION'], 'OBJECTIVE');
	mark(['ASSESSMENT', 'PLAN'], 'ASSESSMENT_AND_PLAN');
	return out;
}

/** Section name + the finding keys that fill it, for any note template setting. */
function noteSections(settings: NoteTemplateSettings): Array<[string, SectionKey[]]> {
	if ('managedTemplate' in settings) return TEMPLATE_SECTIONS[settings.managedTemplate.templateType as ManagedNoteTemplate];
	const base = TEMPLATE_SECTIONS[settings.customTemplate.templateType as ManagedNoteTemplate];
	// A custom header takes the base section (or finding key) it names, else the base sections in turn.
	return settings.customTemplate.templateInstructions.map(({ sectionHeader }, i) => {
		const upper = sectionHeader.toUpperCase();
		const named = base.find(([name]) => name === upper);
		if (named) return [sectionHeader, named[1]];
		if (FINDING_KEYS.includes(upper)) return [sectionHeader, [upper as SectionKey]];
		return [sectionHeader, base[i % base.length][1]];
	});
}

const TOKEN = /[A-Za-z0-9'’-]+|[.,!?;:]/g;

function transcriptItems(turn: SyntheticTurn): object[] {
	const tokens = turn.text.match(TOKEN) ?? [];
	const words = tokens.filter((t) => !/^[.,!?;:]$/.test(t)).length || 1;
	const step = (turn.end - turn.start) / words;
	let t = turn.start;
	return tokens.map((content, i) => {
		if (/^[.,!?;:]$/.test(content)) return { Alternatives: [{ Confidence: 0, Content: content }], BeginAudioTime: 0, EndAudioTime: 0, Type: 'PUNCTUATION' };
		const begin = t;
		t += step;
		const confidence = 0.9 + ((content.length * 7 + i) % 10) / 100;
		return {
			Alternatives: [{ Confidence: Number(confidence.toFixed(3)), Content: content }],
			BeginAudioTime: Number(begin.toFixed(3)),
			EndAudioTime: Number(t.toFixed(3)),
			Type: 'PRONUNCIATION',
		};
	});
}

const INSIGHT_KIND: Record<string, { Category: string; Type: string }> = {
	'ICD-10-CM': { Category: 'MEDICAL_CONDITION', Type: 'DX_NAME' },
	RXNORM: { Category: 'MEDICATION', Type: 'GENERIC_NAME' },
	SNOMEDCT: { Category: 'TEST_TREATMENT_PROCEDURE', Type: 'PROCEDURE_NAME' },
};

/** Where in the supporting turn the coded concept is said: the display text, else its longest word found, else the whole turn. */
function spanOf(content: string, display: string): { begin: number; text: string } {
	const lower = content.toLowerCase();
	const candidates = [display, ...display.split(/[\s,]+/).sort((a, b) => b.length - a.length)].filter((w) => w.length > 3);
	for (const candidate of candidates) {
		const at = lower.indexOf(candidate.toLowerCase());
		if (at >= 0) return { begin: at, text: content.slice(at, at + candidate.length) };
	}
	return { begin: 0, text: content };
}

export interface ArtifactSource {
	sessionId: string;
	encounter: SyntheticEncounter;
	noteTemplateSettings: NoteTemplateSettings;
}

export function buildArtifacts(source: ArtifactSource): Record<ArtifactName, object> {
	const { sessionId, encounter } = source;
	const segmentId = (i: number): string => stableUuid(`${sessionId}:segment:${i}`);
	const sections = turnSections(encounter);

	const clinicalInsights = encounter.codes.map((code, n) => {
		const turn = code.evidence[0];
		const span = spanOf(encounter.turns[turn].text, code.display);
		return {
			InsightId: stableUuid(`${sessionId}:insight:${n}`),
			InsightType: 'ClinicalEntity',
			...INSIGHT_KIND[code.system],
			Spans: [{ SegmentId: segmentId(turn), BeginCharacterOffset: span.begin, EndCharacterOffset: span.begin + span.text.length - 1, Content: span.text }],
			Attributes: [],
		};
	});

	const transcript = {
		Conversation: {
			ConversationId: stableUuid(`${sessionId}:conversation`),
			SessionId: sessionId,
			LanguageCode: 'en-US',
			ClinicalInsights: clinicalInsights,
			TranscriptItems: encounter.turns.flatMap(transcriptItems),
			TranscriptSegments: encounter.turns.map((turn, i) => ({
				SegmentId: segmentId(i),
				BeginAudioTime: turn.start,
				EndAudioTime: turn.end,
				Content: turn.text,
				ParticipantDetails: { ParticipantRole: `${turn.role}_0` },
				SectionDetails: { SectionName: sections[i] },
			})),
		},
	};

	const note = {
		ClinicalDocumentation: {
			SessionId: sessionId,
			Sections: noteSections(source.noteTemplateSettings)
				.map(([name, keys]) => ({
					SectionName: name,
					Summary: keys.flatMap((key) =>
						encounter.findings[key].map((finding) => ({
							SummarizedSegment: finding.text,
							EvidenceLinks: finding.evidence.map((i) => ({ SegmentId: segmentId(i) })),
						})),
					),
				}))
				.filter((section) => section.Summary.length > 0),
		},
	};

	const afterVisitSummary = {
		AfterVisitSummary: {
			SessionId: sessionId,
			LanguageCode: 'en-US',
			Summary: (encounter.afterVisitSummary.match(/[^.!?]+[.!?]/g) ?? [encounter.afterVisitSummary]).map((sentence) => ({
				SummarizedSegment: sentence.trim(),
			})),
		},
	};

	return { transcript, note, afterVisitSummary };
}
