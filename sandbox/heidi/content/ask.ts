import type { SyntheticEncounter } from '../../data/encounters';
import { type Block, type ContentType, formatBlocks, plainText, sentences } from './format';

/**
 * Ask Heidi (https://www.heidihealth.com/developers/heidi-api/ask-heidi): answer an instruction over the supplied content. The emulator
 * recognises a few kinds of request (summarise, list, explain to the patient, draft a letter)
 * and otherwise quotes the sentences of the content that share words with the instruction.
 */
export function askHeidi(
	command: string,
	content: string,
	contentType: ContentType,
	encounter: SyntheticEncounter,
): string {
	const lines = sentences(plainText(content, contentType));
	let blocks: Block[];
	if (/summar/i.test(command)) {
		blocks = [
			{
				heading: 'Summary',
				paragraphs: [lines.slice(0, 3).join(' ') || 'No content was provided.'],
			},
		];
	} else if (/bullet|list/i.test(command)) {
		blocks = [{ bullets: lines.length ? lines : ['No content was provided.'] }];
	} else if (/patient|plain|simple|explain/i.test(command)) {
		blocks = [{ paragraphs: [encounter.afterVisitSummary] }];
	} else if (/letter|referral/i.test(command)) {
		blocks = [
			{ paragraphs: ['Dear Colleague,'] },
			{
				paragraphs: [
					lines.slice(0, 4).join(' ') || encounter.findings.ASSESSMENT.map((f) => f.text).join(' '),
				],
			},
			{ paragraphs: [`Kind regards,\n${encounter.clinicianName}`] },
		];
	} else {
		const asked = new Set(
			command
				.toLowerCase()
				.split(/[^a-z]+/)
				.filter((w) => w.length >= 4),
		);
		const relevant = lines.filter((s) =>
			s
				.toLowerCase()
				.split(/[^a-z]+/)
				.some((w) => asked.has(w)),
		);
		blocks = [
			{
				paragraphs: [
					(relevant.length ? relevant : lines.slice(0, 2)).join(' ') || 'No content was provided.',
				],
			},
		];
	}
	return formatBlocks(blocks, contentType);
}
