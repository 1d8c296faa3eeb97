import type { Readable } from 'node:stream';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { TOKEN_EXCHANGE_FAILED } from '../../../credentials/HeidiApi.credentials';
import { MAY_HAVE_BEEN_DONE, raise, vendorError } from '../../common/errors';
import {
	attemptVerdict,
	isRetryable,
	parseRetryAfter,
	withRetry,
	type AttemptFailure,
	type FailedAttempt,
} from '../../common/retry';
import { chunks, readAll } from './body';
import { connection, type Connection } from './connection';
import { heidiError } from './errors';
import { parseJson } from './json';
import type { MultipartBody } from './multipart';
import { StreamJoiner } from './stream';
import { CREDENTIAL_TYPE, tokenGate, type HeidiContext, type TokenLease } from './token';

export type { HeidiContext } from './token';

export interface HeidiCall {
	method: IHttpRequestMethods;
	/** Path after the base URL, ids already encoded with `encodeId` (custom verbs follow literally). */
	path: string;
	qs?: IDataObject;
	/** JSON body. */
	body?: unknown;
	multipart?: MultipartBody;
	/**
	 * Whether sending it twice is harmless. Only then is the call retried once the request may have
	 * reached Heidi (a 5xx, a dropped or stalled connection, a cut answer). Default: every method but POST.
	 */
	idempotent?: boolean;
}

export interface CallInfo {
	/** Operation name used in errors, e.g. "GetSession": the operation the user ran. */
	operation: string;
	itemIndex?: number;
}

/** URL-encodes one path id; custom verbs (`:finish`) are appended after it unencoded. */
export const encodeId = (id: string): string => encodeURIComponent(id);

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer | Readable;
}

/** A failed attempt as the retry loop sees it; turned into a NodeApiError once retries end. */
class FailedCall extends Error {
	constructor(
		readonly fields: {
			status?: number;
			body?: Buffer;
			requestId?: string;
			/** Network code, `MalformedResponse` (body cut short), `StreamError` (error inside a stream) or `Redirect`. */
			code?: string;
			retryAfterMs?: number;
			/** The credential's message when the token exchange (not the call) failed. */
			exchange?: string;
			/** Origin a refused redirect pointed to. */
			location?: string;
		},
	) {
		super(fields.code ?? `HTTP ${fields.status}`);
	}
}

/** Connection failures where nothing reached Heidi, so even a POST may be sent again (when transient: a wrong host name is not). */
const NOT_SENT = new Set([
	'ECONNREFUSED',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ENETDOWN',
	'ENOTFOUND',
]);

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);

const headerValue = (value: string | string[] | undefined) =>
	Array.isArray(value) ? value[0] : value;

/**
 * What a thrown send failure was. n8n wraps it in a NodeApiError that keeps the HTTP status or
 * network code (`httpCode`) and the original message (`messages`), but not the cause. With status
 * errors ignored, a thrown status can only come from the token exchange.
 */
interface SendFailure {
	exchange: boolean;
	status?: number;
	code?: string;
	message: string;
}

function sendFailure(error: unknown): SendFailure {
	const e = error as {
		httpCode?: string | null;
		code?: unknown;
		messages?: string[];
		message?: string;
		cause?: { code?: unknown };
	};
	let raw =
		e.httpCode ??
		(typeof e.code === 'string' ? e.code : undefined) ??
		(typeof e.cause?.code === 'string' ? e.cause.code : undefined) ??
		undefined;
	const texts = [e.message ?? '', ...(e.messages ?? [])];
	// axios reports its timeout as ECONNABORTED ("timeout of N ms exceeded").
	if ((raw === 'ECONNABORTED' || !raw) && texts.some((t) => /timeout of \d+ ?ms exceeded/i.test(t)))
		raw = 'ETIMEDOUT';
	const status = raw && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
	const message = texts.find((m) => m.startsWith(TOKEN_EXCHANGE_FAILED)) ?? e.message ?? '';
	return {
		exchange: message.startsWith(TOKEN_EXCHANGE_FAILED),
		status,
		code: status === undefined ? raw : undefined,
		message,
	};
}

/**
 * One HTTP exchange through n8n's authentication (pre-authentication fills the JWT). Status
 * errors come back as replies so the JWT renewal and the retries stay in our hands. Redirects are
 * never followed: the bearer token would go along to wherever the redirect points.
 */
async function sendOnce(
	context: HeidiContext,
	call: HeidiCall,
	lease: TokenLease,
	conn: Connection,
	stream: boolean,
): Promise<Reply> {
	const headers: IDataObject = {
		Accept: stream
			? 'application/json, text/event-stream, application/x-ndjson'
			: 'application/json',
	};
	let body: IHttpRequestOptions['body'];
	if (call.multipart) {
		headers['Content-Type'] = call.multipart.contentType;
		body = call.multipart.body;
	} else if (call.body !== undefined) {
		headers['Content-Type'] = 'application/json';
		body = JSON.stringify(call.body);
	}
	const options: IHttpRequestOptions = {
		method: call.method,
		url: `${conn.baseUrl}${call.path}`,
		qs: call.qs,
		headers,
		body,
		// Always a stream, read under our own inactivity timeout (see body.ts).
		encoding: 'stream',
		timeout: conn.timeoutMs,
		disableFollowRedirect: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		options,
		lease.renewal ? { credentialsDecrypted: lease.renewal } : undefined,
	)) as {
		statusCode: number;
		headers: Reply['headers'];
		body: Buffer | Readable | ArrayBuffer | string;
	};
	const raw = response.body;
	const data =
		raw instanceof ArrayBuffer
			? Buffer.from(raw)
			: typeof raw === 'string'
				? Buffer.from(raw)
				: raw;
	return {
		status: response.statusCode,
		headers: response.headers ?? {},
		body: data ?? Buffer.alloc(0),
	};
}

/** Sends with a valid token: renews it once when Heidi answers 401 (unless another request already did). */
async function sendAuthenticated(
	context: HeidiContext,
	call: HeidiCall,
	conn: Connection,
	stream: boolean,
): Promise<Reply> {
	const gate = tokenGate(context);
	let rejected: string | undefined;
	for (let attempt = 0; ; attempt++) {
		const lease = await gate.lease(rejected);
		let reply: Reply;
		try {
			reply = await sendOnce(context, call, lease, conn, stream);
		} catch (error) {
			const failure = sendFailure(error);
			lease.release(error, isRetryable(failure.status, failure.code));
			raise(error);
		}
		lease.release();
		if (reply.status !== 401 || attempt > 0) return reply;
		await readAll(reply.body, conn.timeoutMs);
		rejected = String(lease.data.sessionToken ?? '');
	}
}

/**
 * Whether a failed attempt is tried again (common/retry's policy). Throttling (429) and a
 * connection that never reached Heidi always are; a 5xx, a dropped or stalled connection and a cut
 * answer only for idempotent calls, since Heidi may already have done the work (a retried Create
 * Session made two sessions).
 */
function classify(error: unknown, idempotent: boolean): AttemptFailure {
	const f = (error as FailedCall).fields ?? {};
	// An error Heidi reported inside a streamed answer is its verdict on the generation, not a transport failure.
	if (f.code === 'StreamError') return { retryable: false };
	const { retryable, retryAfterMs } = attemptVerdict(failedAttempt(f), idempotent);
	return { retryable, retryAfterMs };
}

/** A failed call as common/retry's policy reads it. A failed exchange happens before the call is sent. */
function failedAttempt(f: FailedCall['fields']): FailedAttempt {
	const sent = f.exchange === undefined && (f.status !== undefined || !NOT_SENT.has(f.code ?? ''));
	return {
		status: f.status,
		code: f.status === undefined ? f.code : undefined,
		sent,
		retryAfterMs: f.retryAfterMs,
	};
}

/** Runs one call with retries and hands the successful reply to `read`. */
async function perform<T>(
	context: HeidiContext,
	call: HeidiCall,
	info: CallInfo,
	stream: boolean,
	read: (reply: Reply, conn: Connection) => Promise<T>,
): Promise<T> {
	const idempotent = call.idempotent ?? call.method !== 'POST';
	const conn = await connection(context, info.operation, info.itemIndex);
	try {
		return await withRetry(
			async () => {
				let reply: Reply;
				try {
					reply = await sendAuthenticated(context, call, conn, stream);
				} catch (error) {
					const failure = sendFailure(error);
					raise(
						new FailedCall(
							failure.exchange
								? { status: failure.status, code: failure.code, exchange: failure.message }
								: { code: failure.code ?? 'RequestFailed' },
						),
					);
				}
				const requestId = headerValue(reply.headers['x-request-id']);
				if (reply.status < 200 || reply.status >= 300) {
					const location =
						reply.status >= 300 && reply.status < 400
							? originOf(headerValue(reply.headers.location), conn.baseUrl)
							: undefined;
					const body = await readAll(reply.body, conn.timeoutMs).catch(() => Buffer.alloc(0));
					const retryAfterMs = parseRetryAfter(headerValue(reply.headers['retry-after']));
					throw new FailedCall({
						status: reply.status,
						body,
						requestId,
						retryAfterMs,
						location,
						code: location !== undefined ? 'Redirect' : undefined,
					});
				}
				try {
					return await read(reply, conn);
				} catch (error) {
					if (error instanceof FailedCall) raise(error);
					// A body cut short, stalled or unreadable.
					const code = (error as { code?: unknown }).code;
					raise(
						new FailedCall({
							requestId,
							code:
								typeof code === 'string' && !(error instanceof SyntaxError)
									? code
									: 'MalformedResponse',
						}),
					);
				}
			},
			(error) => classify(error, idempotent),
		);
	} catch (error) {
		throw await toNodeError(context, error, info, idempotent, conn);
	}
}

/** The origin (never the path or query, which could carry PHI) a redirect points to. */
function originOf(location: string | undefined, base: string): string {
	try {
		return location ? new URL(location, base).origin : 'an address it did not give';
	} catch {
		return 'an address that is not a URL';
	}
}

/** What the user should know about a failure the status and Heidi's error type do not explain. */
function adviceFor(
	f: FailedCall['fields'],
	idempotent: boolean,
	conn: Connection,
): string | undefined {
	const code = f.code ?? '';
	const advice: string[] = [];
	if (f.location !== undefined) {
		advice.push(
			`Heidi answered with a redirect to ${f.location}. Redirects are not followed, so the API key and token are never sent to another address: set the credential's base URL to the final address.`,
		);
	}
	if (TIMEOUT_CODES.has(code)) {
		advice.push(
			`Heidi sent no data for ${conn.timeoutMs / 1000} s ("Request Timeout (Seconds)" in the Heidi API credential).`,
		);
	}
	if (code === 'StreamError' || code === 'Redirect') return advice.join('\n') || undefined;
	// Did a request that creates something perhaps reach Heidi? Then it must not simply be re-run.
	if (attemptVerdict(failedAttempt(f), idempotent).ambiguous) advice.push(MAY_HAVE_BEEN_DONE);
	return advice.join('\n') || undefined;
}

async function toNodeError(
	context: HeidiContext,
	error: unknown,
	info: CallInfo,
	idempotent: boolean,
	conn: Connection,
): Promise<Error> {
	if (!(error instanceof FailedCall)) return error as Error;
	const credentials = await tokenGate(context)
		.credentials()
		.catch(() => ({}) as IDataObject);
	const options = {
		itemIndex: info.itemIndex,
		secrets: [credentials.apiKey, credentials.sessionToken],
	};
	const f = error.fields;
	if (f.exchange !== undefined) {
		// The credential's own message names no secret and says what to check.
		const hint = [
			f.exchange,
			TIMEOUT_CODES.has(f.code ?? '') ? adviceFor(f, true, conn) : undefined,
		]
			.filter(Boolean)
			.join('\n');
		return heidiError(
			context.getNode(),
			{ operation: `${info.operation}: GetToken`, status: f.status, code: f.code, hint },
			options,
		);
	}
	const hint = adviceFor(f, idempotent, conn);
	return heidiError(
		context.getNode(),
		{
			operation: info.operation,
			status: f.status,
			body: f.body,
			requestId: f.requestId,
			code: f.code,
			hint,
		},
		options,
	);
}

/** A JSON call; big integers in the response stay strings. */
export async function heidiRequest<T = IDataObject>(
	context: HeidiContext,
	call: HeidiCall,
	info: CallInfo,
): Promise<T> {
	return await perform(context, call, info, false, async (reply, conn) => {
		const body = await readAll(reply.body, conn.timeoutMs);
		return (body.length ? parseJson(body.toString('utf8')) : {}) as T;
	});
}

export interface StreamResult {
	/** The joined text (so far, when `broken`). */
	text: string;
	/** A final marker arrived (Heidi documents none, so usually false). */
	finished: boolean;
	/** The body broke off: the connection dropped or stalled, or it ended inside a JSON value. */
	broken: boolean;
}

/**
 * A streamed generation joined into its text once the stream ends. A body that breaks off is
 * retried (idempotent calls) unless `keepBroken`, where the caller gets what arrived, marked
 * `broken`, to verify against what Heidi stored.
 */
export async function heidiStream(
	context: HeidiContext,
	call: HeidiCall,
	info: CallInfo,
	options: { keepBroken?: boolean } = {},
): Promise<StreamResult> {
	return await perform(context, call, info, true, async (reply, conn) => {
		const joiner = new StreamJoiner();
		let broken = false;
		try {
			for await (const chunk of chunks(reply.body, conn.timeoutMs)) joiner.push(chunk);
			joiner.end();
		} catch (error) {
			if (!options.keepBroken) raise(error);
			broken = true;
		}
		const failed = joiner.others.find(
			(value) => (value as { detail?: unknown } | null)?.detail !== undefined,
		);
		if (failed)
			throw new FailedCall({
				code: 'StreamError',
				body: Buffer.from(JSON.stringify(failed)),
				requestId: headerValue(reply.headers['x-request-id']),
			});
		return { text: joiner.text, finished: joiner.finished, broken };
	});
}

/**
 * A 2xx answer to a call that creates something, lacking the id it must carry (an answer cut
 * short): Heidi did the work, so the error says to check before running again.
 */
export function missingFromAnswer(context: HeidiContext, info: CallInfo, field: string): Error {
	const error = vendorError(
		context.getNode(),
		{ operation: info.operation, code: 'MalformedResponse' },
		{ itemIndex: info.itemIndex },
	);
	error.message = `${info.operation} failed: Heidi's answer had no ${field}`;
	error.description = MAY_HAVE_BEEN_DONE;
	return error;
}
