/**
 * JSON parsing that never loses digits. Heidi session ids are 39-digit decimals; should one
 * arrive as a bare JSON number, JSON.parse would round it. Integers beyond the safe range are
 * quoted before parsing, so they come out as the exact string the server sent.
 */

// A whole string literal (skipped as is), or an integer of 16+ digits that is not part of a
// fraction or exponent.
const TOKENS = /"(?:[^"\\]|\\.)*"|(?<![\d.eE+-])-?\d{16,}(?![\d.eE])/g;

function quoteUnsafeIntegers(text: string): string {
	return text.replace(TOKENS, (token) => {
		if (token.charCodeAt(0) === 34) return token;
		return Number.isSafeInteger(Number(token)) ? token : `"${token}"`;
	});
}

/** Parses a JSON text; integers beyond Number.MAX_SAFE_INTEGER become strings. */
export function parseJson(text: string): unknown {
	return JSON.parse(/\d{16}/.test(text) ? quoteUnsafeIntegers(text) : text);
}

/** An id from a response, as text whatever JSON type carried it. */
export function idString(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return typeof value === 'string' ? value : String(value);
}
