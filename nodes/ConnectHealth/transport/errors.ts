import type { HttpResponse } from './http';

/** What a non-2xx restJson1 answer says: the error type (sanitised), the message and the request id. */
export interface ErrorAnswer {
	errorType?: string;
	message?: string;
	requestId?: string;
}

function header(response: HttpResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** `com.amazonaws.connecthealth#ValidationException` or `ValidationException:http://…` → `ValidationException`. */
export function sanitizeErrorType(raw: string): string {
	let type = raw.trim();
	const colon = type.indexOf(':');
	if (colon >= 0) type = type.slice(0, colon);
	const hash = type.lastIndexOf('#');
	if (hash >= 0) type = type.slice(hash + 1);
	return type;
}

function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(body.toString('utf8')) as unknown;
		return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
	} catch {
		// A front end's HTML or a truncated body: the status alone has to do.
		return undefined;
	}
}

/**
 * The standard restJson1 rule: header `x-amzn-errortype`, else body `__type`, else body `code`;
 * message from body `message` (or `Message`). A body that is not JSON yields only what headers say.
 */
export function readErrorAnswer(response: HttpResponse): ErrorAnswer {
	const body = parseJsonObject(response.body) ?? {};
	const candidates = [header(response, 'x-amzn-errortype'), body.__type, body.code];
	const raw = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
	const message = [body.message, body.Message].find((value): value is string => typeof value === 'string');
	const errorType = raw ? sanitizeErrorType(raw) : undefined;
	return {
		errorType: errorType || undefined,
		message,
		requestId: header(response, 'x-amzn-requestid') ?? header(response, 'x-amz-request-id'),
	};
}
