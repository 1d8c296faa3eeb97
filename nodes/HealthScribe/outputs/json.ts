/** Reads an output file's bytes as a JSON object; throws a message that never quotes the content. */
export function parseJsonObject(body: Buffer | string, what: string): Record<string, unknown> {
	let parsed: unknown;
	try {
		parsed = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
	} catch {
		throw new Error(`The ${what} is not valid JSON`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`The ${what} is not a JSON object`);
	return parsed as Record<string, unknown>;
}
