import type { IDataObject } from 'n8n-workflow';
import type { AwsContext } from '../../common/aws/clients';
import { buildEncounterNote, type EncounterNote } from '../../common/encounterNote';
import { formatNote, type NoteFormat, type NoteOutputSettings } from '../../common/noteOutput';
import {
	afterVisitSummaryText,
	clinicalSections,
	transcriptInsights,
	transcriptTurns,
	type AfterVisitSummaryFile,
	type ClinicalDocumentFile,
	type TranscriptFile,
} from '../../common/scribeFiles';
import type { ArtifactDetails, ListeningSessionDetails } from '../transport/model';
import type { ArtifactKind } from './layout';
import { downloadOutput, parseJsonDocument } from './s3Files';

export const VENDOR = 'amazon-connect-health';

export const ARTIFACT_KINDS: readonly ArtifactKind[] = [
	'clinicalNote',
	'transcript',
	'afterVisitSummary',
];

const ARTIFACT_LABELS: Record<ArtifactKind, string> = {
	clinicalNote: 'clinical note',
	transcript: 'transcript',
	afterVisitSummary: 'after-visit summary',
};

export type SessionArtifacts = Partial<
	Record<ArtifactKind, { uri: string; document: IDataObject }>
>;

/** The post-stream result of one artifact, as GetMedicalScribeListeningSession reports it. */
export function artifactResult(
	details: ListeningSessionDetails,
	kind: ArtifactKind,
): ArtifactDetails | undefined {
	const result = details.postStreamActionResult?.clinicalNoteGenerationResult;
	return kind === 'clinicalNote'
		? result?.noteResult
		: kind === 'transcript'
			? result?.transcriptResult
			: result?.afterVisitSummaryResult;
}

/** Downloads the COMPLETED artifacts among `kinds` (others are skipped: not there yet, or failed). */
export async function downloadArtifacts(
	context: AwsContext,
	details: ListeningSessionDetails,
	kinds: readonly ArtifactKind[],
	itemIndex?: number,
): Promise<SessionArtifacts> {
	const out: SessionArtifacts = {};
	// Every download finishes before a failure is reported: none is left running after the item is given up.
	const settled = await Promise.allSettled(
		kinds.map(async (kind) => {
			const result = artifactResult(details, kind);
			if (result?.status !== 'COMPLETED' || !result.outputLocation) return;
			const body = await downloadOutput(context, result.outputLocation, itemIndex);
			out[kind] = {
				uri: result.outputLocation,
				document: parseJsonDocument(context, body, ARTIFACT_LABELS[kind], itemIndex),
			};
		}),
	);
	const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
	if (failed) throw failed.reason;
	return out;
}

function templateOf(details: ListeningSessionDetails): string | undefined {
	const settings =
		details.postStreamActionSettings?.clinicalNoteGenerationSettings?.noteTemplateSettings;
	return settings?.managedTemplate?.templateType ?? settings?.customTemplate?.templateType;
}

/** A listening session's artifacts as one EncounterNote (common/encounterNote.ts). */
export function sessionNote(
	details: ListeningSessionDetails,
	artifacts: SessionArtifacts,
): EncounterNote {
	const transcript = (artifacts.transcript?.document ?? {}) as TranscriptFile;
	const note = (artifacts.clinicalNote?.document ?? {}) as ClinicalDocumentFile;
	const summary = (artifacts.afterVisitSummary?.document ?? {}) as AfterVisitSummaryFile;
	const ids: Record<string, string> = {};
	for (const key of ['domainId', 'subscriptionId', 'sessionId'] as const)
		if (details[key]) ids[key] = details[key]!;
	const uris: Record<string, string> = {};
	for (const kind of ARTIFACT_KINDS) if (artifacts[kind]) uris[kind] = artifacts[kind]!.uri;
	const template = templateOf(details);
	const afterVisitSummary = afterVisitSummaryText(summary);
	return buildEncounterNote({
		source: {
			vendor: VENDOR,
			ids,
			...(Object.keys(uris).length ? { uris } : {}),
			...(template ? { template } : {}),
			...(details.streamCreationTime ? { createdAt: details.streamCreationTime } : {}),
		},
		sections: clinicalSections(note),
		turns: transcriptTurns(transcript),
		insights: transcriptInsights(transcript),
		...(afterVisitSummary ? { afterVisitSummary } : {}),
	});
}

export interface NoteSettings extends NoteOutputSettings {
	format: NoteFormat;
	/** Artifacts to return in raw format (the note formats use all three). */
	rawArtifacts: readonly ArtifactKind[];
}

/**
 * The session's note in the chosen format, or undefined while its clinical note is not COMPLETED.
 * Raw: the artifact documents keyed by kind.
 */
export async function sessionNoteOutput(
	context: AwsContext,
	details: ListeningSessionDetails,
	settings: NoteSettings,
	itemIndex?: number,
): Promise<IDataObject | undefined> {
	const kinds = settings.format === 'raw' ? settings.rawArtifacts : ARTIFACT_KINDS;
	if (settings.format !== 'raw' && artifactResult(details, 'clinicalNote')?.status !== 'COMPLETED')
		return undefined;
	const artifacts = await downloadArtifacts(context, details, kinds, itemIndex);
	const raw: IDataObject = {};
	for (const kind of kinds) if (artifacts[kind]) raw[kind] = artifacts[kind]!.document;
	if (settings.format === 'raw') return Object.keys(raw).length ? raw : undefined;
	return formatNote(sessionNote(details, artifacts), raw, settings);
}
