import type { Readable } from 'node:stream';
import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { heidiBaseUrl, TOKEN_EXCHANGE_FAILED } from '../../../credentials/HeidiApi.credentials';
import { isRetryable, parseRetryAfter, withRetry, type AttemptFailure } from '../../common/retry';
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
	 * Whether sending it twice is harmless; a connection that drops after the request went out is
	 * retried only then. Default: every method but POST.
	 */
	idempotent?: boolean;
}

export interface CallInfo {
	/** Operation name used in errors, e.g. "GetSession". */
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
			/** Network code, `MalformedResponse` (body cut short) or `StreamError` (error inside a stream). */
			code?: string;
			retryAfterMs?: number;
			/** The credential's message when the token exchange (not the call) failed. */
			exchange?: string;
		},
	) {
		super(fields.code ?? `HTTP ${fields.status}`);
	}
}

const headerValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function readAll(body: Buffer | Readable): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}

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
	const e = error as { httpCode?: string | null; code?: unknown; messages?: string[]; message?: string };
	const raw = e.httpCode ?? (typeof e.code === 'string' ? e.code : undefined) ?? undefined;
	const status = raw && /^\d{3}$/.test(raw) ? Number(raw) : undefined;
	const message = e.messages?.find((m) => m.startsWith(TOKEN_EXCHANGE_FAILED)) ?? e.message ?? '';
	return { exchange: message.startsWith(TOKEN_EXCHANGE_FAILED), status, code: status === undefined ? raw : undefined, message };
}

/**
 * One HTTP exchange through n8n's authentication (pre-authentication fills the JWT). Status
 * errors come back as replies so the JWT renewal and the retries stay in our hands.
 */
async function sendOnce(context: HeidiContext, call: HeidiCall, lease: TokenLease, stream: boolean): Promise<Reply> {
	const headers: IDataObject = { Accept: stream ? 'application/json, text/event-stream, application/x-ndjson' : 'application/json' };
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
		url: `${heidiBaseUrl(lease.data)}${call.path}`,
		qs: call.qs,
		headers,
		body,
		encoding: stream ? 'stream' : 'arraybuffer',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		options,
		lease.renewal ? { credentialsDecrypted: lease.renewal } : undefined,
	)) as { statusCode: number; headers: Reply['headers']; body: Buffer | Readable | ArrayBuffer | string };
	const raw = response.body;
	const data = raw instanceof ArrayBuffer ? Buffer.from(raw) : typeof raw === 'string' ? Buffer.from(raw) : raw;
	return { status: response.statusCode, headers: response.headers ?? {}, body: data ?? Buffer.alloc(0) };
}

/** Sends with a valid token: renews it once when Heidi answers 401 (unless another request already did). */
async function sendAuthenticated(context: HeidiContext, call: HeidiCall, stream: boolean): Promise<Reply> {
	const gate = tokenGate(context);
	let rejected: string | undefined;
	for (let attempt = 0; ; attempt++) {
		const lease = await gate.lease(rejected);
		let reply: Reply;
		try {
			reply = await sendOnce(context, call, lease, stream);
		} catch (error) {
			const failure = sendFailure(error);
			lease.release(error, isRetryable(failure.status, failure.code));
			throw error;
		}
		lease.release();
		if (reply.status !== 401 || attempt > 0) return reply;
		await readAll(reply.body);
		rejected = String(lease.data.sessionToken ?? '');
	}
}

/** Runs one call with retries (429, 5xx, dropped connections) and hands the successful reply to `read`. */
async function perform<T>(context: HeidiContext, call: HeidiCall, info: CallInfo, stream: boolean, read: (reply: Reply) => Promise<T>): Promise<T> {
	const idempotent = call.idempotent ?? call.method !== 'POST';
	const classify = (error: unknown): AttemptFailure => {
		const f = (error as FailedCall).fields ?? {};
		// A failed exchange happens before the call is sent, so it is safe to repeat.
		if (f.exchange !== undefined) return { retryable: isRetryable(f.status, f.code) };
		if (f.status !== undefined) return { retryable: isRetryable(f.status), retryAfterMs: f.retryAfterMs };
		return { retryable: idempotent && (f.code === 'MalformedResponse' || isRetryable(undefined, f.code)) };
	};
	try {
		return await withRetry(async () => {
			let reply: Reply;
			try {
				reply = await sendAuthenticated(context, call, stream);
			} catch (error) {
				const failure = sendFailure(error);
				throw new FailedCall(
					failure.exchange
						? { status: failure.status, code: failure.code, exchange: failure.message }
						: { code: failure.code ?? 'RequestFailed' },
				);
			}
			const requestId = headerValue(reply.headers['x-request-id']);
			if (reply.status < 200 || reply.status >= 300) {
				const body = await readAll(reply.body);
				throw new FailedCall({ status: reply.status, body, requestId, retryAfterMs: parseRetryAfter(headerValue(reply.headers['retry-after'])) });
			}
			try {
				return await read(reply);
			} catch (error) {
				if (error instanceof FailedCall) throw error;
				// A body cut short or unreadable.
				const code = (error as { code?: unknown }).code;
				throw new FailedCall({ requestId, code: typeof code === 'string' && !(error instanceof SyntaxError) ? code : 'MalformedResponse' });
			}
		}, classify);
	} catch (error) {
		throw await toNodeError(context, error, info, idempotent);
	}
}

async function toNodeError(context: HeidiContext, error: unknown, info: CallInfo, idempotent: boolean): Promise<Error> {
	if (!(error instanceof FailedCall)) return error as Error;
	const credentials = await tokenGate(context)
		.credentials()
		.catch(() => ({}) as IDataObject);
	const options = { itemIndex: info.itemIndex, secrets: [credentials.apiKey, credentials.sessionToken] };
	const f = error.fields;
	if (f.exchange !== undefined) {
		// The credential's own message names no secret and says what to check.
		return heidiError(context.getNode(), { operation: 'GetToken', status: f.status, code: f.code, hint: f.exchange }, options);
	}
	const hint =
		f.status === undefined && f.code !== 'MalformedResponse' && f.code !== 'StreamError' && !idempotent
			? 'The connection failed after the request was sent, so Heidi may have done it: check before running it again.'
			: undefined;
	return heidiError(context.getNode(), { operation: info.operation, status: f.status, body: f.body, requestId: f.requestId, code: f.code, hint }, options);
}

/** A JSON call; big integers in the response stay strings. */
export async function heidiRequest<T = IDataObject>(context: HeidiContext, call: HeidiCall, info: CallInfo): Promise<T> {
	return await perform(context, call, info, false, async (reply) => {
		const body = await readAll(reply.body);
		return (body.length ? parseJson(body.toString('utf8')) : {}) as T;
	});
}

/** A streamed generation joined into its full text once the stream ends. */
export async function heidiStream(context: HeidiContext, call: HeidiCall, info: CallInfo): Promise<string> {
	return await perform(context, call, info, true, async (reply) => {
		const joiner = new StreamJoiner();
		if (Buffer.isBuffer(reply.body)) joiner.push(reply.body);
		else for await (const chunk of reply.body) joiner.push(chunk as Buffer);
		const text = joiner.end();
		const failed = joiner.others.find((value) => (value as { detail?: unknown } | null)?.detail !== undefined);
		if (failed) throw new FailedCall({ code: 'StreamError', body: Buffer.from(JSON.stringify(failed)), requestId: headerValue(reply.headers['x-request-id']) });
		return text;
	});
}
