import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';
import type { EncounterNoteParts, InsightPart, TranscriptTurn } from './encounterNote';
import { raise } from './errors';
import { MalformedContentError } from './transient';

/**
 * The JSON documents AWS's medical scribe writes after a recording (transcript `Conversation`,
 * `ClinicalDocumentation`, `AfterVisitSummary`), read into EncounterNote parts. Batch jobs and
 * streaming sessions share these shapes; every member is optional, so parsing is defensive.
 */

export interface SegmentSpan {
	SegmentId?: string;
	BeginCharacterOffset?: number;
	EndCharacterOffset?: number;
	Content?: string;
}

export interface ClinicalInsight {
	InsightId?: string;
	InsightType?: string;
	Category?: string;
	Type?: string;
	Spans?: SegmentSpan[];
	Attributes?: Array<{ AttributeId?: string; Type?: string; Spans?: SegmentSpan[] }>;
}

export interface TranscriptSegment {
	SegmentId?: string;
	BeginAudioTime?: number;
	EndAudioTime?: number;
	Content?: string;
	ParticipantDetails?: { ParticipantRole?: string };
	SectionDetails?: { SectionName?: string };
}

export interface TranscriptFile {
	Conversation?: {
		ConversationId?: string;
		JobName?: string;
		JobType?: string;
		SessionId?: string;
		LanguageCode?: string;
		ClinicalInsights?: ClinicalInsight[];
		TranscriptItems?: unknown[];
		TranscriptSegments?: TranscriptSegment[];
	};
}

export interface SummaryEntry {
	SummarizedSegment?: string;
	EvidenceLinks?: Array<{ SegmentId?: string }>;
}

export interface ClinicalDocumentFile {
	ClinicalDocumentation?: {
		SessionId?: string;
		Sections?: Array<{ SectionName?: string; Summary?: SummaryEntry[] }>;
	};
}

export interface AfterVisitSummaryFile {
	AfterVisitSummary?: { SessionId?: string; LanguageCode?: string; Summary?: SummaryEntry[] };
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a downloaded output file as a JSON object, never quoting its content. Bytes that do not
 * decode (not UTF-8, JSON cut short) throw MalformedContentError: that may be a cut download, so a
 * trigger retries it; valid JSON that is not an object is a plain Error (the file is not scribe output).
 */
export function parseJsonFile(body: Buffer | Uint8Array | string, what: string): IDataObject {
	let parsed: unknown;
	try {
		parsed = JSON.parse(typeof body === 'string' ? body : UTF8.decode(body));
	} catch {
		raise(new MalformedContentError(`The ${what} is not valid JSON`));
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
		throw new Error(`The ${what} is not a JSON object`);
	return parsed as IDataObject;
}

/** parseJsonFile for a node: a NodeOperationError with our description that stays transient when the bytes did not decode. */
export function readJsonFile(
	node: INode,
	body: Buffer | Uint8Array | string,
	what: string,
	options: { itemIndex?: number; description: string },
): IDataObject {
	try {
		return parseJsonFile(body, what);
	} catch (error) {
		const wrapped = new NodeOperationError(node, (error as Error).message, options);
		// common/transient reads this verdict: a cut download is retried, a wrong file is not.
		wrapped.context.transient = error instanceof MalformedContentError;
		throw wrapped;
	}
}

/** Arrays in vendor files may be missing or malformed; treat anything else as empty. */
export function asList<T>(value: T[] | undefined): T[] {
	return Array.isArray(value) ? value : [];
}

/** CLINICIAN_0 → role CLINICIAN, speaker CLINICIAN_0 (the number tells people in the same role apart). */
export function splitParticipantRole(participant: string | undefined): {
	role: string;
	speaker?: string;
} {
	if (!participant) return { role: 'UNKNOWN' };
	const match = /^([A-Za-z]+)_(\d+)$/.exec(participant);
	return match
		? { role: match[1].toUpperCase(), speaker: participant }
		: { role: participant.toUpperCase(), speaker: participant };
}

/** One turn per transcript segment, in file order; the segment id stays the turn id so evidence links resolve. */
export function transcriptTurns(file: TranscriptFile): TranscriptTurn[] {
	return asList(file.Conversation?.TranscriptSegments).map((segment, index) => {
		const { role, speaker } = splitParticipantRole(segment.ParticipantDetails?.ParticipantRole);
		return {
			id: segment.SegmentId ?? String(index),
			role,
			...(speaker ? { speaker } : {}),
			...(typeof segment.BeginAudioTime === 'number' ? { start: segment.BeginAudioTime } : {}),
			...(typeof segment.EndAudioTime === 'number' ? { end: segment.EndAudioTime } : {}),
			text: segment.Content ?? '',
			...(segment.SectionDetails?.SectionName
				? { section: segment.SectionDetails.SectionName.toUpperCase() }
				: {}),
		};
	});
}

const spanText = (spans: SegmentSpan[]) =>
	spans
		.map((s) => s.Content ?? '')
		.filter(Boolean)
		.join(' ');
const lowerWords = (type: string) => type.toLowerCase().replace(/_/g, ' ');
const offset = (value: unknown) =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/** Spans with a segment id, keeping HealthScribe's character offsets (end inclusive). */
function noteSpans(spans: SegmentSpan[]) {
	return spans
		.filter((span) => !!span.SegmentId)
		.map((span) => {
			const begin = offset(span.BeginCharacterOffset);
			const end = offset(span.EndCharacterOffset);
			return {
				turnId: span.SegmentId!,
				...(begin !== undefined ? { begin } : {}),
				...(end !== undefined ? { end } : {}),
				text: span.Content ?? '',
			};
		});
}

/**
 * Clinical entities as insights: type = Comprehend Medical category (MEDICATION, MEDICAL_CONDITION, ...),
 * subtype = its Type (GENERIC_NAME, DX_NAME, ...), text = the entity and its attributes
 * ("ibuprofen; dosage: 400 mg"), evidence = the segments it was found in, spans = where, to the character.
 */
export function transcriptInsights(file: TranscriptFile): InsightPart[] {
	return asList(file.Conversation?.ClinicalInsights).map((insight) => {
		const attributes = asList(insight.Attributes);
		const text = [
			spanText(asList(insight.Spans)),
			...attributes.map(
				(a) => `${lowerWords(a.Type ?? 'attribute')}: ${spanText(asList(a.Spans))}`,
			),
		]
			.filter(Boolean)
			.join('; ');
		const segments = [...asList(insight.Spans), ...attributes.flatMap((a) => asList(a.Spans))]
			.map((s) => s.SegmentId)
			.filter((id): id is string => !!id);
		return {
			...(insight.InsightId ? { id: insight.InsightId } : {}),
			type: insight.Category ?? insight.InsightType ?? 'ClinicalEntity',
			...(insight.Type ? { subtype: insight.Type } : {}),
			text,
			evidence: [...new Set(segments)],
			spans: noteSpans(asList(insight.Spans)),
			attributes: attributes.map((attribute) => ({
				...(attribute.AttributeId ? { id: attribute.AttributeId } : {}),
				type: attribute.Type ?? 'ATTRIBUTE',
				text: spanText(asList(attribute.Spans)),
				spans: noteSpans(asList(attribute.Spans)),
			})),
		};
	});
}

function summaryItems(entries: SummaryEntry[] | undefined) {
	return asList(entries).map((entry) => ({
		text: entry.SummarizedSegment ?? '',
		evidence: asList(entry.EvidenceLinks)
			.map((link) => link.SegmentId)
			.filter((id): id is string => !!id),
	}));
}

/**
 * Note sections in file order. Unknown section names are kept (titles come from the name), and a section
 * with an empty or missing Summary stays as a section without items (the service may do either).
 * Known misspellings (CHIEF_COMPLIANT, used by AWS's own demo app) become the documented name when the
 * note is built (loinc.ts aliases).
 */
export function clinicalSections(file: ClinicalDocumentFile): EncounterNoteParts['sections'] {
	return asList(file.ClinicalDocumentation?.Sections).map((section) => ({
		name: section.SectionName ?? 'UNNAMED_SECTION',
		items: summaryItems(section.Summary),
	}));
}

/** The after-visit summary as one readable text (its summarised sentences in order). */
export function afterVisitSummaryText(file: AfterVisitSummaryFile): string | undefined {
	const text = summaryItems(file.AfterVisitSummary?.Summary)
		.map((item) => item.text.trim())
		.filter(Boolean)
		.join(' ');
	return text || undefined;
}
