/** The request log: one entry per emulated request, with secrets removed, readable by tests. */
import type { ServiceName } from './services';

export interface LogEntry {
	seq: number;
	/** Sandbox-clock time of arrival, ISO 8601. */
	time: string;
	service: ServiceName;
	method: string;
	path: string;
	query: Record<string, string | string[]>;
	/** `X-Amz-Target` header, or the STS `Action`. */
	target?: string;
	headers: Record<string, string>;
	body?: unknown;
	status: number;
	errorType?: string;
	/** Set when an injected fault or rate limit shaped the answer. */
	fault?: string;
	/** Message of an unexpected exception in an emulator (answered as the service's internal error). */
	internalError?: string;
	auth?: { accessKeyId: string; region: string; service: string };
	requestId: string;
	durationMs: number;
}

export interface LogFilter {
	service?: ServiceName;
	target?: string;
	method?: string;
	pathPrefix?: string;
	/** Only entries with seq greater than this. */
	since?: number;
}

export interface RequestLog {
	add(entry: Omit<LogEntry, 'seq'>): LogEntry;
	entries(filter?: LogFilter): LogEntry[];
	clear(): void;
}

export const REDACTED = '[redacted]';
const SECRET_HEADERS = new Set([
	'authorization',
	'x-amz-security-token',
	'heidi-api-key',
	'cookie',
	'set-cookie',
	'proxy-authorization',
]);

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers))
		out[name] = SECRET_HEADERS.has(name) ? REDACTED : value;
	return out;
}

/** Presigned URLs carry the signature and session token in the query. */
const SECRET_QUERY = new Set(['X-Amz-Signature', 'X-Amz-Security-Token', 'X-Amz-Credential']);

export function queryObject(query: URLSearchParams): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, raw] of query) {
		const value = SECRET_QUERY.has(key) ? REDACTED : raw;
		const existing = out[key];
		out[key] =
			existing === undefined
				? value
				: Array.isArray(existing)
					? [...existing, value]
					: [existing, value];
	}
	return out;
}

export function matchesFilter(entry: LogEntry, filter: LogFilter): boolean {
	if (filter.service !== undefined && entry.service !== filter.service) return false;
	if (filter.method !== undefined && entry.method !== filter.method.toUpperCase()) return false;
	if (filter.pathPrefix !== undefined && !entry.path.startsWith(filter.pathPrefix)) return false;
	if (filter.since !== undefined && entry.seq <= filter.since) return false;
	if (
		filter.target !== undefined &&
		entry.target !== filter.target &&
		!(entry.target ?? '').endsWith(`.${filter.target}`)
	)
		return false;
	return true;
}

/** Keeps the newest `limit` entries so a long-running sandbox does not grow without bound. */
export function createRequestLog(limit = 20_000): RequestLog {
	let entries: LogEntry[] = [];
	let seq = 0;
	return {
		add(entry) {
			const full = { seq: ++seq, ...entry };
			entries.push(full);
			if (entries.length > limit * 1.25) entries = entries.slice(entries.length - limit);
			return full;
		},
		entries: (filter = {}) => entries.filter((e) => matchesFilter(e, filter)),
		clear() {
			entries = [];
		},
	};
}
