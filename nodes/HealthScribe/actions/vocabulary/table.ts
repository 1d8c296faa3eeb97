/**
 * Custom vocabulary entries and the rules Transcribe applies to them (Developer Guide, "Custom
 * vocabularies" and "Character sets"), checked before any call so a bad row is named here instead of
 * ending as a FAILED vocabulary minutes later: en-US characters only, no spaces in a phrase (hyphens
 * join words), at most 256 characters, IPA or SoundsLike but not both, 50 KB per vocabulary.
 * Error messages name the row, never its text.
 */
import type { ItemValidator } from '../../../common/validate';

export interface VocabularyRow {
	phrase: string;
	ipa?: string;
	soundsLike?: string;
	displayAs?: string;
}

export const MAX_VOCABULARY_BYTES = 50 * 1024;
export const MAX_PHRASE_CHARS = 256;
const HEADER = 'Phrase\tIPA\tSoundsLike\tDisplayAs';

/** en-US character set: letters, apostrophe, hyphen, period (for acronyms such as A.F.). */
const PHRASE = /^[A-Za-z'.-]+$/;
const SOUNDS_LIKE = /^[A-Za-z']+(?:[- ][A-Za-z']+)*$/;
/** IPA symbols separated by single spaces; no ASCII digits or punctuation. */
const IPA = /^[^\s\d!-/:-@[-`{-~]+(?: [^\s\d!-/:-@[-`{-~]+)*$/u;

/** Phrases from text: one per line or separated by commas. */
export function phrasesFromText(text: string): VocabularyRow[] {
	return text
		.split(/[\n,]/)
		.map((phrase) => phrase.trim())
		.filter(Boolean)
		.map((phrase) => ({ phrase }));
}

const COLUMN_KEYS: Record<string, keyof VocabularyRow> = {
	phrase: 'phrase',
	ipa: 'ipa',
	soundslike: 'soundsLike',
	displayas: 'displayAs',
};
const columnOf = (name: string): keyof VocabularyRow | undefined =>
	COLUMN_KEYS[name.toLowerCase().replace(/[\s_-]/g, '')];

/**
 * Rows from an item field holding a list of objects (a sheet's rows after an Aggregate node): the
 * columns Phrase, IPA, Sounds Like and Display As in any spelling of case, spaces or underscores;
 * other columns (row_number, notes …) are ignored.
 */
export function rowsFromList(v: ItemValidator, field: string, value: unknown): VocabularyRow[] {
	if (!Array.isArray(value))
		return v.fail(
			field,
			'the item field is not a list of rows',
			'Point it at a field holding a list of rows, e.g. the "data" field an Aggregate node makes from a sheet.',
		);
	return value.map((raw, index) => {
		if (typeof raw === 'string') return { phrase: raw.trim() };
		if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
			return v.fail(
				`${field} row ${index + 1}`,
				'it is not a row with a Phrase column',
				'Give each row a Phrase column.',
			);
		const row: VocabularyRow = { phrase: '' };
		for (const [name, cell] of Object.entries(raw as Record<string, unknown>)) {
			const column = columnOf(name);
			if (!column || cell === undefined || cell === null || cell === '') continue;
			if (typeof cell !== 'string' && typeof cell !== 'number')
				return v.fail(
					`${field} row ${index + 1}`,
					`its ${name} column is not text`,
					'Use text in the vocabulary columns.',
				);
			row[column] = String(cell).trim();
		}
		return row;
	});
}

/** Splits one CSV line into cells (double quotes, doubled quotes inside). */
function csvCells(line: string): string[] {
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (quoted) {
			if (c === '"' && line[i + 1] === '"') ((cell += '"'), i++);
			else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') (cells.push(cell), (cell = ''));
		else cell += c;
	}
	cells.push(cell);
	return cells;
}

/**
 * Rows from a TXT or CSV file: a table when the first line holds the column headers (tab-separated
 * in TXT, comma-separated in CSV), otherwise a list with one phrase per line (first cell in CSV).
 */
export function rowsFromFile(text: string, csv: boolean): VocabularyRow[] {
	const lines = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((line) => line.trim() !== '');
	if (lines.length === 0) return [];
	const split = (line: string) => (csv ? csvCells(line) : line.split('\t'));
	const header = split(lines[0]).map((name) => columnOf(name.trim()));
	if (!header.includes('phrase')) return lines.map((line) => ({ phrase: split(line)[0].trim() }));
	return lines.slice(1).map((line) => {
		const row: VocabularyRow = { phrase: '' };
		split(line).forEach((cell, index) => {
			const column = header[index];
			if (column && cell.trim()) row[column] = cell.trim();
		});
		return row;
	});
}

/** Every rule of a vocabulary's entries; `field` is the parameter the rows came from. */
export function checkRows(v: ItemValidator, field: string, rows: VocabularyRow[]): void {
	if (rows.length === 0) v.fail(field, 'it holds no phrases', 'Give at least one phrase.');
	rows.forEach((row, index) => {
		const at = `${field} row ${index + 1}`;
		if (!row.phrase) v.fail(at, 'the phrase is empty', 'Every row needs a phrase.');
		if (row.phrase.length > MAX_PHRASE_CHARS)
			v.fail(
				at,
				`the phrase has ${row.phrase.length} characters`,
				`Use at most ${MAX_PHRASE_CHARS} characters per phrase.`,
			);
		if (/\s/.test(row.phrase))
			v.fail(
				at,
				'the phrase contains a space',
				'Join the words of a phrase with hyphens, e.g. Los-Angeles; put the spoken form in Display As.',
			);
		if (!PHRASE.test(row.phrase))
			v.fail(
				at,
				'the phrase has characters outside the en-US character set',
				'Use letters, apostrophes, hyphens and periods only; spell numbers out (e.g. B-twelve) and put the written form in Display As.',
			);
		if (row.ipa && row.soundsLike)
			v.fail(at, 'it has both IPA and Sounds Like', 'Keep only one of IPA and Sounds Like.');
		if (row.ipa && !IPA.test(row.ipa))
			v.fail(
				at,
				'IPA is not IPA symbols separated by spaces',
				'Write IPA as symbols separated by single spaces, without digits or punctuation.',
			);
		if (row.soundsLike && !SOUNDS_LIKE.test(row.soundsLike))
			v.fail(
				at,
				'Sounds Like has characters other than letters, apostrophes and hyphens',
				'Break the phrase into syllables joined by hyphens, e.g. am-ox-i-sil-in.',
			);
		if (
			row.displayAs &&
			(row.displayAs.length > MAX_PHRASE_CHARS || /[\t\r\n]/.test(row.displayAs))
		)
			v.fail(
				at,
				'Display As is too long or has tabs or line breaks',
				`Use one line of at most ${MAX_PHRASE_CHARS} characters.`,
			);
	});
}

/** Whether the rows are plain phrases (sendable as CreateVocabulary's Phrases list). */
export const phrasesOnly = (rows: VocabularyRow[]): boolean =>
	rows.every((row) => !row.ipa && !row.soundsLike && !row.displayAs);

/** The tab-separated table file Transcribe reads (LF line endings, header first). */
export function renderTable(rows: VocabularyRow[]): string {
	return `${HEADER}\n${rows.map((row) => [row.phrase, row.ipa ?? '', row.soundsLike ?? '', row.displayAs ?? ''].join('\t')).join('\n')}\n`;
}

/** The 50 KB limit, on the content as it will be sent. */
export function checkSize(v: ItemValidator, field: string, content: string): void {
	const bytes = Buffer.byteLength(content);
	if (bytes > MAX_VOCABULARY_BYTES)
		v.fail(
			field,
			`the vocabulary is ${Math.ceil(bytes / 1024)} KB`,
			'Keep a vocabulary under 50 KB: split it into smaller vocabularies for different recordings.',
		);
}
