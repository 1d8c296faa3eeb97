/** Note and document text as Heidi returns it: Markdown or HTML (`content_type`). */
export type ContentType = 'MARKDOWN' | 'HTML';

export interface Block {
	heading?: string;
	paragraphs?: string[];
	bullets?: string[];
}

const escapeHtml = (text: string): string =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function formatBlocks(blocks: Block[], contentType: ContentType): string {
	if (contentType === 'HTML') {
		return blocks
			.map((b) =>
				[
					b.heading ? `<h2>${escapeHtml(b.heading)}</h2>` : '',
					...(b.paragraphs ?? [])
						.flatMap((p) => p.split(/\n{2,}/))
						.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
					b.bullets?.length
						? `<ul>${b.bullets.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`
						: '',
				].join(''),
			)
			.join('\n');
	}
	return blocks
		.map((b) =>
			[
				b.heading ? `## ${b.heading}` : '',
				...(b.paragraphs ?? []),
				...(b.bullets ?? []).map((x) => `- ${x}`),
			]
				.filter(Boolean)
				.join('\n'),
		)
		.join('\n\n');
}

/** Plain text of a Markdown or HTML body (Ask Heidi reads `content` this way). */
export function plainText(content: string, contentType: ContentType): string {
	if (contentType === 'MARKDOWN') return content.replace(/^#+\s*/gm, '').replace(/^[-*]\s+/gm, '');
	return content
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|h\d|li)>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&amp;/g, '&');
}

/**
 * Cut a text into stream fragments: line by line, long lines at word boundaries.
 * Joining the fragments gives the text back exactly.
 */
export function fragments(text: string, maxLength = 48): string[] {
	const out: string[] = [];
	for (const line of text.split(/(?<=\n)/)) {
		let rest = line;
		while (rest.length > maxLength) {
			const cut = rest.lastIndexOf(' ', maxLength);
			const at = cut > 0 ? cut + 1 : maxLength;
			out.push(rest.slice(0, at));
			rest = rest.slice(at);
		}
		if (rest) out.push(rest);
	}
	return out;
}

export function sentences(text: string): string[] {
	return text
		.split(/(?<=[.!?])\s+|\n+/)
		.map((s) => s.trim())
		.filter(Boolean);
}
