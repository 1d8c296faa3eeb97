/**
 * EncounterNote: one vendor-neutral shape for every "get the note" path, so a workflow can
 * switch scribe vendor without touching its EHR side (design §7).
 */

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
}

export interface NoteEvidence {
	turnId: string;
	/** Index into transcript.turns, when the turn is present. */
	turnIndex?: number;
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
	items: NoteSectionItem[];
}

export interface NoteInsight {
	/** e.g. DIAGNOSIS, MEDICATION, CODE. */
	type: string;
	text: string;
	code?: { system: string; code: string; display?: string };
	evidence?: NoteEvidence[];
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
	sections: NoteSection[];
	transcript: { turns: TranscriptTurn[] };
	insights: NoteInsight[];
	afterVisitSummary?: string;
	markdown: string;
}

export interface EncounterNoteParts {
	source: EncounterNoteSource;
	sections: Array<{ name: string; title?: string; items: Array<{ text: string; evidence?: string[] }> }>;
	turns: TranscriptTurn[];
	insights?: Array<Omit<NoteInsight, 'evidence'> & { evidence?: string[] }>;
	afterVisitSummary?: string;
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

	const sections: NoteSection[] = parts.sections.map((section) => {
		const items = section.items.map((item) => ({ text: item.text.trim(), evidence: link(item.evidence) })).filter((i) => i.text);
		return { name: section.name, title: section.title ?? sectionTitle(section.name), text: items.map((i) => i.text).join('\n'), items };
	});
	const insights = (parts.insights ?? []).map((insight) => ({ ...insight, evidence: link(insight.evidence) }));
	const note: Omit<EncounterNote, 'markdown'> = {
		source: parts.source,
		sections,
		transcript: { turns: parts.turns },
		insights,
		...(parts.afterVisitSummary ? { afterVisitSummary: parts.afterVisitSummary } : {}),
	};
	return { ...note, markdown: renderMarkdown(note) };
}

function bulletList(items: NoteSectionItem[]): string {
	return items.map((item) => (item.text.startsWith('-') || item.text.startsWith('*') ? item.text : `- ${item.text}`)).join('\n');
}

/** One readable note: sections as headings with bullet points, then the after-visit summary. */
export function renderMarkdown(note: Omit<EncounterNote, 'markdown'>): string {
	const parts: string[] = [];
	for (const section of note.sections) {
		if (!section.items.length) continue;
		parts.push(`## ${section.title}\n\n${bulletList(section.items)}`);
	}
	const coded = note.insights.filter((i) => i.code);
	if (coded.length) parts.push(`## Codes\n\n${coded.map((i) => `- ${i.code!.system} ${i.code!.code}: ${i.code!.display ?? i.text}`).join('\n')}`);
	if (note.afterVisitSummary) parts.push(`## After-Visit Summary\n\n${note.afterVisitSummary.trim()}`);
	return parts.join('\n\n') + '\n';
}
