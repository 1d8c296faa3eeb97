/**
 * Event-stream messages for the sandbox: framing with `@smithy/eventstream-codec` (prelude, CRCs),
 * and the event-signature chain verified with the sandbox's own SigV4 (core/sigv4), independently
 * of the signer the nodes use.
 */
import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { Message } from '@smithy/types';
import {
	scopeString,
	sha256Hex,
	sign,
	signaturesMatch,
	signingKey,
	toAmzDate,
	type CredentialScope,
} from './sigv4';

export const codec = new EventStreamCodec(
	(bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
	(text) => Buffer.from(text, 'utf8'),
);

/** The `:date` header block exactly as signed: name length, name, type 8 (timestamp), i64 BE ms. */
function dateHeaderBlock(ms: number): Buffer {
	const block = Buffer.alloc(1 + 5 + 1 + 8);
	block.writeUInt8(5, 0);
	block.write(':date', 1, 'latin1');
	block.writeUInt8(8, 6);
	block.writeBigInt64BE(BigInt(ms), 7);
	return block;
}

export class ChainError extends Error {}

/**
 * Verifies outer frames in order: each `:chunk-signature` must sign the prior signature, the
 * `:date` header block and the payload, with the signing key of the frame's own date.
 */
export class ChainVerifier {
	private prior: string;

	private readonly keys = new Map<string, Buffer>();

	constructor(
		seed: string,
		private readonly secret: string,
		private readonly scope: CredentialScope,
	) {
		this.prior = seed;
	}

	/** The inner payload of a verified frame (empty = end of stream). */
	verify(frame: Message): Uint8Array {
		const date = frame.headers[':date'];
		const signature = frame.headers[':chunk-signature'];
		if (!date || date.type !== 'timestamp')
			throw new ChainError('An event is missing its :date header.');
		if (!signature || signature.type !== 'binary')
			throw new ChainError('An event is missing its :chunk-signature header.');
		const ms = date.value.getTime();
		const day = toAmzDate(ms).slice(0, 8);
		const scope = { ...this.scope, date: day };
		let key = this.keys.get(day);
		if (!key) {
			key = signingKey(this.secret, scope);
			this.keys.set(day, key);
		}
		const stringToSign = [
			'AWS4-HMAC-SHA256-PAYLOAD',
			toAmzDate(ms),
			scopeString(scope),
			this.prior,
			sha256Hex(dateHeaderBlock(ms)),
			sha256Hex(Buffer.from(frame.body)),
		].join('\n');
		const expected = sign(key, stringToSign);
		if (!signaturesMatch(expected, Buffer.from(signature.value).toString('hex'))) {
			throw new ChainError(
				'The signature of an event does not match the signature we calculated (the event was changed, reordered or signed with another key).',
			);
		}
		this.prior = expected;
		return frame.body;
	}
}

/** A service event: `:message-type` event with a JSON payload. */
export function outputEvent(eventType: string, payload: unknown): Uint8Array {
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'event' },
			':event-type': { type: 'string', value: eventType },
			':content-type': { type: 'string', value: 'application/json' },
		},
		body: Buffer.from(JSON.stringify(payload), 'utf8'),
	});
}

/** A modeled stream error (`internalFailureException`, `validationException`). */
export function exceptionEvent(exceptionType: string, message: string): Uint8Array {
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'exception' },
			':exception-type': { type: 'string', value: exceptionType },
			':content-type': { type: 'string', value: 'application/json' },
		},
		body: Buffer.from(JSON.stringify({ message }), 'utf8'),
	});
}

/** An unmodeled stream error (`:message-type` error with code and message headers). */
export function errorEvent(code: string, message: string): Uint8Array {
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'error' },
			':error-code': { type: 'string', value: code },
			':error-message': { type: 'string', value: message },
		},
		body: new Uint8Array(0),
	});
}

/** Splits received bytes into whole messages by the prelude's total length. */
export class FrameSplitter {
	private buffer: Buffer = Buffer.alloc(0);

	push(chunk: Buffer): Buffer[] {
		this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
		const out: Buffer[] = [];
		while (this.buffer.length >= 4) {
			const total = this.buffer.readUInt32BE(0);
			if (total < 16 || total > 16 * 1024 * 1024)
				throw new ChainError('An event-stream message has an invalid length.');
			if (this.buffer.length < total) break;
			out.push(this.buffer.subarray(0, total));
			this.buffer = this.buffer.subarray(total);
		}
		return out;
	}

	get pending(): number {
		return this.buffer.length;
	}
}
