/**
 * Whether a failure is worth trying again later: throttling, server faults, dropped or stalled
 * connections, and answers cut short or undecodable. Decided by the error's *name* (AWS answers
 * throttling as HTTP 400 on some APIs, e.g. LimitExceededException on GetMedicalScribeJob) as well
 * as by HTTP status and network code. Everything else (validation, not found, access denied, a
 * file that is really broken) is permanent.
 */

/**
 * Of the transient names, those by which a service refuses a request before acting on it
 * (throttling, a request or bandwidth limit): sending it again is safe even when it is not idempotent.
 */
const THROTTLING_NAMES = new Set([
	'ThrottlingException',
	'Throttling',
	'ThrottledException',
	'TooManyRequestsException',
	'LimitExceededException',
	'RequestLimitExceeded',
	'ProvisionedThroughputExceededException',
	'RequestThrottled',
	'RequestThrottledException',
	'SlowDown',
	'BandwidthLimitExceeded',
	'EC2ThrottledException',
]);

/** Error names (AWS `__type`/`name`, our own codes) that mean "try again later": throttling, or a service failure. */
export const TRANSIENT_NAMES = new Set([
	...THROTTLING_NAMES,
	'ServiceUnavailable',
	'ServiceUnavailableException',
	'InternalServerException',
	'InternalServerError',
	'InternalFailure',
	'InternalError',
	'RequestTimeout',
	'RequestTimeoutException',
	'TimeoutError',
	'PriorRequestNotComplete',
	'TransactionInProgressException',
	'IDPCommunicationError',
	// Our own codes for an answer that was cut short or could not be decoded.
	'MalformedResponse',
	'IncompleteBody',
	'StreamError',
]);

/** Network error codes of Node, undici and axios for a connection that failed or stalled. */
export const TRANSIENT_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'ECONNABORTED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'ENETDOWN',
	'EHOSTUNREACH',
	'UND_ERR_SOCKET',
	'UND_ERR_CONNECT_TIMEOUT',
	'UND_ERR_HEADERS_TIMEOUT',
	'UND_ERR_BODY_TIMEOUT',
	'ERR_STREAM_PREMATURE_CLOSE',
	'ERR_HTTP2_STREAM_ERROR',
	'ERR_HTTP2_SESSION_ERROR',
	'ERR_HTTP2_GOAWAY_SESSION',
]);

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504, 509]);

export function isTransientStatus(status: number | undefined): boolean {
	return status !== undefined && TRANSIENT_STATUS.has(status);
}

/** Whether an error name or network code (TRANSIENT_NAMES, TRANSIENT_CODES) means "try again later". */
export function isTransientCode(code: string | undefined): boolean {
	return code !== undefined && (TRANSIENT_NAMES.has(code) || TRANSIENT_CODES.has(code));
}

/** HTTP 429 or a throttling error name: the request was refused, not carried out. */
export function isThrottling(status: number | undefined, name: string | undefined): boolean {
	return status === 429 || (name !== undefined && THROTTLING_NAMES.has(name));
}

/**
 * A content error: a file or answer whose bytes do not decode (e.g. JSON cut short). It may be a
 * cut download, so it counts as transient; a trigger's retry budget turns a file that stays broken
 * into one error item.
 */
export class MalformedContentError extends Error {
	readonly code = 'MalformedResponse';

	constructor(message: string) {
		super(message);
		this.name = 'MalformedResponse';
	}
}

interface ErrorShape {
	name?: unknown;
	code?: unknown;
	errorType?: unknown;
	httpCode?: unknown;
	$fault?: unknown;
	$metadata?: { httpStatusCode?: unknown };
	$response?: { statusCode?: unknown };
	$retryable?: unknown;
	context?: { errorType?: unknown; transient?: unknown };
	cause?: unknown;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Classifies any thrown value: SDK errors, our NodeApiErrors (vendorError), network errors. */
export function isTransient(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 3) return false;
	const e = error as ErrorShape;
	// vendorError records its own verdict.
	if (typeof e.context?.transient === 'boolean') return e.context.transient;
	if (e.$retryable) return true;
	for (const name of [str(e.name), str(e.errorType), str(e.context?.errorType), str(e.code)])
		if (name && (TRANSIENT_NAMES.has(name) || TRANSIENT_CODES.has(name))) return true;
	const status = Number(e.$metadata?.httpStatusCode ?? e.$response?.statusCode ?? e.httpCode);
	if (Number.isInteger(status) && status > 0) return isTransientStatus(status);
	// The SDK's own deserialization failure of a 2xx answer (a body cut short).
	if (
		str(e.name) === 'SyntaxError' ||
		/Deserialization error/i.test(String((error as Error).message))
	)
		return true;
	return e.cause ? isTransient(e.cause, depth + 1) : false;
}
