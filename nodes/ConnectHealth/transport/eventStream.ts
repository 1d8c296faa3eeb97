import type { EventStreamCodec } from '@smithy/eventstream-codec';
import type { SignatureV4 } from '@smithy/signature-v4';
import type { Message, MessageHeaders } from '@smithy/types';

/**
 * AWS event-stream messages of StartMedicalScribeListeningSession (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_StartMedicalScribeListeningSession.html, https://docs.aws.amazon.com/transcribe/latest/dg/event-stream.html), built
 * with the maintained pieces the official clients use: `@smithy/eventstream-codec` frames the
 * messages (prelude, headers, CRCs) and `@smithy/signature-v4` signs each event, chained from the
 * request's own signature, as `@aws-sdk/eventstream-handler-node`'s EventSigningStream does.
 */

const toUtf8 = (bytes: Uint8Array): string =>
	Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const fromUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

let codecPromise: Promise<EventStreamCodec> | undefined;

/** One codec for the process (it keeps no state for encode/decode), loaded lazily. */
export async function eventStreamCodec(): Promise<EventStreamCodec> {
	codecPromise ??= import('@smithy/eventstream-codec').then(
		({ EventStreamCodec }) => new EventStreamCodec(toUtf8, fromUtf8),
	);
	return await codecPromise;
}

/** Input event types of the `MedicalScribeInputStream` union. */
export type InputEventType =
	| 'configurationEvent'
	| 'audioEvent'
	| 'binaryAudioEvent'
	| 'sessionControlEvent';

/** An inner (typed) message: `:message-type` event, `:event-type`, `:content-type`, payload. */
export function inputEvent(
	codec: EventStreamCodec,
	eventType: InputEventType,
	payload: Uint8Array,
): Uint8Array {
	const contentType =
		eventType === 'binaryAudioEvent' ? 'application/octet-stream' : 'application/json';
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'event' },
			':event-type': { type: 'string', value: eventType },
			':content-type': { type: 'string', value: contentType },
		},
		body: payload,
	});
}

export const jsonPayload = (value: unknown): Uint8Array =>
	Buffer.from(JSON.stringify(value), 'utf8');

/** `audioEvent` carries the chunk base64-encoded in JSON; `binaryAudioEvent` carries the raw bytes. */
export function audioEvent(
	codec: EventStreamCodec,
	chunk: Uint8Array,
	binary: boolean,
): Uint8Array {
	return binary
		? inputEvent(codec, 'binaryAudioEvent', chunk)
		: inputEvent(
				codec,
				'audioEvent',
				jsonPayload({
					audioChunk: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString(
						'base64',
					),
				}),
			);
}

/**
 * The signing chain: every inner message (and finally an empty payload) is wrapped in an outer
 * message with `:date` and `:chunk-signature`, whose signature covers the prior signature, the
 * `:date` header block and the inner bytes. The first prior signature is the request's.
 */
export class EventSigningChain {
	private prior: string;

	constructor(
		private readonly codec: EventStreamCodec,
		private readonly signer: SignatureV4,
		seedSignature: string,
		private readonly now: () => Date = () => new Date(),
	) {
		this.prior = seedSignature;
	}

	/** The signature the next frame is chained to (hex). */
	get priorSignature(): string {
		return this.prior;
	}

	/** The signed outer frame around `inner` (an empty payload = the end-of-stream frame). */
	async sign(inner: Uint8Array): Promise<Uint8Array> {
		const signingDate = this.now();
		const dateHeader: MessageHeaders = { ':date': { type: 'timestamp', value: signingDate } };
		const { signature } = await this.signer.signMessage(
			{ message: { headers: dateHeader, body: inner }, priorSignature: this.prior },
			{ signingDate },
		);
		this.prior = signature;
		return this.codec.encode({
			headers: {
				...dateHeader,
				':chunk-signature': { type: 'binary', value: Buffer.from(signature, 'hex') },
			},
			body: inner,
		});
	}
}

/** The hex signature of a signed request's `authorization` header: the seed of the event chain. */
export function requestSignature(authorization: string | undefined): string {
	return /Signature=([0-9a-f]+)\s*$/.exec(authorization ?? '')?.[1] ?? '';
}

/**
 * Splits received bytes into whole messages: the prelude's first u32 is the message's total
 * length, so bytes are held only until one message is complete.
 */
export class MessageSplitter {
	private pending: Buffer[] = [];

	private size = 0;

	push(chunk: Buffer): Buffer[] {
		this.pending.push(chunk);
		this.size += chunk.length;
		const out: Buffer[] = [];
		for (;;) {
			if (this.size < 4) break;
			const head = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
			this.pending = [head];
			const total = head.readUInt32BE(0);
			if (total < 16) throw new Error('An event-stream message has an invalid length');
			if (head.length < total) break;
			out.push(head.subarray(0, total));
			const rest = head.subarray(total);
			this.pending = rest.length ? [rest] : [];
			this.size = rest.length;
		}
		return out;
	}

	/** Bytes of a message that never completed (a stream cut mid-message). */
	get leftover(): number {
		return this.size;
	}
}

export interface TranscriptSegment {
	segmentId?: string;
	audioBeginOffset?: number;
	audioEndOffset?: number;
	isPartial?: boolean;
	channelId?: string;
	content?: string;
}

export type OutputEvent =
	| { kind: 'transcript'; segment: TranscriptSegment }
	| { kind: 'error'; errorType: string; message?: string }
	| { kind: 'other'; eventType?: string };

function headerText(message: Message, name: string): string | undefined {
	const header = message.headers[name];
	return header && header.type === 'string' ? header.value : undefined;
}

function jsonBody(message: Message): Record<string, unknown> {
	try {
		const value = JSON.parse(toUtf8(message.body)) as unknown;
		return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

const STREAM_ERRORS = new Set(['internalFailureException', 'validationException']);

/**
 * One output message: a transcript event, a stream error (modeled `exception`, unmodeled `error`,
 * or — as the JS snapshot delivers them — an `event` whose type is an exception), or something to skip.
 */
export function readOutputEvent(message: Message): OutputEvent {
	const messageType = headerText(message, ':message-type');
	if (messageType === 'error') {
		return {
			kind: 'error',
			errorType: headerText(message, ':error-code') ?? 'UnknownError',
			message: headerText(message, ':error-message'),
		};
	}
	const eventType = headerText(
		message,
		messageType === 'exception' ? ':exception-type' : ':event-type',
	);
	if (messageType === 'exception' || (eventType && STREAM_ERRORS.has(eventType))) {
		const body = jsonBody(message);
		const text = [body.message, body.Message].find((v): v is string => typeof v === 'string');
		return { kind: 'error', errorType: eventType ?? 'UnknownException', message: text };
	}
	if (eventType === 'transcriptEvent') {
		const segment = jsonBody(message).transcriptSegment;
		return {
			kind: 'transcript',
			segment:
				segment !== null && typeof segment === 'object' ? (segment as TranscriptSegment) : {},
		};
	}
	return { kind: 'other', eventType };
}
