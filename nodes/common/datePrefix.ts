/**
 * Date tokens in S3 locations: {yyyy}, {mm} and {dd} (UTC). Writing outputs or recordings under
 * dated prefixes lets a listing read only the days it needs, whatever the history's size.
 */

const TOKENS = /\{(yyyy|mm|dd)\}/g;
const DAY_MS = 86_400_000;

export function hasDateTokens(template: string): boolean {
	return /\{(yyyy|mm|dd)\}/.test(template);
}

/** Fills {yyyy}, {mm}, {dd} with the UTC date of `at`. */
export function expandDateTokens(template: string, at: number): string {
	const iso = new Date(at).toISOString();
	const parts: Record<string, string> = {
		yyyy: iso.slice(0, 4),
		mm: iso.slice(5, 7),
		dd: iso.slice(8, 10),
	};
	return template.replace(TOKENS, (_, token: string) => parts[token]);
}

/**
 * The distinct prefixes a template expands to for every UTC day in [fromMs, toMs], oldest first;
 * a template without tokens is its own single prefix.
 */
export function datePartitions(template: string, fromMs: number, toMs: number): string[] {
	if (!hasDateTokens(template)) return [template];
	const out: string[] = [];
	const firstDay = Math.floor(Math.min(fromMs, toMs) / DAY_MS);
	const lastDay = Math.floor(toMs / DAY_MS);
	for (let day = firstDay; day <= lastDay; day++) {
		const prefix = expandDateTokens(template, day * DAY_MS);
		if (out[out.length - 1] !== prefix) out.push(prefix);
	}
	return out;
}
