import type { SyntheticEncounter, SyntheticTurn } from '../../data/encounters';
import { type Block, type ContentType, formatBlocks } from './format';
import type { TemplateSection } from './templates';

export const VOICE_STYLES = [
	'GOLDILOCKS',
	'DETAILED',
	'BRIEF',
	'SUPER_DETAILED',
	'MY_VOICE',
] as const;
export type VoiceStyle = (typeof VOICE_STYLES)[number];

export interface NoteInput {
	encounter: SyntheticEncounter;
	sections: TemplateSection[];
	opening?: string;
	closing?: string;
	voiceStyle: VoiceStyle;
	contentType: ContentType;
	patientName: string;
	/** Turns the session's audio covered; findings resting on anything else were never heard. */
	heardTurns: ReadonlySet<number>;
	/** Session context (https://www.heidihealth.com/developers/heidi-api/sessions/context). */
	clinicianNotes: string[];
	previousSessions: Array<{ date: string; assessment: string }>;
	contextDocuments: string[];
	/** The request's `addition`. */
	addition: string;
}

const quote = (turn: SyntheticTurn): string =>
	`${turn.role === 'PATIENT' ? 'Patient' : 'Clinician'}: "${turn.text}"`;

/**
 * A consult note (or document) written from the encounter's findings under the template's
 * headings, leaving out what the audio did not cover. The voice style changes how much is said: BRIEF keeps the first finding of a
 * section, DETAILED adds a supporting quote per section, SUPER_DETAILED a quote per finding.
 */
export function renderNote(input: NoteInput): string {
	const { encounter, voiceStyle } = input;
	const fill = (text: string) =>
		text
			.replace(/\{patient\}/g, input.patientName)
			.replace(/\{clinician\}/g, encounter.clinicianName);
	const blocks: Block[] = [];
	if (input.opening) blocks.push({ paragraphs: [fill(input.opening)] });

	for (const section of input.sections) {
		if (section.from === 'AFTER_VISIT_SUMMARY') {
			blocks.push({ heading: section.heading, paragraphs: [encounter.afterVisitSummary] });
			continue;
		}
		let findings = section.from
			.flatMap((key) => encounter.findings[key])
			.filter((f) => f.evidence.every((i) => input.heardTurns.has(i)));
		if (voiceStyle === 'BRIEF') findings = findings.slice(0, 1);
		const bullets: string[] = [];
		for (const finding of findings) {
			bullets.push(finding.text);
			if (voiceStyle === 'SUPER_DETAILED')
				bullets.push(...finding.evidence.map((i) => quote(encounter.turns[i])));
		}
		if (voiceStyle === 'DETAILED' && findings[0]?.evidence.length)
			bullets.push(quote(encounter.turns[findings[0].evidence[0]]));
		if (bullets.length) blocks.push({ heading: section.heading, bullets });
	}

	if (input.clinicianNotes.length)
		blocks.push({ heading: 'Clinician notes', bullets: input.clinicianNotes });
	if (input.previousSessions.length) {
		blocks.push({
			heading: 'Previous sessions',
			bullets: input.previousSessions.map((p) => `${p.date}: ${p.assessment}`),
		});
	}
	if (input.contextDocuments.length)
		blocks.push({ heading: 'Context documents reviewed', bullets: input.contextDocuments });
	if (input.addition.trim())
		blocks.push({ heading: 'Additional notes', paragraphs: [input.addition.trim()] });
	if (input.closing) blocks.push({ paragraphs: [fill(input.closing)] });
	return formatBlocks(blocks, input.contentType);
}
