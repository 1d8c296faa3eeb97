import { createHash, createHmac } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import {
	audioEvent,
	EventSigningChain,
	eventStreamCodec,
	inputEvent,
	jsonPayload,
	MessageSplitter,
	readOutputEvent,
	requestSignature,
} from '../../../nodes/ConnectHealth/transport/eventStream';
import { TranscriptFold } from '../../../nodes/ConnectHealth/transport/streamingSession';
import { ChainVerifier } from '../../../sandbox/core/eventstream';

// The AWS documentation's example key pair (not a real credential).
const CREDENTIALS = {
	accessKeyId: 'AKIDEXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const SEED = 'e1d8e8c8f9c0b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3';
const AT = Date.parse('2026-11-30T12:34:56.789Z');

const hmac = (key: Buffer | string, data: string) =>
	createHmac('sha256', key).update(data, 'utf8').digest();
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** The event signing chain (https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html), written out with node:crypto only: the reference the SDK-built chain must match. */
function referenceSignature(prior: string, inner: Uint8Array, ms: number): string {
	const iso = new Date(ms).toISOString();
	const longDate = iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
	const shortDate = longDate.slice(0, 8);
	const key = hmac(
		hmac(hmac(hmac(`AWS4${CREDENTIALS.secretAccessKey}`, shortDate), 'us-east-1'), 'health-agent'),
		'aws4_request',
	);
	const dateBlock = Buffer.alloc(15);
	dateBlock.writeUInt8(5, 0);
	dateBlock.write(':date', 1, 'latin1');
	dateBlock.writeUInt8(8, 6);
	dateBlock.writeBigInt64BE(BigInt(ms), 7);
	const stringToSign = [
		'AWS4-HMAC-SHA256-PAYLOAD',
		longDate,
		`${shortDate}/us-east-1/health-agent/aws4_request`,
		prior,
		sha256(dateBlock),
		sha256(inner),
	].join('\n');
	return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

const signer = () =>
	new SignatureV4({
		service: 'health-agent',
		region: 'us-east-1',
		credentials: CREDENTIALS,
		sha256: Sha256,
		uriEscapePath: true,
	});

describe('event signing chain (Transcribe streaming scheme)', () => {
	it('signs each frame over the prior signature, the :date block and the inner message, seeded by the request signature', async () => {
		const codec = await eventStreamCodec();
		let now = AT;
		const chain = new EventSigningChain(codec, signer(), SEED, () => new Date(now));
		const inners = [
			inputEvent(
				codec,
				'configurationEvent',
				jsonPayload({
					postStreamActionSettings: {
						outputS3Uri: 's3://b/o/',
						clinicalNoteGenerationSettings: {
							noteTemplateSettings: { managedTemplate: { templateType: 'SIRP' } },
						},
					},
				}),
			),
			audioEvent(codec, Buffer.alloc(3200, 1), false),
			inputEvent(codec, 'sessionControlEvent', jsonPayload({ type: 'END_OF_SESSION' })),
			new Uint8Array(0),
		];
		let prior = SEED;
		for (const inner of inners) {
			const frame = codec.decode(await chain.sign(inner));
			expect(Object.keys(frame.headers).sort()).toEqual([':chunk-signature', ':date']);
			expect(frame.headers[':date']).toEqual({ type: 'timestamp', value: new Date(now) });
			const signature = Buffer.from(frame.headers[':chunk-signature'].value as Uint8Array).toString(
				'hex',
			);
			expect(signature).toBe(referenceSignature(prior, inner, now));
			expect(Buffer.from(frame.body).equals(Buffer.from(inner))).toBe(true);
			prior = signature;
			now += 1001;
		}
		// A fixed vector guards against silent changes of the SDK pieces.
		expect(referenceSignature(SEED, new Uint8Array(0), AT)).toBe(FIRST_EMPTY_FRAME_SIGNATURE);
	});

	it('the sandbox verifier accepts the chain and refuses a changed frame', async () => {
		const codec = await eventStreamCodec();
		const chain = new EventSigningChain(codec, signer(), SEED, () => new Date(AT));
		const verifier = new ChainVerifier(SEED, CREDENTIALS.secretAccessKey, {
			accessKeyId: CREDENTIALS.accessKeyId,
			date: '20261130',
			region: 'us-east-1',
			service: 'health-agent',
		});
		const a = await chain.sign(audioEvent(codec, Buffer.alloc(320, 2), true));
		expect(Buffer.from(verifier.verify(codec.decode(a))).length).toBeGreaterThan(320);
		const b = codec.decode(await chain.sign(audioEvent(codec, Buffer.alloc(320, 3), true)));
		expect(() =>
			verifier.verify({ headers: b.headers, body: audioEvent(codec, Buffer.alloc(320, 4), true) }),
		).toThrow(/signature/);
	});

	it('event headers and payloads as the service expects them', async () => {
		const codec = await eventStreamCodec();
		const json = codec.decode(audioEvent(codec, Buffer.from([1, 2, 3]), false));
		expect(json.headers).toEqual({
			':message-type': { type: 'string', value: 'event' },
			':event-type': { type: 'string', value: 'audioEvent' },
			':content-type': { type: 'string', value: 'application/json' },
		});
		expect(JSON.parse(Buffer.from(json.body).toString('utf8'))).toEqual({ audioChunk: 'AQID' });
		const binary = codec.decode(audioEvent(codec, Buffer.from([1, 2, 3]), true));
		expect(binary.headers[':event-type'].value).toBe('binaryAudioEvent');
		expect(binary.headers[':content-type'].value).toBe('application/octet-stream');
		expect([...binary.body]).toEqual([1, 2, 3]);
	});

	it('the seed is the Signature= of the authorization header', () => {
		expect(
			requestSignature(
				`AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261130/us-east-1/health-agent/aws4_request, SignedHeaders=:authority;content-type, Signature=${SEED}`,
			),
		).toBe(SEED);
		expect(requestSignature(undefined)).toBe('');
	});
});

describe('reading the service’s stream', () => {
	it('splits messages across any chunk boundaries', async () => {
		const codec = await eventStreamCodec();
		const messages = [1, 2, 3].map((n) =>
			Buffer.from(inputEvent(codec, 'audioEvent', jsonPayload({ n }))),
		);
		const all = Buffer.concat(messages);
		const splitter = new MessageSplitter();
		const out: Buffer[] = [];
		for (let i = 0; i < all.length; i += 7) out.push(...splitter.push(all.subarray(i, i + 7)));
		expect(out.map((m) => m.equals(messages[out.indexOf(m)]))).toEqual([true, true, true]);
		expect(splitter.leftover).toBe(0);
		splitter.push(messages[0].subarray(0, 10));
		expect(splitter.leftover).toBe(10);
	});

	it('transcript events, modeled exceptions (both wire forms), unmodeled errors, unknown events', async () => {
		const codec = await eventStreamCodec();
		const str = (value: string) => ({ type: 'string' as const, value });
		const body = (value: unknown) => Buffer.from(JSON.stringify(value));
		expect(
			readOutputEvent({
				headers: { ':message-type': str('event'), ':event-type': str('transcriptEvent') },
				body: body({
					transcriptSegment: { segmentId: 's1', content: 'Hi', isPartial: false, channelId: '0' },
				}),
			}),
		).toEqual({
			kind: 'transcript',
			segment: { segmentId: 's1', content: 'Hi', isPartial: false, channelId: '0' },
		});
		expect(
			readOutputEvent({
				headers: {
					':message-type': str('exception'),
					':exception-type': str('validationException'),
				},
				body: body({ message: 'bad' }),
			}),
		).toEqual({ kind: 'error', errorType: 'validationException', message: 'bad' });
		expect(
			readOutputEvent({
				headers: { ':message-type': str('event'), ':event-type': str('internalFailureException') },
				body: body({ Message: 'oops' }),
			}),
		).toEqual({ kind: 'error', errorType: 'internalFailureException', message: 'oops' });
		expect(
			readOutputEvent({
				headers: {
					':message-type': str('error'),
					':error-code': str('InvalidSignatureException'),
					':error-message': str('no'),
				},
				body: new Uint8Array(0),
			}),
		).toEqual({ kind: 'error', errorType: 'InvalidSignatureException', message: 'no' });
		expect(readOutputEvent(codec.decode(inputEvent(codec, 'audioEvent', jsonPayload({}))))).toEqual(
			{ kind: 'other', eventType: 'audioEvent' },
		);
	});

	it('partials fold into finals; a late partial never replaces a final', () => {
		const fold = new TranscriptFold();
		fold.add({ segmentId: 'b', audioBeginOffset: 2, isPartial: true, content: 'Second' });
		fold.add({ segmentId: 'a', audioBeginOffset: 0, isPartial: true, content: 'Fir' });
		fold.add({ segmentId: 'a', audioBeginOffset: 0, isPartial: false, content: 'First turn.' });
		fold.add({ segmentId: 'a', audioBeginOffset: 0, isPartial: true, content: 'Fi' });
		fold.add({ segmentId: 'b', audioBeginOffset: 2, isPartial: false, content: 'Second turn.' });
		expect(fold.result().map((s) => s.content)).toEqual(['First turn.', 'Second turn.']);
	});
});

const FIRST_EMPTY_FRAME_SIGNATURE =
	'5eddd90ae60932c97fde9ddacd438d6f0a57e306084e4d6880cfe4e6b270d177';
