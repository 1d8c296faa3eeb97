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

/**
 * The AWS SDK's `sanitizeErrorCode` (@smithy/core protocols), step for step: keep what is before
 * the first `,` (a header sent twice is joined with commas) and before the first `:`, then what
 * follows the first `#` (`com.amazonaws.connecthealth#ValidationException` → `ValidationException`).
 */
export function sanitizeErrorType(raw: string | number): string {
	let type = typeof raw === 'number' ? raw.toString() : raw;
	if (type.includes(',')) type = type.split(',')[0];
	if (type.includes(':')) type = type.split(':')[0];
	if (type.includes('#')) type = type.split('#')[1];
	return type;
}

/** A key of `object` equal to `name` ignoring case, as the SDK's `findKey`. */
const findKey = (object: Record<string, unknown>, name: string) =>
	Object.keys(object).find((key) => key.toLowerCase() === name);

/** The body as a JSON object; undefined when it is not JSON or not an object (never throws). */
function jsonObjectOrUndefined(body: Buffer): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(body.toString('utf8')) as unknown;
		return value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		// A front end's HTML or a truncated body: the status alone has to do.
		return undefined;
	}
}

const typeValue = (value: unknown) =>
	typeof value === 'string' || typeof value === 'number' ? sanitizeErrorType(value) : undefined;

/**
 * The SDK's restJson1 rule (`loadRestJsonErrorCode`): header `x-amzn-errortype` (any case) first,
 * else the first body key spelled `code` in any case (`code`, `Code`), else body `__type`, whatever
 * the key order in the body. Message from body `message`, else `Message`. A body that is not JSON
 * yields only what the headers say.
 */
export function readErrorAnswer(response: HttpResponse): ErrorAnswer {
	const body = jsonObjectOrUndefined(response.body) ?? {};
	const headerKey = findKey(response.headers as Record<string, unknown>, 'x-amzn-errortype');
	const codeKey = findKey(body, 'code');
	let errorType: string | undefined;
	if (headerKey !== undefined) errorType = typeValue(header(response, headerKey));
	else if (codeKey !== undefined && body[codeKey] !== undefined)
		errorType = typeValue(body[codeKey]);
	else if (body.__type !== undefined) errorType = typeValue(body.__type);
	const message = [body.message, body.Message].find(
		(value): value is string => typeof value === 'string',
	);
	return {
		errorType: errorType || undefined,
		message,
		requestId: header(response, 'x-amzn-requestid') ?? header(response, 'x-amz-request-id'),
	};
}
