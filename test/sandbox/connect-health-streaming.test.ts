/**
 * The sandbox's StartMedicalScribeListeningSession over HTTP/2, driven by a raw h2c client built
 * from the same pieces as the node (SigV4 signer, event-signing chain) so frames can be tampered
 * with, reordered or sent out of order.
 */
import http2 from 'node:http2';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Message } from '@smithy/types';
import { startSandbox, type Sandbox } from '../../sandbox';
import { CONNECT_HEALTH_DEMO as DEMO } from '../../sandbox/connect-health';
import {
	EventSigningChain,
	eventStreamCodec,
	inputEvent,
	jsonPayload,
	MessageSplitter,
	readOutputEvent,
	requestSignature,
	type OutputEvent,
} from '../../nodes/ConnectHealth/transport/eventStream';

let sandbox: Sandbox;
beforeAll(
	async () =>
		(sandbox = await startSandbox({
			ports: 0,
			clockSpeed: 0,
			connectHealth: { timings: { artifactGenerationMs: 0 } },
		})),
);
afterAll(async () => await sandbox.stop());

let counter = 0;
const newSessionId = () => `5e1c0000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

interface Opened {
	status: number;
	chain: EventSigningChain;
	send(frame: Uint8Array): void;
	/** Ends the request and collects every output event until the service ends its stream. */
	finish(): Promise<{ events: OutputEvent[]; body: string }>;
}

async function open(
	options: {
		sessionId?: string;
		secret?: string;
		headers?: Record<string, string>;
		sign?: boolean;
	} = {},
): Promise<Opened> {
	const base = new URL(sandbox.urls.connectHealth);
	const { accessKeyId, secretAccessKey } = sandbox.credentials.aws;
	const signer = new SignatureV4({
		service: 'health-agent',
		region: 'us-east-1',
		credentials: { accessKeyId, secretAccessKey: options.secret ?? secretAccessKey },
		sha256: Sha256,
		uriEscapePath: true,
	});
	const headers = {
		':authority': base.host,
		'content-type': 'application/vnd.amazon.eventstream',
		'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS',
		'x-amzn-medscribe-session-id': options.sessionId ?? newSessionId(),
		'x-amzn-medscribe-domain-id': DEMO.domainId,
		'x-amzn-medscribe-subscription-id': DEMO.subscriptionId,
		'x-amzn-medscribe-language-code': 'en-US',
		'x-amzn-medscribe-sample-rate': '16000',
		'x-amzn-medscribe-media-encoding': 'pcm',
		...options.headers,
	};
	const signed =
		options.sign === false
			? { headers }
			: await signer.sign({
					method: 'POST',
					protocol: 'http:',
					hostname: base.hostname,
					port: Number(base.port),
					path: '/medical-scribe-stream/',
					query: {},
					headers,
				});
	const codec = await eventStreamCodec();
	const chain = new EventSigningChain(
		codec,
		signer,
		requestSignature((signed.headers as Record<string, string>).authorization),
	);
	const session = http2.connect(base.origin);
	const request = session.request(
		{ ':method': 'POST', ':path': '/medical-scribe-stream/', ...signed.headers },
		{ endStream: false },
	);
	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	const ended = new Promise<void>((resolve) => request.once('close', resolve));
	const responseHeaders = await new Promise<http2.IncomingHttpHeaders>((resolve) =>
		request.once('response', resolve),
	);
	return {
		status: Number(responseHeaders[':status']),
		chain,
		send: (frame) => request.write(frame),
		async finish() {
			request.end();
			await ended;
			session.close();
			const bytes = Buffer.concat(chunks);
			const status = Number(responseHeaders[':status']);
			if (status !== 200) return { events: [], body: bytes.toString('utf8') };
			const messages = new MessageSplitter().push(bytes);
			return { events: messages.map((m) => readOutputEvent(codec.decode(m) as Message)), body: '' };
		},
	};
}

const config = (extra = {}) =>
	jsonPayload({
		postStreamActionSettings: {
			outputS3Uri: 's3://sandbox-connect-health-output/streamed/',
			clinicalNoteGenerationSettings: {
				noteTemplateSettings: { managedTemplate: { templateType: 'SIRP' } },
			},
		},
		...extra,
	});
const pcm = (samples: number, seed = 1) => {
	const b = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++)
		b.writeInt16LE(Math.round(Math.sin(i / (7 + seed)) * 5000), i * 2);
	return b;
};
const audio = async (chunk: Buffer) =>
	inputEvent(
		await eventStreamCodec(),
		'audioEvent',
		jsonPayload({ audioChunk: chunk.toString('base64') }),
	);
const configuration = async (extra = {}) =>
	inputEvent(await eventStreamCodec(), 'configurationEvent', config(extra));
const endOfSession = async () =>
	inputEvent(
		await eventStreamCodec(),
		'sessionControlEvent',
		jsonPayload({ type: 'END_OF_SESSION' }),
	);
const lastLog = () =>
	sandbox.log.entries({ service: 'connectHealth', pathPrefix: '/medical-scribe-stream/' }).pop()!;
const errorsOf = (events: OutputEvent[]) => events.filter((e) => e.kind === 'error');

/** A signed GET over HTTP/2 (:authority signed), parsed as JSON. */
async function getJson(pathname: string): Promise<{ status: number; body: any }> {
	const base = new URL(sandbox.urls.connectHealth);
	const { accessKeyId, secretAccessKey } = sandbox.credentials.aws;
	const signer = new SignatureV4({
		service: 'health-agent',
		region: 'us-east-1',
		credentials: { accessKeyId, secretAccessKey },
		sha256: Sha256,
		uriEscapePath: true,
	});
	const signed = await signer.sign({
		method: 'GET',
		protocol: 'http:',
		hostname: base.hostname,
		port: Number(base.port),
		path: pathname,
		query: {},
		headers: { ':authority': base.host },
	});
	const session = http2.connect(base.origin);
	const request = session.request({ ':method': 'GET', ':path': pathname, ...signed.headers });
	const chunks: Buffer[] = [];
	request.on('data', (c: Buffer) => chunks.push(c));
	const status = await new Promise<number>((resolve) =>
		request.once('response', (h) => resolve(Number(h[':status']))),
	);
	await new Promise((resolve) => request.once('close', resolve));
	session.close();
	return { status, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
}

const sessionPath = (sessionId: string) =>
	`/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${sessionId}`;

describe('StartMedicalScribeListeningSession over HTTP/2', () => {
	it('GetMedicalScribeListeningSession follows the stream: IN_PROGRESS while audio flows, then COMPLETED, then its artifacts', async () => {
		sandbox.connectHealth.setTimings({ artifactGenerationMs: 60_000 });
		try {
			const sessionId = newSessionId();
			const s = await open({ sessionId });
			s.send(await s.chain.sign(await configuration()));
			s.send(await s.chain.sign(await audio(pcm(1600))));
			// The 200 has arrived, so the session exists; the stream is still open.
			const during = await getJson(sessionPath(sessionId));
			expect(during.body.medicalScribeListeningSessionDetails).toMatchObject({
				sessionId,
				streamStatus: 'IN_PROGRESS',
			});
			expect(
				during.body.medicalScribeListeningSessionDetails.postStreamActionResult,
			).toBeUndefined();
			s.send(await s.chain.sign(await endOfSession()));
			s.send(await s.chain.sign(new Uint8Array(0)));
			await s.finish();
			const ended = (await getJson(sessionPath(sessionId))).body
				.medicalScribeListeningSessionDetails;
			expect(ended).toMatchObject({
				streamStatus: 'COMPLETED',
				postStreamActionResult: {
					clinicalNoteGenerationResult: { noteResult: { status: 'IN_PROGRESS' } },
				},
			});
			expect(ended.streamEndTime).toEqual(expect.any(Number));
			sandbox.clock.advance(60_000);
			const done = (await getJson(sessionPath(sessionId))).body
				.medicalScribeListeningSessionDetails;
			expect(done.postStreamActionResult.clinicalNoteGenerationResult.noteResult).toEqual({
				status: 'COMPLETED',
				outputLocation: expect.stringMatching(/clinical-note\.json$/),
			});
		} finally {
			sandbox.connectHealth.setTimings({ artifactGenerationMs: 0 });
		}
	});

	it('accepts a signed chain: configuration, audio, END_OF_SESSION, end frame; transcript events; session COMPLETED with artifacts', async () => {
		const sessionId = newSessionId();
		const s = await open({ sessionId });
		expect(s.status).toBe(200);
		s.send(await s.chain.sign(await configuration()));
		for (let i = 0; i < 40; i++) s.send(await s.chain.sign(await audio(pcm(1600, i))));
		s.send(await s.chain.sign(await endOfSession()));
		s.send(await s.chain.sign(new Uint8Array(0)));
		const { events } = await s.finish();
		expect(errorsOf(events)).toEqual([]);
		const transcripts = events.filter(
			(e): e is Extract<OutputEvent, { kind: 'transcript' }> => e.kind === 'transcript',
		);
		expect(transcripts.some((e) => e.segment.isPartial === true)).toBe(true);
		expect(transcripts.filter((e) => e.segment.isPartial === false).length).toBeGreaterThan(3);
		expect(lastLog()).toMatchObject({
			status: 200,
			auth: { service: 'health-agent' },
			body: { outcome: 'completed', signedFrames: 43, endFrame: true },
		});
		const objects = sandbox.store
			.list(
				'sandbox-connect-health-output',
				`streamed/medical-scribe/${DEMO.domainId}/${DEMO.subscriptionId}/${sessionId}/`,
			)
			.map((o) => o.key.split('/').pop());
		expect(objects.sort()).toEqual([
			'after-visit-summary.json',
			'clinical-note.json',
			'transcript.json',
		]);
	});

	it('a tampered event (payload changed after signing) is rejected with an error event', async () => {
		const s = await open();
		s.send(await s.chain.sign(await configuration()));
		s.send(await s.chain.sign(await audio(pcm(1600))));
		const codec = await eventStreamCodec();
		const signed = codec.decode(await s.chain.sign(await audio(pcm(1600, 2))));
		// Same signature, different audio: the frame's CRCs are valid, its signature is not.
		s.send(codec.encode({ headers: signed.headers, body: await audio(pcm(1600, 3)) }));
		const { events } = await s.finish();
		expect(errorsOf(events)).toEqual([
			{
				kind: 'error',
				errorType: 'InvalidSignatureException',
				message: expect.stringContaining('signature'),
			},
		]);
		expect(lastLog()).toMatchObject({
			errorType: 'InvalidSignatureException',
			body: { outcome: 'InvalidSignatureException', signedFrames: 2 },
		});
	});

	it('reordered events break the chain and are rejected', async () => {
		const s = await open();
		s.send(await s.chain.sign(await configuration()));
		const first = await s.chain.sign(await audio(pcm(1600, 4)));
		const second = await s.chain.sign(await audio(pcm(1600, 5)));
		s.send(second);
		s.send(first);
		const { events } = await s.finish();
		expect(errorsOf(events).map((e) => (e as { errorType: string }).errorType)).toEqual([
			'InvalidSignatureException',
		]);
	});

	it('an unsigned or wrongly signed request is refused before the stream (restJson1 error)', async () => {
		const wrong = await open({ secret: 'not-the-secret-key-of-this-sandbox' });
		expect(wrong.status).toBe(403);
		expect((await wrong.finish()).body).toContain('signature');
		const unsigned = await open({ sign: false });
		expect(unsigned.status).toBe(403);
		await unsigned.finish();
	});

	it('validates headers before the stream: a bad sample rate is a ValidationException', async () => {
		const s = await open({ headers: { 'x-amzn-medscribe-sample-rate': '4000' } });
		expect(s.status).toBe(400);
		expect((await s.finish()).body).toContain('mediaSampleRateHertz');
	});

	it('the configuration event must come first, and the audio must be what the headers declare', async () => {
		const early = await open();
		early.send(await early.chain.sign(await audio(pcm(1600))));
		expect(errorsOf((await early.finish()).events)).toEqual([
			{
				kind: 'error',
				errorType: 'validationException',
				message: 'The first event must be the configuration event.',
			},
		]);

		const wav = await open();
		wav.send(await wav.chain.sign(await configuration()));
		wav.send(
			await wav.chain.sign(
				await audio(Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE', 'latin1'), pcm(100)])),
			),
		);
		expect(errorsOf((await wav.finish()).events)[0]).toMatchObject({
			errorType: 'validationException',
			message: expect.stringContaining('raw 16-bit'),
		});

		const flac = await open({ headers: { 'x-amzn-medscribe-media-encoding': 'flac' } });
		flac.send(await flac.chain.sign(await configuration()));
		flac.send(await flac.chain.sign(await audio(pcm(100))));
		expect(errorsOf((await flac.finish()).events)[0]).toMatchObject({
			errorType: 'validationException',
			message: expect.stringContaining('FLAC'),
		});

		const odd = await open();
		odd.send(
			await odd.chain.sign(
				await configuration({
					channelDefinitions: [
						{ channelId: 0, participantRole: 'CLINICIAN' },
						{ channelId: 1, participantRole: 'PATIENT' },
					],
				}),
			),
		);
		odd.send(await odd.chain.sign(await audio(pcm(3))));
		expect(errorsOf((await odd.finish()).events)[0]).toMatchObject({
			errorType: 'validationException',
			message: expect.stringContaining('2 channel'),
		});
	});

	it('throttling before the stream is a restJson1 429 ThrottlingException', async () => {
		sandbox.faults.failNext({
			kind: 'throttle',
			service: 'connectHealth',
			match: { target: 'StartMedicalScribeListeningSession' },
		});
		const s = await open();
		expect(s.status).toBe(429);
		expect((await s.finish()).body).toContain('Rate exceeded');
		expect(lastLog()).toMatchObject({ status: 429, errorType: 'ThrottlingException' });
	});

	it('other operations answer over HTTP/2 too (signed with :authority), and HTTP/1.1 still works on the same port', async () => {
		const base = new URL(sandbox.urls.connectHealth);
		const { accessKeyId, secretAccessKey } = sandbox.credentials.aws;
		const signer = new SignatureV4({
			service: 'health-agent',
			region: 'us-east-1',
			credentials: { accessKeyId, secretAccessKey },
			sha256: Sha256,
			uriEscapePath: true,
		});
		const signed = await signer.sign({
			method: 'GET',
			protocol: 'http:',
			hostname: base.hostname,
			port: Number(base.port),
			path: '/domain',
			query: {},
			headers: { ':authority': base.host },
		});
		const session = http2.connect(base.origin);
		const request = session.request({ ':method': 'GET', ':path': '/domain', ...signed.headers });
		const chunks: Buffer[] = [];
		request.on('data', (c: Buffer) => chunks.push(c));
		const status = await new Promise<number>((resolve) =>
			request.once('response', (h) => resolve(Number(h[':status']))),
		);
		await new Promise((resolve) => request.once('close', resolve));
		session.close();
		expect(status).toBe(200);
		expect(JSON.parse(Buffer.concat(chunks).toString('utf8')).domains.length).toBeGreaterThan(0);
		const h1 = await fetch(`${sandbox.urls.connectHealth}/domain`);
		expect(h1.status).toBe(403);
	});
});
