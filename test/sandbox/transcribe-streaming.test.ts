/**
 * The HealthScribe streaming emulator driven by the official @aws-sdk/client-transcribe-streaming
 * client (StartMedicalScribeStream over HTTP/2 with its own event signing, GetMedicalScribeStream):
 * the emulator answers as AWS documents, whoever calls it.
 */
import {
	GetMedicalScribeStreamCommand,
	StartMedicalScribeStreamCommand,
	TranscribeStreamingClient,
	type MedicalScribeInputStream,
	type MedicalScribeResultStream,
	type MedicalScribeTranscriptSegment,
} from '@aws-sdk/client-transcribe-streaming';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { randomUUID } from 'node:crypto';
import http2 from 'node:http2';
import {
	EventSigningChain,
	eventStreamCodec,
	MessageSplitter,
	requestSignature,
} from '../../nodes/ConnectHealth/transport/eventStream';
import type { Sandbox } from '../../sandbox';
import { toneWav } from '../integration/connect-health/streaming.helpers';
import { creds, sandbox, type AwsCredentials } from './core-helpers';

const ROLE = 'arn:aws:iam::111122223333:role/HealthScribeStreaming';
const RATE = 16000;

function streamingClient(
	sb: Sandbox,
	credentials: AwsCredentials = creds(sb),
): TranscribeStreamingClient {
	// The client warns through its logger when a stream fails; these failures are the point here.
	const logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
	return new TranscribeStreamingClient({
		region: 'us-east-1',
		endpoint: sb.urls.transcribe,
		credentials,
		maxAttempts: 1,
		logger,
	});
}

/** Raw 16-bit PCM (no WAV header): what MediaEncoding pcm means. */
function pcm(seconds: number, channels = 1): Buffer {
	return toneWav({ seconds, channels, sampleRate: RATE }).subarray(44);
}

const configuration = (extra: Record<string, unknown> = {}) => ({
	ResourceAccessRoleArn: ROLE,
	PostStreamAnalyticsSettings: {
		ClinicalNoteGenerationSettings: {
			OutputBucketName: 'sandbox-output',
			NoteTemplate: 'HISTORY_AND_PHYSICAL' as const,
		},
	},
	...extra,
});

async function* input(
	config: Record<string, unknown>,
	audio: Buffer,
	chunkBytes: number,
	end = true,
): AsyncGenerator<MedicalScribeInputStream> {
	yield { ConfigurationEvent: config } as unknown as MedicalScribeInputStream;
	for (let offset = 0; offset < audio.length; offset += chunkBytes)
		yield { AudioEvent: { AudioChunk: audio.subarray(offset, offset + chunkBytes) } };
	if (end) yield { SessionControlEvent: { Type: 'END_OF_SESSION' } };
}

interface Collected {
	segments: MedicalScribeTranscriptSegment[];
	error?: { name: string; message: string };
}

/**
 * Segments until the stream ends, or its error. An exception that is the stream's first event
 * already rejects `send` (the client reads the first event with the response), later ones the iteration.
 */
async function collect(
	response: Promise<{ ResultStream?: AsyncIterable<MedicalScribeResultStream> }>,
): Promise<Collected> {
	const out: Collected = { segments: [] };
	try {
		for await (const event of (await response).ResultStream ?? [])
			if (event.TranscriptEvent?.TranscriptSegment)
				out.segments.push(event.TranscriptEvent.TranscriptSegment);
	} catch (error) {
		out.error = { name: (error as Error).name, message: (error as Error).message };
	}
	return out;
}

describe('HealthScribe streaming through @aws-sdk/client-transcribe-streaming', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('a two-channel session: response headers, live transcript, END_OF_SESSION, then post-stream analytics write the note', async () => {
		const client = streamingClient(sb);
		const sessionId = randomUUID();
		const response = await client.send(
			new StartMedicalScribeStreamCommand({
				SessionId: sessionId,
				LanguageCode: 'en-US',
				MediaSampleRateHertz: RATE,
				MediaEncoding: 'pcm',
				InputStream: input(
					configuration({
						ChannelDefinitions: [
							{ ChannelId: 0, ParticipantRole: 'CLINICIAN' },
							{ ChannelId: 1, ParticipantRole: 'PATIENT' },
						],
						MedicalScribeContext: { PatientContext: { Pronouns: 'SHE_HER' } },
					}),
					pcm(30, 2),
					(RATE * 2 * 2) / 5,
				),
			}),
		);
		expect(response).toMatchObject({
			SessionId: sessionId,
			LanguageCode: 'en-US',
			MediaSampleRateHertz: RATE,
			MediaEncoding: 'pcm',
		});
		expect(response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
		const { segments, error } = await collect(Promise.resolve(response));
		expect(error).toBeUndefined();
		const finals = segments.filter((s) => s.IsPartial === false);
		expect(segments.some((s) => s.IsPartial === true)).toBe(true);
		expect(finals.length).toBeGreaterThan(2);
		expect(new Set(finals.map((s) => s.ChannelId))).toEqual(new Set(['ch_0', 'ch_1']));
		for (const s of finals) {
			expect(s.EndAudioTime!).toBeGreaterThanOrEqual(s.BeginAudioTime!);
			expect(s.Items?.map((i) => i.Content).join(' ')).toBe(s.Content);
		}

		const log = sb.log.entries({ target: 'StartMedicalScribeStream' }).at(-1)!;
		expect(log.status).toBe(200);
		expect(log.body).toMatchObject({
			events: { ConfigurationEvent: 1, SessionControlEvent: 1 },
			endFrame: true,
			endOfSession: true,
			outcome: 'completed',
		});
		expect((log.body as { signedFrames: number }).signedFrames).toBe(
			(log.body as { events: Record<string, number> }).events.AudioEvent + 3,
		);

		const details = async () =>
			(await client.send(new GetMedicalScribeStreamCommand({ SessionId: sessionId })))
				.MedicalScribeStreamDetails!;
		const running = await details();
		expect(running).toMatchObject({
			SessionId: sessionId,
			StreamStatus: 'COMPLETED',
			LanguageCode: 'en-US',
			MediaSampleRateHertz: RATE,
			MediaEncoding: 'pcm',
			ResourceAccessRoleArn: ROLE,
			MedicalScribeContextProvided: true,
			ChannelDefinitions: [
				{ ChannelId: 0, ParticipantRole: 'CLINICIAN' },
				{ ChannelId: 1, ParticipantRole: 'PATIENT' },
			],
			PostStreamAnalyticsResult: { ClinicalNoteGenerationResult: { Status: 'IN_PROGRESS' } },
		});
		expect(running.StreamCreatedAt).toBeInstanceOf(Date);
		expect(running.StreamEndedAt).toBeInstanceOf(Date);

		sb.clock.advance(4000);
		const done = (await details()).PostStreamAnalyticsResult!.ClinicalNoteGenerationResult!;
		expect(done.Status).toBe('COMPLETED');
		const noteKey = done.ClinicalNoteOutputLocation!.replace('s3://sandbox-output/', '');
		const transcriptKey = done.TranscriptOutputLocation!.replace('s3://sandbox-output/', '');
		expect(noteKey).toBe(
			`healthscribe-streaming/${sessionId}/post-stream-analytics/clinical-notes/clinicalDoc.json`,
		);
		const note = JSON.parse(sb.store.get('sandbox-output', noteKey)!.body.toString('utf8'));
		const transcript = JSON.parse(
			sb.store.get('sandbox-output', transcriptKey)!.body.toString('utf8'),
		);
		expect(note.ClinicalDocumentation.SessionId).toBe(sessionId);
		expect(note.ClinicalDocumentation.Sections.length).toBeGreaterThan(0);
		expect(transcript.Conversation.SessionId).toBe(sessionId);
		expect(transcript.Conversation.JobName).toBeUndefined();
	});

	test('without END_OF_SESSION the session pauses; the same SessionId and configuration resume it; a finished session cannot be resumed', async () => {
		const client = streamingClient(sb);
		const sessionId = randomUUID();
		const first = client.send(
			new StartMedicalScribeStreamCommand({
				SessionId: sessionId,
				LanguageCode: 'en-US',
				MediaSampleRateHertz: RATE,
				MediaEncoding: 'pcm',
				InputStream: input(configuration(), pcm(2), RATE, false),
			}),
		);
		expect((await collect(first)).error).toBeUndefined();
		expect(
			(await client.send(new GetMedicalScribeStreamCommand({ SessionId: sessionId })))
				.MedicalScribeStreamDetails?.StreamStatus,
		).toBe('PAUSED');

		const changed = client.send(
			new StartMedicalScribeStreamCommand({
				SessionId: sessionId,
				LanguageCode: 'en-US',
				MediaSampleRateHertz: RATE,
				MediaEncoding: 'pcm',
				InputStream: input(
					configuration({ MedicalScribeContext: { PatientContext: { Pronouns: 'HE_HIM' } } }),
					pcm(1),
					RATE,
				),
			}),
		);
		const refused = await collect(changed);
		expect(refused.error).toEqual({
			name: 'BadRequestException',
			message:
				'To resume a session, send the same MedicalScribeConfigurationEvent it started with.',
		});

		// The refused resume failed the session: it cannot be resumed any more.
		const again = await client
			.send(
				new StartMedicalScribeStreamCommand({
					SessionId: sessionId,
					LanguageCode: 'en-US',
					MediaSampleRateHertz: RATE,
					MediaEncoding: 'pcm',
					InputStream: input(configuration(), pcm(1), RATE),
				}),
			)
			.then(
				() => undefined,
				(error: Error & { $metadata?: { httpStatusCode?: number } }) => ({
					name: error.name,
					status: error.$metadata?.httpStatusCode,
				}),
			);
		expect(again).toEqual({ name: 'BadRequestException', status: 400 });
	});

	test('a paused session resumes with an identical configuration', async () => {
		const client = streamingClient(sb);
		const sessionId = randomUUID();
		const send = (end: boolean) =>
			client.send(
				new StartMedicalScribeStreamCommand({
					SessionId: sessionId,
					LanguageCode: 'en-US',
					MediaSampleRateHertz: RATE,
					MediaEncoding: 'pcm',
					InputStream: input(configuration(), pcm(2), RATE, end),
				}),
			);
		expect((await collect(send(false))).error).toBeUndefined();
		expect((await collect(send(true))).error).toBeUndefined();
		const details = (await client.send(new GetMedicalScribeStreamCommand({ SessionId: sessionId })))
			.MedicalScribeStreamDetails!;
		expect(details.StreamStatus).toBe('COMPLETED');
		expect(details.PostStreamAnalyticsResult?.ClinicalNoteGenerationResult?.Status).toBe(
			'IN_PROGRESS',
		);
	});

	test('modelled exceptions: configuration rules as BadRequestException events, an injected LimitExceededException mid-stream', async () => {
		const client = streamingClient(sb);
		const run = async (config: Record<string, unknown>, audio = pcm(1)) =>
			await collect(
				client.send(
					new StartMedicalScribeStreamCommand({
						LanguageCode: 'en-US',
						MediaSampleRateHertz: RATE,
						MediaEncoding: 'pcm',
						InputStream: input(config, audio, RATE / 2),
					}),
				),
			);

		expect((await run(configuration({ ResourceAccessRoleArn: 'not-a-role' }))).error).toMatchObject(
			{
				name: 'BadRequestException',
				message: expect.stringContaining("at 'resourceAccessRoleArn' failed to satisfy constraint"),
			},
		);
		expect(
			(
				await run(
					configuration({ ChannelDefinitions: [{ ChannelId: 0, ParticipantRole: 'CLINICIAN' }] }),
				)
			).error,
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringContaining("'channelDefinitions'"),
		});
		expect(
			(
				await run(
					configuration({
						ChannelDefinitions: [
							{ ChannelId: 0, ParticipantRole: 'PATIENT' },
							{ ChannelId: 1, ParticipantRole: 'PATIENT' },
						],
					}),
				)
			).error,
		).toEqual({
			name: 'BadRequestException',
			message: 'The channel definitions must name one CLINICIAN and one PATIENT.',
		});
		expect(
			(await run(configuration({ VocabularyName: 'no-such-vocabulary' }))).error,
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringContaining("custom vocabulary couldn't be found"),
		});
		expect(
			(await run(configuration(), toneWav({ seconds: 1, channels: 1, sampleRate: RATE }))).error,
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringContaining('send raw 16-bit'),
		});

		sb.transcribe.failNextStream({
			kind: 'exception',
			exceptionType: 'LimitExceededException',
			afterAudioEvents: 1,
			message: 'You have exceeded the maximum audio duration for this session.',
		});
		const limited = await run(configuration());
		expect(limited.error).toEqual({
			name: 'LimitExceededException',
			message: 'You have exceeded the maximum audio duration for this session.',
		});
		const entry = sb.log.entries({ target: 'StartMedicalScribeStream' }).at(-1)!;
		expect(entry.errorType).toBe('LimitExceededException');
		const sessionId = (entry.body as { sessionId: string }).sessionId;
		expect(
			(await client.send(new GetMedicalScribeStreamCommand({ SessionId: sessionId })))
				.MedicalScribeStreamDetails?.StreamStatus,
		).toBe('FAILED');
	});

	test('request errors before the stream: header rules, unknown session, wrong signature', async () => {
		const client = streamingClient(sb);
		const refused = async (promise: Promise<unknown>) =>
			await promise.then(
				() => undefined,
				(error: Error & { $metadata?: { httpStatusCode?: number } }) => ({
					name: error.name,
					status: error.$metadata?.httpStatusCode,
					message: error.message,
				}),
			);
		expect(
			await refused(
				client.send(
					new StartMedicalScribeStreamCommand({
						LanguageCode: 'en-US',
						MediaSampleRateHertz: 8000,
						MediaEncoding: 'pcm',
						InputStream: input(configuration(), pcm(1), RATE),
					}),
				),
			),
		).toMatchObject({
			name: 'BadRequestException',
			status: 400,
			message: expect.stringContaining('greater than or equal to 16000'),
		});
		expect(
			await refused(
				client.send(
					new StartMedicalScribeStreamCommand({
						LanguageCode: 'en-US',
						MediaSampleRateHertz: 44100,
						MediaEncoding: 'ogg-opus',
						InputStream: input(configuration(), pcm(1), RATE),
					}),
				),
			),
		).toMatchObject({ name: 'BadRequestException', status: 400 });
		expect(
			await refused(client.send(new GetMedicalScribeStreamCommand({ SessionId: randomUUID() }))),
		).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
		const wrongKey = streamingClient(sb, {
			...creds(sb),
			secretAccessKey: 'wrong-secret-key-0000000000000000000000',
		});
		expect(
			await refused(wrongKey.send(new GetMedicalScribeStreamCommand({ SessionId: randomUUID() }))),
		).toMatchObject({ status: 403 });
	});

	test('the analytics fail when the output bucket does not exist', async () => {
		const client = streamingClient(sb);
		const response = await client.send(
			new StartMedicalScribeStreamCommand({
				LanguageCode: 'en-US',
				MediaSampleRateHertz: RATE,
				MediaEncoding: 'pcm',
				InputStream: input(
					{
						...configuration(),
						PostStreamAnalyticsSettings: {
							ClinicalNoteGenerationSettings: { OutputBucketName: 'no-such-bucket' },
						},
					},
					pcm(2),
					RATE,
				),
			}),
		);
		expect((await collect(Promise.resolve(response))).error).toBeUndefined();
		sb.clock.advance(4000);
		const result = (
			await client.send(new GetMedicalScribeStreamCommand({ SessionId: response.SessionId! }))
		).MedicalScribeStreamDetails?.PostStreamAnalyticsResult?.ClinicalNoteGenerationResult;
		expect(result).toMatchObject({
			Status: 'FAILED',
			FailureReason: expect.stringContaining("output bucket doesn't exist"),
		});
		expect(result?.ClinicalNoteOutputLocation).toBeUndefined();
	});

	test('the event signing chain is verified: a frame changed after signing is refused with an error event', async () => {
		const base = new URL(sb.urls.transcribe);
		const signer = new SignatureV4({
			service: 'transcribe',
			region: 'us-east-1',
			credentials: creds(sb),
			sha256: Sha256,
			uriEscapePath: true,
		});
		const sessionId = randomUUID();
		const headers = {
			':authority': base.host,
			'content-type': 'application/vnd.amazon.eventstream',
			'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS',
			'x-amzn-transcribe-session-id': sessionId,
			'x-amzn-transcribe-language-code': 'en-US',
			'x-amzn-transcribe-sample-rate': String(RATE),
			'x-amzn-transcribe-media-encoding': 'pcm',
		};
		const signed = await signer.sign({
			method: 'POST',
			protocol: 'http:',
			hostname: base.hostname,
			port: Number(base.port),
			path: '/medical-scribe-stream',
			query: {},
			headers,
		});
		const codec = await eventStreamCodec();
		const chain = new EventSigningChain(
			codec,
			signer,
			requestSignature(signed.headers.authorization),
		);
		const event = (type: string, contentType: string, body: Uint8Array) =>
			codec.encode({
				headers: {
					':message-type': { type: 'string', value: 'event' },
					':event-type': { type: 'string', value: type },
					':content-type': { type: 'string', value: contentType },
				},
				body,
			});
		const session = http2.connect(base.origin);
		const request = session.request(
			{ ':method': 'POST', ':path': '/medical-scribe-stream', ...signed.headers },
			{ endStream: false },
		);
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		const closed = new Promise<void>((resolve) => request.once('close', resolve));
		request.write(
			await chain.sign(
				event(
					'ConfigurationEvent',
					'application/json',
					Buffer.from(JSON.stringify(configuration())),
				),
			),
		);
		request.write(await chain.sign(event('AudioEvent', 'application/octet-stream', pcm(0.1))));
		const genuine = codec.decode(
			await chain.sign(event('AudioEvent', 'application/octet-stream', pcm(0.1))),
		);
		// Same signature, other audio: the frame's CRCs are valid, its signature is not.
		request.write(
			codec.encode({
				headers: genuine.headers,
				body: event('AudioEvent', 'application/octet-stream', Buffer.alloc(3200, 1)),
			}),
		);
		request.end();
		await closed;
		session.close();
		const messages = new MessageSplitter().push(Buffer.concat(chunks)).map((m) => codec.decode(m));
		const last = messages.at(-1)!;
		expect(last.headers[':message-type']).toEqual({ type: 'string', value: 'error' });
		expect(last.headers[':error-code']).toEqual({
			type: 'string',
			value: 'InvalidSignatureException',
		});
		expect(sb.log.entries({ target: 'StartMedicalScribeStream' }).at(-1)).toMatchObject({
			errorType: 'InvalidSignatureException',
			body: { signedFrames: 2, sessionId },
		});
	});
});
