import { noteBlocks, noteHeader, type EncounterNote, type NoteBlock } from './encounterNote';

/**
 * The note as plain text and as HTML, the content types EHR FHIR APIs take for clinical notes
 * (markdown is on the EncounterNote itself). All three render the same blocks (noteBlocks).
 */

/** Escapes text for HTML and XHTML element content and attribute values. */
export function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

/** Plain text: the title and header lines (vendor, ids, date, template), then each block's title in capitals and its items as "- " lines or its paragraph. */
export function renderPlainText(note: EncounterNote, title: string): string {
	const facts = noteHeader(note).fields.map((field) => `${field.label}: ${field.value}`);
	const blocks = noteBlocks(note).map(
		(block) =>
			`${block.title.toUpperCase()}\n${block.paragraph ?? block.items!.map((item) => `- ${item}`).join('\n')}`,
	);
	return [[title.toUpperCase(), ...facts].join('\n'), ...blocks].join('\n\n') + '\n';
}

/** A block's body as XHTML: a list of its items, or a paragraph. */
export function blockBodyHtml(block: NoteBlock): string {
	return block.paragraph !== undefined
		? `<p>${escapeHtml(block.paragraph)}</p>`
		: `<ul>${block.items!.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

/** A complete, self-contained HTML document (no scripts, styles or links; every text escaped), the header as a definition list. */
export function renderHtml(note: EncounterNote, title: string): string {
	const body = noteBlocks(note)
		.map((block) => `<h2>${escapeHtml(block.title)}</h2>\n${blockBodyHtml(block)}`)
		.join('\n');
	const facts = noteHeader(note)
		.fields.map((field) => `<dt>${escapeHtml(field.label)}</dt><dd>${escapeHtml(field.value)}</dd>`)
		.join('');
	return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<h1>${escapeHtml(title)}</h1>\n<dl>${facts}</dl>\n${body}\n</body></html>\n`;
}

/** FHIR narrative (XHTML in the xhtml namespace) for one block. */
export function narrativeDiv(inner: string): string {
	return `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;
}
