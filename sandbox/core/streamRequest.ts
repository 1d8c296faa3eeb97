/**
 * The request skeleton shared by the HTTP/2 event-stream endpoints (HealthScribe's
 * StartMedicalScribeStream, Connect Health's StartMedicalScribeListeningSession): log entry,
 * SigV4 with the streaming payload hash, injected faults, the error answer before the stream
 * opens, the 200 headers, then the signed frames one by one
 * (https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-http2).
 * What an event means, and what the session becomes, is the endpoint's `EventStreamSession`.
 */
import { randomUUID } from 'node:crypto';
import type http2 from 'node:http2';
import { authenticate } from './auth';
import { ServiceError, renderError } from './errors';
import { ChainError, ChainVerifier, codec, errorEvent, FrameSplitter } from './eventstream';
import { redactHeaders } from './log';
import type { ServerContext } from './server';
import { SERVICE_PROFILES } from './services';

/** One streaming operation of a service. */
export interface EventStreamEndpoint {
	service: 'transcribe' | 'connectHealth';
	signingName: string;
	target: string;
	path: string;
	/** The service's modelled exception codes (their casing differs per API). */
	badRequest: string;
	internalFailure: string;
	/** A modelled exception event of the service's result stream. */
	exceptionEvent: (type: string, message: string) => Uint8Array;
	/** How an error answered before the stream opens names its message, and which headers carry the request id. */
	errorMessageKey: 'message' | 'Message';
	errorRequestIdHeaders: string[];
}

/** What the request log records of a stream (no audio bytes, no clinical text). */
export interface StreamSummary {
	sessionId?: string;
	/** SignedHeaders of the request's authorization (names only). */
	signedHeaders: string[];
	events: Record<string, number>;
	audioBytes: number;
	signedFrames: number;
	endFrame: boolean;
	endOfSession: boolean;
	transcriptEvents: number;
	configuration?: unknown;
	outcome: string;
}

/** How a stream ends early: a modelled exception event or an unmodelled error event. */
export interface StreamEnd {
	kind: 'exception' | 'error';
	code: string;
	message: string;
}

/** The endpoint's side of one open stream. */
export interface EventStreamSession {
	/** Response headers besides the content type and the request ids. */
	responseHeaders: Record<string, string>;
	/** One verified inner event: the events to send, or 'reset' to drop the connection (an injected fault). */
	onEvent(inner: Buffer): Uint8Array[] | 'reset';
	/** The signed end frame: sets the outcome and returns the last events to send. */
	onEndFrame(): Uint8Array[];
	onReset(): void;
	/** The stream ends with an exception or error event. */
	onFailed(): void;
	onClientClosed(): void;
	/** An error thrown by onEvent that the service answers; undefined for an emulator bug. */
	rejection(e: unknown): StreamEnd | undefined;
	/** Receives a way to end the stream with a modelled exception from outside (a newer stream took over). */
	attach?(terminate: (code: string, message: string) => void): void;
	onSettled?(): void;
}

/** What `open` learns: the request headers, the log summary, and a fault the fault plan injects into the stream. */
export interface StreamOpening {
	headers: Record<string, string>;
	summary: StreamSummary;
	injected?: 'reset' | 'exception';
}

const INTERNAL_MESSAGE = 'An internal error occurred while processing the stream.';

function headerRecord(req: http2.Http2ServerRequest): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers))
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : String(value);
	if (out.host === undefined && out[':authority'] !== undefined) out.host = out[':authority'];
	return out;
}

/** Serves one stream request; `open` validates it (throw a ServiceError to answer with an error) and opens the session. */
export async function serveEventStream(
	endpoint: EventStreamEndpoint,
	ctx: ServerContext,
	req: http2.Http2ServerRequest,
	res: http2.Http2ServerResponse,
	open: (opening: StreamOpening) => EventStreamSession,
): Promise<void> {
	const { service, path, target } = endpoint;
	const started = performance.now();
	const requestId = randomUUID();
	const headers = headerRecord(req);
	const signedHeaders =
		/SignedHeaders=([^,\s]+)/.exec(headers.authorization ?? '')?.[1]?.split(';') ?? [];
	const summary: StreamSummary = {
		signedHeaders,
		events: {},
		audioBytes: 0,
		signedFrames: 0,
		endFrame: false,
		endOfSession: false,
		transcriptEvents: 0,
		outcome: 'open',
	};
	const entry = ctx.log.add({
		time: new Date(ctx.clock.now()).toISOString(),
		service,
		method: 'POST',
		path,
		query: {},
		target,
		headers: redactHeaders(headers),
		body: summary,
		status: 0,
		requestId,
		durationMs: 0,
	});
	const finish = (status: number, errorType?: string) => {
		entry.status = status;
		if (errorType) entry.errorType = errorType;
		entry.durationMs = performance.now() - started;
	};

	let session: EventStreamSession;
	let verifier: ChainVerifier;
	try {
		const authenticated = authenticate(
			{
				method: 'POST',
				rawPath: path,
				rawQuery: '',
				query: new URLSearchParams(),
				headers,
				body: Buffer.alloc(0),
			},
			{
				protocol: 'restJson1',
				signingName: endpoint.signingName,
				region: ctx.region,
				eventStream: true,
			},
			ctx.credentials,
			Date.now(),
			ctx.clock.now(),
		);
		entry.auth = authenticated.auth;
		const decided = ctx.faults.decide(service, { method: 'POST', path, target });
		if (
			decided?.kind === 'hold' &&
			!(await ctx.faults.waitHeld(decided, new Promise((resolve) => res.once('close', resolve))))
		) {
			// The client went away while held: the stream never opened.
			entry.fault = 'hold';
			summary.outcome = 'dropped';
			finish(0);
			return;
		}
		if (decided?.kind === 'throttle') throw SERVICE_PROFILES[service].throttle();
		if (decided?.kind === '5xx') throw SERVICE_PROFILES[service].internal();
		if (decided) entry.fault = decided.kind;
		if (decided?.kind === 'slow')
			await new Promise((resolve) => setTimeout(resolve, decided.delayMs));
		ctx.beforeRequest?.();
		const injected =
			decided?.kind === 'reset' ? 'reset' : decided?.kind === 'malformed' ? 'exception' : undefined;
		session = open({ headers, summary, injected });
		verifier = new ChainVerifier(
			authenticated.chain.seed,
			authenticated.identity.secretAccessKey,
			authenticated.chain.scope,
		);
	} catch (e) {
		const error = e instanceof ServiceError ? e : SERVICE_PROFILES[service].internal();
		summary.outcome = 'rejected';
		finish(error.status, error.type);
		const rendered = renderError('restJson1', error, requestId);
		const body = Buffer.from(JSON.stringify({ [endpoint.errorMessageKey]: error.message }), 'utf8');
		const ids = Object.fromEntries(endpoint.errorRequestIdHeaders.map((h) => [h, requestId]));
		res.writeHead(rendered.status, {
			...rendered.headers,
			...ids,
			'content-length': String(body.length),
		});
		res.end(body);
		return;
	}

	// Headers at once: clients that send events before the 200 and clients that wait both work.
	res.writeHead(200, {
		'content-type': 'application/vnd.amazon.eventstream',
		'x-amzn-request-id': requestId,
		'x-amzn-requestid': requestId,
		...session.responseHeaders,
	});
	finish(200);

	const splitter = new FrameSplitter();
	const send = (bytes: Uint8Array) => {
		if (!res.writableEnded && !res.stream.destroyed) res.write(bytes);
	};
	const sendAll = (events: Uint8Array[]) => {
		for (const event of events) send(event);
		summary.transcriptEvents += events.length;
	};

	await new Promise<void>((resolve) => {
		let settled = false;
		const done = () => {
			if (!settled) {
				settled = true;
				session.onSettled?.();
				entry.durationMs = performance.now() - started;
				resolve();
			}
		};
		const stop = (end: StreamEnd, fail: boolean) => {
			if (fail) session.onFailed();
			summary.outcome = end.code;
			entry.errorType = end.code;
			send(
				end.kind === 'exception'
					? endpoint.exceptionEvent(end.code, end.message)
					: errorEvent(end.code, end.message),
			);
			res.end();
			done();
		};
		session.attach?.((code, message) => {
			if (!settled) stop({ kind: 'exception', code, message }, false);
		});
		req.on('data', (chunk: Buffer) => {
			if (settled) return;
			try {
				for (const bytes of splitter.push(chunk)) {
					const payload = verifier.verify(decodeFrame(bytes));
					summary.signedFrames++;
					if (payload.length === 0) {
						summary.endFrame = true;
						sendAll(session.onEndFrame());
						res.end();
						done();
						return;
					}
					const sent = session.onEvent(Buffer.from(payload));
					if (sent === 'reset') {
						summary.outcome = 'reset';
						entry.fault = 'reset';
						session.onReset();
						req.stream.session?.destroy();
						done();
						return;
					}
					sendAll(sent);
				}
			} catch (e) {
				const end =
					e instanceof FrameError
						? { kind: 'error' as const, code: 'SerializationException', message: e.message }
						: e instanceof ChainError
							? { kind: 'error' as const, code: 'InvalidSignatureException', message: e.message }
							: session.rejection(e);
				if (end) stop(end, true);
				else {
					// A bug in the emulator, not the client's fault: answered as the service's internal failure.
					entry.internalError = e instanceof Error ? e.message : String(e);
					stop(
						{ kind: 'exception', code: endpoint.internalFailure, message: INTERNAL_MESSAGE },
						true,
					);
				}
			}
		});
		req.on('end', () => {
			if (settled) return;
			const message = splitter.pending
				? 'The stream ended in the middle of an event.'
				: 'The stream ended without the signed end frame.';
			stop({ kind: 'exception', code: endpoint.badRequest, message }, true);
		});
		req.on('close', () => {
			if (settled) return;
			summary.outcome = 'client-closed';
			session.onClientClosed();
			done();
		});
	});
}

class FrameError extends Error {}

/** An outer (signed) frame; a CRC or length that does not add up is a SerializationException. */
function decodeFrame(bytes: Uint8Array): ReturnType<typeof codec.decode> {
	try {
		return codec.decode(bytes);
	} catch {
		throw new FrameError('An event could not be decoded.');
	}
}
