/**
 * What Transcribe checks while it processes a custom vocabulary (the PENDING → READY / FAILED step),
 * per the Developer Guide's "Custom vocabularies" pages: list or table format, the en-US character
 * set, 256 characters per phrase, 50 KB per vocabulary, IPA and SoundsLike not in the same row.
 * A problem makes the vocabulary FAILED with a reason; it is not an error of the Create call.
 */

export const MAX_VOCABULARY_BYTES = 50 * 1024;
export const MAX_PHRASE_CHARS = 256;
export const TABLE_COLUMNS = ['Phrase', 'IPA', 'SoundsLike', 'DisplayAs'] as const;

/** en-US character set for Phrase: letters, apostrophe, hyphen and period (acronyms); no digits, no spaces. */
const PHRASE_CHARS = /^[A-Za-z'.-]+$/;
/** SoundsLike: hyphen-separated pieces of en-US letters and apostrophes, words separated by spaces. */
const SOUNDS_LIKE = /^[A-Za-z']+(?:[- ][A-Za-z']+)*$/;
/** IPA: space-separated symbols, none of them ASCII digits or punctuation. */
const IPA = /^[^\s\d!-/:-@[-`{-~]+(?: [^\s\d!-/:-@[-`{-~]+)*$/u;

/** The character-set rule is modelled for English only; other languages get the length and space rules. */
const english = (languageCode: string) => languageCode.startsWith('en-');

/** Why Phrases (the list form) cannot be used, or undefined when they are fine. */
export function phraseProblem(phrases: string[], languageCode = 'en-US'): string | undefined {
	if (phrases.length === 0) return 'The vocabulary has no phrases.';
	for (const [i, phrase] of phrases.entries()) {
		const problem = checkPhrase(phrase, languageCode);
		if (problem) return `Phrase ${i + 1} ${problem}`;
	}
	if (Buffer.byteLength(phrases.join('\n')) > MAX_VOCABULARY_BYTES)
		return `The vocabulary is larger than ${MAX_VOCABULARY_BYTES / 1024} KB.`;
	return undefined;
}

function checkPhrase(phrase: string, languageCode: string): string | undefined {
	if (phrase.length === 0) return 'is empty.';
	if (phrase.length > MAX_PHRASE_CHARS) return `is longer than ${MAX_PHRASE_CHARS} characters.`;
	if (/\s/.test(phrase)) return 'contains a space; separate the words of a phrase with hyphens.';
	if (english(languageCode) && !PHRASE_CHARS.test(phrase))
		return `contains characters outside the ${languageCode} character set.`;
	return undefined;
}

/**
 * Why a vocabulary file cannot be used (undefined when it can). A file whose first line starts with
 * the `Phrase` column header is a table (tab-separated, LF lines); anything else is a list of phrases,
 * one per line, which medical vocabularies do not accept.
 */
export function fileProblem(
	body: Buffer,
	tableRequired: boolean,
	languageCode = 'en-US',
): string | undefined {
	if (body.length > MAX_VOCABULARY_BYTES)
		return `The vocabulary file is larger than ${MAX_VOCABULARY_BYTES / 1024} KB.`;
	const lines = body
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.split('\n');
	if (lines.some((line) => line.endsWith('\r')))
		return 'The vocabulary file has CRLF line endings; save it with LF line endings.';
	const rows = lines.filter((line) => line.trim() !== '');
	if (rows.length === 0) return 'The vocabulary file is empty.';
	const header = rows[0].split('\t');
	if (header[0] !== 'Phrase') {
		if (tableRequired)
			return 'A medical vocabulary must be a table whose first line holds the column headers (Phrase, IPA, SoundsLike, DisplayAs), separated by tabs.';
		return phraseProblem(
			rows.map((row) => row.trim()),
			languageCode,
		);
	}
	const unknown = header.find((column) => !(TABLE_COLUMNS as readonly string[]).includes(column));
	if (unknown !== undefined || new Set(header).size !== header.length)
		return 'The vocabulary table header may only hold Phrase, IPA, SoundsLike and DisplayAs, once each, separated by tabs.';
	for (const [i, row] of rows.slice(1).entries()) {
		const cells = row.split('\t');
		const line = `Row ${i + 1}`;
		if (cells.length > header.length) return `${line} has more columns than the header.`;
		const cell = (name: string) => {
			const at = header.indexOf(name);
			return at >= 0 ? (cells[at] ?? '').trim() : '';
		};
		const problem = checkPhrase(cell('Phrase'), languageCode);
		if (problem) return `${line}: the phrase ${problem}`;
		if (cell('IPA') && cell('SoundsLike'))
			return `${line} has both IPA and SoundsLike; use only one of them.`;
		if (cell('IPA') && !IPA.test(cell('IPA')))
			return `${line}: IPA must be IPA symbols separated by spaces.`;
		if (cell('SoundsLike') && !SOUNDS_LIKE.test(cell('SoundsLike')))
			return `${line}: SoundsLike must be letters in pieces separated by hyphens.`;
		if (cell('DisplayAs').length > MAX_PHRASE_CHARS)
			return `${line}: DisplayAs is longer than ${MAX_PHRASE_CHARS} characters.`;
	}
	return undefined;
}

/** Why a vocabulary filter's words cannot be used (undefined when they can). */
export function filterWordsProblem(words: string[], languageCode = 'en-US'): string | undefined {
	if (words.length === 0) return 'The vocabulary filter has no words.';
	for (const [i, word] of words.entries()) {
		if (word.length > MAX_PHRASE_CHARS)
			return `Word ${i + 1} is longer than ${MAX_PHRASE_CHARS} characters.`;
		if (/\s/.test(word))
			return `Word ${i + 1} contains a space; a vocabulary filter holds single words.`;
		if (english(languageCode) && !PHRASE_CHARS.test(word))
			return `Word ${i + 1} contains characters outside the ${languageCode} character set.`;
	}
	if (Buffer.byteLength(words.join('\n')) > MAX_VOCABULARY_BYTES)
		return `The vocabulary filter is larger than ${MAX_VOCABULARY_BYTES / 1024} KB.`;
	return undefined;
}
