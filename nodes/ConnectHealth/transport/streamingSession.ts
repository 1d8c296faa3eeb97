import http2 from 'node:http2';
import type { EventStreamCodec } from '@smithy/eventstream-codec';
import { sleep, type NodeApiError } from 'n8n-workflow';
import { endpointProblem } from '../../common/endpoint';
import type { VendorFailure } from '../../common/errors';
import { isRetryable, parseRetryAfter, withRetry, type AttemptFailure } from '../../common/retry';
import type { ConnectHealthClient } from './client';
import { readErrorAnswer } from './errors';
import {
	audioEvent,
	EventSigningChain,
	eventStreamCodec,
	inputEvent,
	jsonPayload,
	MessageSplitter,
	readOutputEvent,
	requestSignature,
	type TranscriptSegment,
} from './eventStream';
import { resolveEndpoint } from './endpoint';
import {
	newProgress,
	pacedChunks,
	SegmentFold,
	type StreamProgress,
} from '../../common/audio/pacing';

/**
 * StartMedicalScribeListeningSession: a bidirectional HTTP/2 request (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_StartMedicalScribeListeningSession.html). The
 * request is signed with payload hash STREAMING-AWS4-HMAC-SHA256-EVENTS; the body is a chain of
 * signed events: the configuration first, audio in chunks, END_OF_SESSION, then the signed empty
 * frame. Transcript events are read while audio is still being written.
 *
 * Retries: the configuration event is sent, then the answer's status is awaited before any audio
 * leaves; a restJson1 error up to that point (throttling, 5xx, a reset) is retried with backoff
 * like every other call. Once audio was sent nothing is retried: a stream error or a dropped
 * connection fails with the session id and how far the stream got.
 */

export const STREAMING_OPERATION = 'StartMedicalScribeListeningSession';
export const STREAMING_PAYLOAD = 'STREAMING-AWS4-HMAC-SHA256-EVENTS';
const SERVICE_RETRYABLE_TYPES = new Set(['ThrottlingException', 'InternalServerException']);

export interface ListeningSessionHeaders {
	sessionId: string;
	domainId: string;
	subscriptionId: string;
	languageCode: string;
	mediaSampleRateHertz: number;
	mediaEncoding: string;
}

export interface StreamAudio {
	/** Audio chunks in sending order (one event each); iterated only once the service accepted the request. */
	chunks: AsyncIterable<Buffer>;
	/** Seconds of audio in `bytes` bytes of this recording (for pacing and progress). */
	secondsOf(bytes: number): number;
	/** Send no faster than real time (the service's own pace for live audio). */
	realTime?: boolean;
	/** `binaryAudioEvent` (raw payload) instead of `audioEvent` (base64 in JSON). */
	binaryEvents?: boolean;
}

export interface StreamOptions {
	itemIndex?: number;
	secrets?: readonly unknown[];
	/** Injected for tests; default real time. */
	sleep?: (ms: number) => Promise<void>;
}

export type { StreamProgress };

export interface StreamOutcome {
	/** What the service echoed in the response headers. */
	headers: Partial<ListeningSessionHeaders> & { requestId?: string };
	/** Final segments, partials folded into their final version, in audio order. */
	segments: TranscriptSegment[];
	progress: StreamProgress;
	streamStatus: 'COMPLETED';
}

/** A failure before any audio was sent (the request may be sent again). */
class PreStreamError extends Error {
	constructor(
		readonly failure: VendorFailure,
		readonly verdict: AttemptFailure,
	) {
		super(failure.errorType ?? failure.code ?? 'Error');
	}
}

/** A failure after audio was sent: never retried. */
class MidStreamError extends Error {
	constructor(readonly failure: VendorFailure) {
		super(failure.errorType ?? failure.code ?? 'Error');
	}
}

/** Folds partial results into finals: the newest version of each segment id wins. */
export class TranscriptFold extends SegmentFold<TranscriptSegment> {
	constructor() {
		super({
			id: (segment) => segment.segmentId,
			withId: (segment, segmentId) => ({ ...segment, segmentId }),
			isFinal: (segment) => segment.isPartial === false,
			start: (segment) => segment.audioBeginOffset,
		});
	}
}

function header(headers: http2.IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The session's request and event streams over one HTTP/2 connection. */
class ListeningStream {
	private readonly fold = new TranscriptFold();

	private readonly progress: StreamProgress = newProgress();

	private session?: http2.ClientHttp2Session;

	private request?: http2.ClientHttp2Stream;

	private failure?: Error;

	private responseEnded?: Promise<void>;

	constructor(
		private readonly client: ConnectHealthClient,
		private readonly input: ListeningSessionHeaders,
		private readonly configuration: Record<string, unknown>,
		private readonly audio: StreamAudio,
		private readonly codec: EventStreamCodec,
		private readonly timeoutMs: number,
		private readonly sleep: (ms: number) => Promise<void>,
	) {}

	get reached(): StreamProgress {
		return { ...this.progress };
	}

	/** Opens the request and sends the configuration event; resolves with the response headers. */
	async open(): Promise<{ headers: http2.IncomingHttpHeaders; chain: EventSigningChain }> {
		const { settings } = this.client.config;
		const base = resolveEndpoint(settings, 'streaming.');
		const problem = endpointProblem(
			base.origin,
			(settings as { allowInsecureHttp?: boolean }).allowInsecureHttp === true,
		);
		if (problem)
			throw new PreStreamError(
				{
					operation: STREAMING_OPERATION,
					code: 'InsecureEndpoint',
					message: `The Connect Health endpoint is refused: ${problem}`,
				},
				{ retryable: false },
			);
		// An override with a path (a proxy under /connect-health) keeps it in front of the operation path.
		const path = `${base.pathname.replace(/\/+$/, '')}/medical-scribe-stream/`;
		const signer = await this.client.signerInstance();
		// Over HTTP/2 the official client signs :authority, not host.
		const signed = await signer.sign({
			method: 'POST',
			protocol: base.protocol,
			hostname: base.hostname,
			port: base.port ? Number(base.port) : undefined,
			path,
			query: {},
			headers: {
				':authority': base.host,
				'content-type': 'application/vnd.amazon.eventstream',
				'x-amz-content-sha256': STREAMING_PAYLOAD,
				'x-amzn-medscribe-session-id': this.input.sessionId,
				'x-amzn-medscribe-domain-id': this.input.domainId,
				'x-amzn-medscribe-subscription-id': this.input.subscriptionId,
				'x-amzn-medscribe-language-code': this.input.languageCode,
				'x-amzn-medscribe-sample-rate': String(this.input.mediaSampleRateHertz),
				'x-amzn-medscribe-media-encoding': this.input.mediaEncoding,
			},
		});
		const chain = new EventSigningChain(
			this.codec,
			signer,
			requestSignature(signed.headers.authorization),
		);

		const session = http2.connect(base.origin);
		this.session = session;
		session.on('error', (error) => this.fail(error));
		const request = session.request(
			{ ':method': 'POST', ':path': path, ...signed.headers },
			{ endStream: false },
		);
		this.request = request;
		request.setTimeout(this.timeoutMs, () =>
			this.fail(
				Object.assign(new Error(`No progress on the stream within ${this.timeoutMs} ms`), {
					code: 'ETIMEDOUT',
				}),
			),
		);
		request.on('error', (error) => this.fail(error));

		const answered = new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
			request.once('response', resolve);
			request.once('close', () =>
				reject(
					this.failure ??
						Object.assign(new Error('The connection closed before the service answered'), {
							code: 'ECONNRESET',
						}),
				),
			);
			session.once('error', reject);
			request.once('error', reject);
		});
		// Awaited below; a failure while the configuration is written must not go unhandled meanwhile.
		answered.catch(() => undefined);
		// The current official client sends events before the 200 arrives, an older one waited for the 200
		// before sending anything: the service answers without needing audio. So the
		// configuration goes out at once, and audio only after the 200, which keeps a refusal retryable.
		this.progress.stage = 'configuration';
		await this.write(
			await chain.sign(
				inputEvent(this.codec, 'configurationEvent', jsonPayload(this.configuration)),
			),
		);
		let headers: http2.IncomingHttpHeaders;
		try {
			headers = await answered;
		} catch (error) {
			throw this.preStreamFailure(error as NodeJS.ErrnoException);
		}
		const status = Number(headers[':status']);
		if (status !== 200) throw await this.errorAnswer(status, headers);
		this.responseEnded = this.readEvents();
		// Awaited once the audio is sent; a failure meanwhile is seen by the writer through `failure`.
		this.responseEnded.catch(() => undefined);
		return { headers, chain };
	}

	private preStreamFailure(error: NodeJS.ErrnoException): PreStreamError {
		const code = error.code ?? 'ECONNRESET';
		return new PreStreamError(
			{ operation: STREAMING_OPERATION, code, message: error.message },
			{ retryable: isRetryable(undefined, code) || code.startsWith('ERR_HTTP2') },
		);
	}

	private async errorAnswer(
		status: number,
		headers: http2.IncomingHttpHeaders,
	): Promise<PreStreamError> {
		const chunks: Buffer[] = [];
		const request = this.request!;
		await new Promise<void>((resolve) => {
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.once('end', resolve);
			request.once('close', resolve);
		});
		const answer = readErrorAnswer({
			status,
			headers: headers as never,
			body: Buffer.concat(chunks),
		});
		const retryable =
			isRetryable(status) ||
			(answer.errorType !== undefined && SERVICE_RETRYABLE_TYPES.has(answer.errorType));
		return new PreStreamError(
			{
				operation: STREAMING_OPERATION,
				httpStatus: status,
				errorType: answer.errorType,
				requestId: answer.requestId,
				message: answer.message,
			},
			{ retryable, retryAfterMs: parseRetryAfter(header(headers, 'retry-after')) },
		);
	}

	/** Reads output events until the service ends its stream; a stream error fails the whole call. */
	private readEvents(): Promise<void> {
		const request = this.request!;
		const splitter = new MessageSplitter();
		return new Promise<void>((resolve, reject) => {
			request.on('data', (chunk: Buffer) => {
				try {
					for (const bytes of splitter.push(chunk)) {
						const event = readOutputEvent(this.codec.decode(bytes));
						if (event.kind === 'transcript') this.fold.add(event.segment);
						else if (event.kind === 'error')
							this.fail(
								new MidStreamError({
									operation: STREAMING_OPERATION,
									errorType: event.errorType,
									message: event.message,
								}),
							);
					}
				} catch (error) {
					this.fail(
						Object.assign(
							new Error(
								`The service sent an event that could not be decoded (${(error as Error).message})`,
							),
							{ code: 'MalformedResponse' },
						),
					);
				}
			});
			const failWith = (error: Error) => {
				this.fail(error);
				reject(this.failure);
			};
			let ended = false;
			request.once('end', () => {
				ended = true;
				if (this.failure) reject(this.failure);
				else if (splitter.leftover)
					failWith(
						Object.assign(new Error('The service’s event stream ended in the middle of an event'), {
							code: 'ECONNRESET',
						}),
					);
				else resolve();
			});
			request.once(
				'close',
				() =>
					ended ||
					failWith(
						Object.assign(new Error('The connection closed before the stream ended'), {
							code: 'ECONNRESET',
						}),
					),
			);
		});
	}

	/** Records the first failure and tears the connection down, which stops the writer too. */
	private fail(error: Error): void {
		if (this.failure) return;
		this.failure = error;
		this.request?.close(http2.constants.NGHTTP2_CANCEL);
		this.session?.destroy();
	}

	private async write(frame: Uint8Array): Promise<void> {
		if (this.failure) throw this.failure;
		const request = this.request!;
		if (request.destroyed || request.closed) {
			this.fail(
				Object.assign(new Error('The connection closed before the stream ended'), {
					code: 'ECONNRESET',
				}),
			);
			throw this.failure;
		}
		if (!request.write(frame)) {
			await new Promise<void>((resolve) => {
				const done = () => {
					request.off('drain', done);
					request.off('close', done);
					resolve();
				};
				request.on('drain', done);
				request.on('close', done);
			});
		}
		if (this.failure) throw this.failure;
	}

	/** Audio, END_OF_SESSION and the signed end frame, then the response's end. */
	async stream(chain: EventSigningChain): Promise<void> {
		const chunks = pacedChunks(this.audio.chunks, this.progress, {
			secondsOf: this.audio.secondsOf,
			realTime: this.audio.realTime,
			sleep: this.sleep,
		});
		for await (const chunk of chunks) {
			if (this.failure) throw this.failure;
			await this.write(
				await chain.sign(audioEvent(this.codec, chunk, this.audio.binaryEvents === true)),
			);
		}
		await this.write(
			await chain.sign(
				inputEvent(this.codec, 'sessionControlEvent', jsonPayload({ type: 'END_OF_SESSION' })),
			),
		);
		await this.write(await chain.sign(new Uint8Array(0)));
		this.request!.end();
		await this.responseEnded;
		this.progress.stage = 'ended';
	}

	segments(): TranscriptSegment[] {
		return this.fold.result();
	}

	close(): void {
		if (this.session && !this.session.destroyed) this.session.close();
	}

	destroy(): void {
		this.request?.close(http2.constants.NGHTTP2_CANCEL);
		this.session?.destroy();
	}
}

function echoedHeaders(headers: http2.IncomingHttpHeaders): StreamOutcome['headers'] {
	const rate = header(headers, 'x-amzn-medscribe-sample-rate');
	const out: StreamOutcome['headers'] = {
		sessionId: header(headers, 'x-amzn-medscribe-session-id'),
		domainId: header(headers, 'x-amzn-medscribe-domain-id'),
		subscriptionId: header(headers, 'x-amzn-medscribe-subscription-id'),
		languageCode: header(headers, 'x-amzn-medscribe-language-code'),
		mediaSampleRateHertz: rate === undefined ? undefined : Number(rate),
		mediaEncoding: header(headers, 'x-amzn-medscribe-media-encoding'),
		requestId: header(headers, 'x-amzn-request-id') ?? header(headers, 'x-amzn-requestid'),
	};
	for (const key of Object.keys(out) as Array<keyof typeof out>)
		if (out[key] === undefined) delete out[key];
	return out;
}

function progressText(sessionId: string, progress: StreamProgress): string {
	const seconds = progress.audioSeconds.toFixed(1);
	return (
		`Listening session ${sessionId}: the stream stopped after ${progress.audioEvents} audio events ` +
		`(${seconds} s, ${progress.audioBytes} bytes of audio; stage: ${progress.stage}). Nothing was sent again: ` +
		`the session may hold part of the recording. Check it with Get, then start a new session (new Session ID) to send the whole recording.`
	);
}

/**
 * Streams one recording into a new listening session and resolves with the folded transcript.
 * Errors are n8n errors naming the operation; once audio was sent they also name the session and
 * how far the stream got.
 */
export async function startListeningSessionStream(
	client: ConnectHealthClient,
	input: ListeningSessionHeaders,
	configuration: Record<string, unknown>,
	audio: StreamAudio,
	options: StreamOptions = {},
): Promise<StreamOutcome> {
	const codec = await eventStreamCodec();
	// The credential's request timeout, when it has one, is the longest the stream may go without progress.
	const seconds = Number(
		(client.config.settings as { requestTimeoutSeconds?: unknown }).requestTimeoutSeconds,
	);
	const timeoutMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : client.timeoutMs;
	let opened: {
		stream: ListeningStream;
		headers: http2.IncomingHttpHeaders;
		chain: EventSigningChain;
	};
	try {
		opened = await withRetry(
			async () => {
				const stream = new ListeningStream(
					client,
					input,
					configuration,
					audio,
					codec,
					timeoutMs,
					options.sleep ?? sleep,
				);
				try {
					const { headers, chain } = await stream.open();
					return { stream, headers, chain };
				} catch (error) {
					stream.destroy();
					throw error instanceof PreStreamError
						? error
						: new PreStreamError(
								{
									operation: STREAMING_OPERATION,
									code: (error as NodeJS.ErrnoException).code ?? 'ECONNRESET',
									message: (error as Error).message,
								},
								{ retryable: true },
							);
				}
			},
			(error) => (error instanceof PreStreamError ? error.verdict : { retryable: false }),
			client.retryOptions,
		);
	} catch (error) {
		throw await client.streamError(
			error instanceof PreStreamError
				? error.failure
				: { operation: STREAMING_OPERATION, code: 'Error', message: (error as Error).message },
			options,
		);
	}

	const { stream, headers, chain } = opened;
	try {
		await stream.stream(chain);
		return {
			headers: echoedHeaders(headers),
			segments: stream.segments(),
			progress: stream.reached,
			streamStatus: 'COMPLETED',
		};
	} catch (error) {
		stream.destroy();
		const failure: VendorFailure =
			error instanceof MidStreamError
				? error.failure
				: {
						operation: STREAMING_OPERATION,
						code: (error as NodeJS.ErrnoException).code ?? 'ECONNRESET',
						message: (error as Error).message,
					};
		const nodeError: NodeApiError = await client.streamError(
			{ ...failure, requestId: echoedHeaders(headers).requestId },
			options,
		);
		const detail = progressText(input.sessionId, stream.reached);
		nodeError.message = `${nodeError.message.replace(/\.$/, '')}. ${detail}`;
		nodeError.description = `${detail}${nodeError.description ? ` ${nodeError.description}` : ''}`;
		nodeError.context.sessionId = input.sessionId;
		nodeError.context.audioEventsSent = stream.reached.audioEvents;
		// Never retried silently: say so to triggers and retry helpers too.
		nodeError.context.transient = false;
		throw nodeError;
	} finally {
		stream.close();
	}
}
