/**
 * EncounterNote: one vendor-neutral shape for every "get the note" path, so a workflow can
 * switch scribe vendor without touching its EHR side.
 */
import { canonicalSectionName, noteTypeFor, sectionCodeFor, type LoincCode } from './loinc';

export interface TranscriptTurn {
	/** Stable id within the note (vendor segment id, or the turn's index as a string). */
	id: string;
	/** CLINICIAN, PATIENT, or whatever the vendor says (upper case). */
	role: string;
	/** Speaker label or channel, when the vendor gives one. */
	speaker?: string;
	start?: number;
	end?: number;
	text: string;
	/**
	 * The part of the visit the turn belongs to, when the vendor classifies turns (HealthScribe:
	 * SUBJECTIVE, OBJECTIVE, ASSESSMENT_AND_PLAN, OTHER = small talk), so small talk can be left out.
	 */
	section?: string;
}

export interface NoteEvidence {
	turnId: string;
	/** Index into transcript.turns, when the turn is present. */
	turnIndex?: number;
}

/** Where an insight (or one of its attributes) was found: a character range within a turn's text. */
export interface NoteSpan {
	turnId: string;
	turnIndex?: number;
	/** First character (0-based) in the turn's text. */
	begin?: number;
	/** Last character, inclusive (HealthScribe's convention). */
	end?: number;
	text: string;
}

export interface NoteInsightAttribute {
	id?: string;
	/** e.g. DOSAGE, FREQUENCY, TEST_VALUE. */
	type: string;
	text: string;
	spans: NoteSpan[];
}

export interface NoteSectionItem {
	text: string;
	evidence: NoteEvidence[];
}

export interface NoteSection {
	/** Vendor's section key, e.g. CHIEF_COMPLAINT. */
	name: string;
	/** Human title, e.g. "Chief Complaint". */
	title: string;
	/** The section's full text (items joined). */
	text: string;
	/** LOINC section code, when LOINC has one for the section. */
	code?: LoincCode;
	items: NoteSectionItem[];
}

export interface NoteInsight {
	/** The vendor's id for the insight, when it gives one. */
	id?: string;
	/** e.g. MEDICATION, MEDICAL_CONDITION (HealthScribe: the Comprehend Medical category). */
	type: string;
	/** Finer kind within the type, e.g. GENERIC_NAME, DX_NAME, TEST_NAME. */
	subtype?: string;
	text: string;
	code?: { system: string; code: string; display?: string };
	evidence: NoteEvidence[];
	/** The words the insight was found in, with character offsets. */
	spans: NoteSpan[];
	attributes: NoteInsightAttribute[];
}

export interface EncounterNoteSource {
	vendor: string;
	ids: Record<string, string>;
	uris?: Record<string, string>;
	template?: string;
	createdAt?: string;
}

export interface EncounterNote {
	source: EncounterNoteSource;
	/** LOINC document type chosen from the template (see loinc.ts). */
	noteType: LoincCode;
	sections: NoteSection[];
	transcript: { turns: TranscriptTurn[] };
	insights: NoteInsight[];
	afterVisitSummary?: string;
	markdown: string;
}

export interface EncounterNoteParts {
	source: EncounterNoteSource;
	sections: Array<{
		name: string;
		title?: string;
		items: Array<{ text: string; evidence?: string[] }>;
	}>;
	turns: TranscriptTurn[];
	insights?: InsightPart[];
	afterVisitSummary?: string;
}

type SpanPart = Omit<NoteSpan, 'turnIndex'>;

export interface InsightPart {
	id?: string;
	type: string;
	subtype?: string;
	text: string;
	code?: NoteInsight['code'];
	evidence?: string[];
	spans?: SpanPart[];
	attributes?: Array<{ id?: string; type: string; text: string; spans?: SpanPart[] }>;
}

/** A leading bullet ("- ", "* ", "• ", "1. ") is layout, not content: renderers add their own. */
export function stripBullet(text: string): string {
	return text.replace(/^\s*(?:[-*•–]|\d+[.)])\s+/, '').trim();
}

/** CHIEF_COMPLAINT / chiefComplaint / chief-complaint → "Chief Complaint". */
export function sectionTitle(name: string): string {
	return name
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[\s_-]+/)
		.filter(Boolean)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase())
		.join(' ');
}

/** Assembles a note: resolves evidence ids to turn indexes in one pass and renders the markdown. */
export function buildEncounterNote(parts: EncounterNoteParts): EncounterNote {
	const indexById = new Map<string, number>();
	parts.turns.forEach((turn, index) => indexById.set(turn.id, index));
	const link = (ids: string[] = []): NoteEvidence[] =>
		ids.map((turnId) => {
			const turnIndex = indexById.get(turnId);
			return turnIndex === undefined ? { turnId } : { turnId, turnIndex };
		});

	const spans = (list: SpanPart[] = []): NoteSpan[] =>
		list.map((span) => {
			const turnIndex = indexById.get(span.turnId);
			return turnIndex === undefined ? span : { ...span, turnIndex };
		});

	const sections: NoteSection[] = parts.sections.map((section) => {
		const items = section.items
			.map((item) => ({ text: stripBullet(item.text), evidence: link(item.evidence) }))
			.filter((i) => i.text);
		const name = canonicalSectionName(section.name) || section.name;
		const code = sectionCodeFor(name);
		return {
			name,
			title: section.title ?? sectionTitle(name),
			text: items.map((i) => i.text).join('\n'),
			...(code ? { code } : {}),
			items,
		};
	});
	const insights: NoteInsight[] = (parts.insights ?? []).map((insight) => ({
		...insight,
		evidence: link(insight.evidence),
		spans: spans(insight.spans),
		attributes: (insight.attributes ?? []).map((attribute) => ({
			...attribute,
			spans: spans(attribute.spans),
		})),
	}));
	const note: Omit<EncounterNote, 'markdown'> = {
		source: parts.source,
		noteType: noteTypeFor(parts.source.template),
		sections,
		transcript: { turns: parts.turns },
		insights,
		...(parts.afterVisitSummary ? { afterVisitSummary: parts.afterVisitSummary } : {}),
	};
	return { ...note, markdown: renderMarkdown(note) };
}

/** One readable note: a header saying which encounter it is, sections as headings with bullet points, then insights, codes and the after-visit summary. */
export function renderMarkdown(note: Omit<EncounterNote, 'markdown'>): string {
	const header = noteHeader(note);
	const facts = header.fields.map((field) => `- **${field.label}:** ${field.value}`).join('\n');
	const blocks = noteBlocks(note).map(
		(block) =>
			`## ${block.title}\n\n${block.paragraph ?? block.items!.map((item) => `- ${item}`).join('\n')}`,
	);
	return [`# ${header.title}`, ...(facts ? [facts] : []), ...blocks].join('\n\n') + '\n';
}

/** The note's title: its LOINC document type, capitalised ("Consult note"). */
export function noteTitle(note: Pick<EncounterNote, 'noteType'>): string {
	return note.noteType.display.charAt(0).toUpperCase() + note.noteType.display.slice(1);
}

/** Vendor keys (source.vendor) as people name the services. */
const VENDOR_NAMES: Record<string, string> = {
	'aws-healthscribe': 'AWS HealthScribe',
	'amazon-connect-health': 'Amazon Connect Health',
	heidi: 'Heidi',
};

/** Labels for the vendor ids a note's source carries; an id not listed here gets a title made from its key. */
const ID_LABELS: Record<string, string> = {
	sessionId: 'Session',
	jobName: 'Job',
	conversationId: 'Conversation',
	domainId: 'Domain',
	subscriptionId: 'Subscription',
	templateId: 'Template ID',
};

/** An ISO time as "2026-03-02 14:05 UTC"; anything else as given. */
function readableTime(value: string): string {
	const ms = Date.parse(value);
	return Number.isNaN(ms)
		? value
		: new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export interface NoteHeader {
	title: string;
	fields: Array<{ label: string; value: string }>;
}

/**
 * Which encounter a note is: the vendor, the ids the vendor gave it (session, job…), its date and template.
 * Only what the note's source already holds: no patient details are added, and nothing is guessed.
 */
export function noteHeader(note: Pick<EncounterNote, 'noteType' | 'source'>): NoteHeader {
	const { source } = note;
	const fields: NoteHeader['fields'] = [
		{ label: 'Vendor', value: VENDOR_NAMES[source.vendor] ?? source.vendor },
	];
	for (const [key, value] of Object.entries(source.ids))
		if (value) fields.push({ label: ID_LABELS[key] ?? sectionTitle(key), value });
	if (source.createdAt) fields.push({ label: 'Date', value: readableTime(source.createdAt) });
	if (source.template) fields.push({ label: 'Template', value: source.template });
	// One line each, whatever the vendor put in a value.
	return {
		title: noteTitle(note),
		fields: fields.map((field) => ({ ...field, value: field.value.replace(/\s+/g, ' ').trim() })),
	};
}

/** A titled block of a rendered note: bullet items, or one paragraph. */
export interface NoteBlock {
	title: string;
	code?: LoincCode;
	items?: string[];
	paragraph?: string;
}

/** A line per insight: "Medication (generic name): ibuprofen; dosage: 400 mg". */
export function insightLine(insight: NoteInsight): string {
	const kind =
		sectionTitle(insight.type) +
		(insight.subtype ? ` (${insight.subtype.toLowerCase().replace(/_/g, ' ')})` : '');
	return `${kind}: ${insight.text}`;
}

/** The note's content in reading order, shared by every renderer (markdown, plain text, HTML, FHIR narrative). */
export function noteBlocks(note: Omit<EncounterNote, 'markdown'>): NoteBlock[] {
	const blocks: NoteBlock[] = note.sections
		.filter((section) => section.items.length)
		.map((section) => ({
			title: section.title,
			...(section.code ? { code: section.code } : {}),
			items: section.items.map((i) => i.text),
		}));
	if (note.insights.length)
		blocks.push({ title: 'Clinical Insights', items: note.insights.map(insightLine) });
	const coded = note.insights.filter((i) => i.code);
	if (coded.length)
		blocks.push({
			title: 'Codes',
			items: coded.map((i) => `${i.code!.system} ${i.code!.code}: ${i.code!.display ?? i.text}`),
		});
	if (note.afterVisitSummary)
		blocks.push({
			title: 'After-Visit Summary',
			code: sectionCodeFor('AFTER_VISIT_SUMMARY'),
			paragraph: note.afterVisitSummary.trim(),
		});
	return blocks;
}
