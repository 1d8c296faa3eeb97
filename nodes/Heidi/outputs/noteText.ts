/**
 * Sections of a Heidi note. Heidi writes Markdown or HTML (`content_type`) under the template's
 * headings; plain-text templates use "Heading:" lines. Each heading starts a section; bullet
 * points and paragraphs under it become its items.
 */
export interface ParsedSection {
	heading: string;
	items: string[];
}

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	apos: "'",
	nbsp: ' ',
};

const decode = (text: string) =>
	text.replace(/&(amp|lt|gt|quot|#39|apos|nbsp);/g, (_, name: string) => ENTITIES[name]);

export const looksLikeHtml = (text: string): boolean =>
	/<\/?(h[1-6]|p|ul|ol|li|br|div|strong|b|em)\b[^>]*>/i.test(text);

/** HTML to the Markdown-ish lines the section reader understands. */
function htmlToLines(html: string): string {
	return decode(
		html
			.replace(/<h[1-6][^>]*>/gi, '\n# ')
			.replace(/<\/h[1-6]>/gi, '\n')
			.replace(/<li[^>]*>/gi, '\n- ')
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<\/(p|div|li|ul|ol)>/gi, '\n')
			.replace(/<[^>]+>/g, ''),
	);
}

const HEADING = /^#{1,6}\s+(.+?)\s*#*$/;
const BOLD_HEADING = /^\*\*(.+?)\*\*:?$/;
const COLON_HEADING = /^([A-Z][^.:!?]{0,60}):$/;
const BULLET = /^(?:[-*•]|\d+[.)])\s+(.*)$/;

export function parseNoteSections(text: string): ParsedSection[] {
	const source = looksLikeHtml(text) ? htmlToLines(text) : text;
	const sections: ParsedSection[] = [];
	let current: ParsedSection | undefined;
	for (const raw of source.split(/\r?\n/)) {
		const line = raw.trim();
		if (!line) continue;
		const heading = HEADING.exec(line) ?? BOLD_HEADING.exec(line) ?? COLON_HEADING.exec(line);
		if (heading) {
			current = { heading: heading[1].replace(/\*\*/g, '').replace(/:$/, '').trim(), items: [] };
			sections.push(current);
			continue;
		}
		if (!current) {
			current = { heading: 'Note', items: [] };
			sections.push(current);
		}
		const bullet = BULLET.exec(line);
		current.items.push((bullet ? bullet[1] : line).trim());
	}
	return sections.filter((s) => s.items.length);
}

/** Section key in the style the FHIR export matches on: "History of present illness" → HISTORY_OF_PRESENT_ILLNESS. */
export const sectionKey = (heading: string): string =>
	heading
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '') || 'NOTE';
