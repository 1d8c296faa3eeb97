import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { fhirErrors } from '../../../sandbox/fhir/validate';
import {
	flacStream,
	recordingItem as binaryItem,
	toneWav,
} from '../connect-health/streaming.helpers';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	OUTPUT_BUCKET,
	roleArn,
} from './helpers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('AWS HealthScribe: Medical Scribe Stream', () => {
	let sandbox: Sandbox;
	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	const run = (parameters: INodeParameters, input?: INodeExecutionData[], continueOnFail = false) =>
		runNode(NODE, parameters, {
			credentials: credentialsFor(sandbox),
			input,
			continueOnFail,
			typeVersion: 2,
		});
	const start = (extra: INodeParameters = {}): INodeParameters => ({
		resource: 'medicalScribeStream',
		operation: 'start',
		audioSource: 'binary',
		binaryPropertyName: 'data',
		outputBucketName: OUTPUT_BUCKET,
		resourceAccessRoleArn: roleArn(sandbox),
		noteTemplate: 'SIRP',
		...extra,
	});
	const streams = (from: number) =>
		sandbox.log.entries({ since: from, target: 'StartMedicalScribeStream' });
	const stereo = () =>
		binaryItem(toneWav({ seconds: 3, channels: 2, sampleRate: 16000 }), 'visit.wav');
	const mono = () =>
		binaryItem(toneWav({ seconds: 2, channels: 1, sampleRate: 16000 }), 'visit.wav');

	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
		// A READY custom vocabulary and a filter, created as a user would, for the configuration event.
		for (const [target, body] of [
			[
				'CreateVocabulary',
				{ VocabularyName: 'clinic-terms', LanguageCode: 'en-US', Phrases: ['Metoprolol'] },
			],
			[
				'CreateVocabularyFilter',
				{ VocabularyFilterName: 'clinic-words', LanguageCode: 'en-US', Words: ['darn'] },
			],
		] as const) {
			const answer = await sandbox.transcribe.handle({
				method: 'POST',
				rawPath: '/',
				path: '/',
				query: new URLSearchParams(),
				headers: {
					'x-amz-target': `Transcribe.${target}`,
					'content-type': 'application/x-amz-json-1.1',
				},
				body: Buffer.from(JSON.stringify(body)),
			});
			expect(answer.status).toBe(200);
		}
		sandbox.clock.advance(5000);
	});
	afterAll(async () => await sandbox.stop());

	it('streams a two-channel WAV as signed HTTP/2 events and returns the session id and the folded transcript', async () => {
		const from = since();
		const { items, error } = await run(
			start({
				speakerMode: 'channelIdentification',
				channel0Role: 'PATIENT',
				channel1Role: 'CLINICIAN',
				additionalFields: {
					vocabularyName: 'clinic-terms',
					vocabularyFilterName: 'clinic-words',
					vocabularyFilterMethod: 'tag',
					patientPronouns: 'HE_HIM',
				},
			}),
			[stereo()],
		);
		expect(error).toBeUndefined();
		const [entry] = streams(from);
		expect(entry).toMatchObject({ status: 200, auth: { service: 'transcribe' } });
		expect(entry.headers).toMatchObject({
			':method': 'POST',
			'content-type': 'application/vnd.amazon.eventstream',
			'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS',
			'x-amzn-transcribe-language-code': 'en-US',
			'x-amzn-transcribe-sample-rate': '16000',
			'x-amzn-transcribe-media-encoding': 'pcm',
		});
		const body = entry.body as any;
		// 3 s in 100 ms chunks: the configuration, 30 audio events, END_OF_SESSION and the end frame, all in the signing chain.
		expect(body).toMatchObject({
			outcome: 'completed',
			endOfSession: true,
			events: { ConfigurationEvent: 1, AudioEvent: 30, SessionControlEvent: 1 },
			signedFrames: 33,
			audioBytes: 3 * 16000 * 2 * 2,
			configuration: {
				channelDefinitions: [
					{ ChannelId: 0, ParticipantRole: 'PATIENT' },
					{ ChannelId: 1, ParticipantRole: 'CLINICIAN' },
				],
				outputBucketName: OUTPUT_BUCKET,
				noteTemplate: 'SIRP',
				vocabularyName: 'clinic-terms',
				vocabularyFilterName: 'clinic-words',
				vocabularyFilterMethod: 'tag',
				encryption: false,
				medicalScribeContextProvided: true,
			},
		});
		const json = items[0].json as any;
		expect(json.SessionId).toMatch(UUID);
		expect(json.SessionId).toBe(entry.headers['x-amzn-transcribe-session-id']);
		expect(json).toMatchObject({
			RequestId: entry.requestId,
			LanguageCode: 'en-US',
			MediaSampleRateHertz: 16000,
			MediaEncoding: 'pcm',
		});
		expect(json.audio).toEqual({
			container: 'wav',
			channels: 2,
			seconds: 3,
			bytes: 3 * 16000 * 2 * 2,
			events: 30,
		});
		const turns = json.transcript.turns as Array<{
			role: string;
			speaker: string;
			start: number;
			end: number;
			text: string;
		}>;
		expect(turns.length).toBeGreaterThan(2);
		expect(new Set(turns.map((t) => t.role))).toEqual(new Set(['CLINICIAN', 'PATIENT']));
		for (const turn of turns) {
			expect(turn.role).toBe(turn.speaker === 'ch_0' ? 'PATIENT' : 'CLINICIAN');
			// Seconds (the stream reports milliseconds), within the 3 s sent.
			expect(turn.end).toBeLessThanOrEqual(3);
			expect(turn.end).toBeGreaterThanOrEqual(turn.start);
		}
		expect(sandbox.transcribe.streams().find((s) => s.SessionId === json.SessionId)).toMatchObject({
			StreamStatus: 'COMPLETED',
			VocabularyName: 'clinic-terms',
		});
	});

	it('Wait for Completion streams from S3, polls GetMedicalScribeStream and returns the note as an EncounterNote', async () => {
		sandbox.store.put(
			MEDIA_BUCKET,
			'streams/visit.flac',
			flacStream({ seconds: 2, channels: 1, sampleRate: 32000 }),
			'audio/flac',
		);
		const from = since();
		const { items, error } = await run(
			start({
				audioSource: 's3',
				audioS3Uri: `s3://${MEDIA_BUCKET}/streams/visit.flac`,
				waitForCompletion: true,
				maxWaitMinutes: 1,
				noteFormat: 'encounterNote',
				simple: false,
			}),
		);
		expect(error).toBeUndefined();
		const [entry] = streams(from);
		expect(entry.headers).toMatchObject({
			'x-amzn-transcribe-sample-rate': '32000',
			'x-amzn-transcribe-media-encoding': 'flac',
		});
		const json = items[0].json as any;
		expect(json).toMatchObject({
			StreamStatus: 'COMPLETED',
			PostStreamAnalyticsResult: { ClinicalNoteGenerationResult: { Status: 'COMPLETED' } },
			audio: { container: 'flac', channels: 1 },
		});
		expect(json.StreamCreatedAt).toEqual(expect.any(String));
		const reads = sandbox.log
			.entries({ since: from, service: 'transcribe' })
			.filter((e) => e.method === 'GET');
		expect(reads.length).toBeGreaterThan(0);
		expect(reads.every((e) => e.path === `/medical-scribe-stream/${json.SessionId}`)).toBe(true);
		expect(json.note).toMatchObject({
			source: { vendor: 'aws-healthscribe', ids: { sessionId: json.SessionId }, template: 'SIRP' },
		});
		expect(json.note.sections.length).toBeGreaterThan(0);
		expect(json.note.transcript.turns.length).toBeGreaterThan(0);
		expect(json.note.source.uris.clinicalDocument).toBe(
			json.PostStreamAnalyticsResult.ClinicalNoteGenerationResult.ClinicalNoteOutputLocation,
		);
		// The recording came from S3 (one GetObject), then the two output files.
		expect(sandbox.log.entries({ since: from, service: 's3' }).map((e) => e.path)).toEqual([
			`/${MEDIA_BUCKET}/streams/visit.flac`,
			...[`transcript.json`, `clinicalDoc.json`].map(() =>
				expect.stringContaining(`/${OUTPUT_BUCKET}/healthscribe-streaming/${json.SessionId}/`),
			),
		]);
	});

	it('Wait for Completion raises the analytics failure with the reason AWS gives (output bucket missing)', async () => {
		const { error } = await run(
			start({
				outputBucketName: 'no-such-output-bucket',
				waitForCompletion: true,
				maxWaitMinutes: 1,
			}),
			[mono()],
		);
		expect(error?.message).toMatch(
			/^The clinical note of HealthScribe streaming session [0-9a-f-]{36} could not be generated$/,
		);
		expect(error?.description).toContain("AWS says: The output bucket doesn't exist");
	});

	it('Get returns the session and, on request, its note as a FHIR Bundle', async () => {
		const started = await run(
			start({ additionalFields: { sessionId: '0b9a1f7e-1c2d-4e5f-8a9b-123456789abc' } }),
			[mono()],
		);
		expect(started.error).toBeUndefined();
		sandbox.clock.advance(5000);
		const { items, error } = await run({
			resource: 'medicalScribeStream',
			operation: 'get',
			sessionId: '0b9a1f7e-1c2d-4e5f-8a9b-123456789abc',
			noteFormat: 'fhir',
			fhirPatient: 'Patient/p-1',
		});
		expect(error).toBeUndefined();
		const json = items[0].json as any;
		expect(json).toMatchObject({
			SessionId: '0b9a1f7e-1c2d-4e5f-8a9b-123456789abc',
			StreamStatus: 'COMPLETED',
			ResourceAccessRoleArn: roleArn(sandbox),
			MediaEncoding: 'pcm',
		});
		expect(json.note.resourceType).toBe('Bundle');
		expect(fhirErrors(json.note)).toEqual([]);
		const reference = json.note.entry.find(
			(e: any) => e.resource.resourceType === 'DocumentReference',
		).resource;
		expect(reference.subject).toEqual({ reference: 'Patient/p-1' });
		const plain = await run({
			resource: 'medicalScribeStream',
			operation: 'get',
			sessionId: '0b9a1f7e-1c2d-4e5f-8a9b-123456789abc',
		});
		expect(plain.items[0].json.note).toBeUndefined();
	});

	it('a modelled exception mid-stream (LimitExceededException) fails the item with the session and progress; continueOnFail keeps the others', async () => {
		sandbox.transcribe.failNextStream({
			kind: 'exception',
			exceptionType: 'LimitExceededException',
			afterAudioEvents: 3,
			message: 'You have exceeded the maximum audio duration for this session.',
		});
		const single = await run(start(), [mono()]);
		expect(single.error?.message).toMatch(
			/^StartMedicalScribeStream failed.*LimitExceededException/,
		);
		expect(single.error?.message).toContain('the stream stopped after');

		sandbox.transcribe.failNextStream({
			kind: 'exception',
			exceptionType: 'LimitExceededException',
			afterAudioEvents: 3,
		});
		const from = since();
		const { items, error } = await run(
			start({ options: { concurrency: 1 } }),
			[mono(), mono()],
			true,
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(2);
		expect(items[0].json.error).toEqual(expect.stringContaining('LimitExceededException'));
		expect((items[1].json as any).transcript.turns.length).toBeGreaterThan(0);
		expect(streams(from).map((e) => e.errorType)).toEqual(['LimitExceededException', undefined]);
	});

	it('a BadRequestException for the configuration (unknown vocabulary) is reported as AWS sent it', async () => {
		const { error } = await run(
			start({ additionalFields: { vocabularyName: 'no-such-vocabulary' } }),
			[mono()],
		);
		expect(error?.message).toMatch(/^StartMedicalScribeStream failed.*BadRequestException/);
		expect(error?.message).toContain("custom vocabulary couldn't be found");
	});

	it('raw PCM: the sample rate comes from the parameter and every byte is audio', async () => {
		const from = since();
		const raw = toneWav({ seconds: 1, channels: 1, sampleRate: 24000 }).subarray(44);
		const { items, error } = await run(start({ mediaEncoding: 'pcm', sampleRate: 24000 }), [
			binaryItem(raw, 'visit.pcm', 'application/octet-stream'),
		]);
		expect(error).toBeUndefined();
		expect(streams(from)[0].headers).toMatchObject({
			'x-amzn-transcribe-sample-rate': '24000',
			'x-amzn-transcribe-media-encoding': 'pcm',
		});
		expect((items[0].json as any).audio).toEqual({
			container: 'raw',
			channels: 1,
			seconds: 1,
			bytes: raw.length,
			events: 10,
		});
	});

	const opus = (rate: number) => {
		const head = Buffer.alloc(19);
		head.write('OpusHead', 0, 'latin1');
		head[8] = 1;
		head[9] = 1;
		head.writeUInt32LE(rate, 12);
		const page = Buffer.alloc(27);
		page.write('OggS', 0, 'latin1');
		page[26] = 1;
		return Buffer.concat([page, Buffer.from([19]), head, Buffer.alloc(2000, 3)]);
	};

	it.each([
		[
			'two-channel audio with Speaker Labels',
			{},
			() => stereo(),
			'Invalid "Audio (binary property "data")": it has two channels, and Speaker Labels needs one',
		],
		[
			'mono audio with Channel Identification',
			{ speakerMode: 'channelIdentification' },
			() => mono(),
			'Invalid "Audio (binary property "data")": it has 1 channel(s), and Channel Identification needs two',
		],
		[
			'the same role on both channels',
			{
				speakerMode: 'channelIdentification',
				channel0Role: 'CLINICIAN',
				channel1Role: 'CLINICIAN',
			},
			() => stereo(),
			'Invalid "Channel 1 Role": both channels are Clinician',
		],
		[
			'a WAV below 16,000 Hz',
			{},
			() => binaryItem(toneWav({ seconds: 1, sampleRate: 8000 }), 'visit.wav'),
			'Invalid "Audio (binary property "data")": its sample rate is 8000 Hz',
		],
		[
			'Ogg Opus at a rate Opus does not code',
			{},
			() => binaryItem(opus(44100), 'visit.ogg', 'audio/ogg'),
			'Invalid "Audio (binary property "data")": its Opus sample rate is 44100 Hz',
		],
		[
			'raw PCM above 48,000 Hz',
			{ mediaEncoding: 'pcm', sampleRate: 96000 },
			() => mono(),
			'Invalid "Sample Rate (Hz)": 96000 is out of range',
		],
		[
			'a role ARN that is not a role',
			{ resourceAccessRoleArn: 'arn:aws:iam::123456789012:user/scribe' },
			() => mono(),
			'Invalid "Resource Access Role ARN": it does not have the required format',
		],
		[
			'an output bucket given as a URI',
			{ outputBucketName: 's3://scribe-output' },
			() => mono(),
			'Invalid "Output Bucket Name": it contains "s3://" or a path',
		],
		[
			'a session id that is not a UUID',
			{ additionalFields: { sessionId: 'visit-42' } },
			() => mono(),
			'Invalid "Session ID": it does not have the required format',
		],
		[
			'an encryption context without a key',
			{
				additionalFields: {
					kmsEncryptionContext: { entries: [{ key: 'clinic', value: 'north' }] },
				},
			},
			() => mono(),
			'Invalid "KMS Encryption Context": it is set without a KMS key',
		],
		[
			'a missing binary property',
			{ binaryPropertyName: 'audio' },
			() => mono(),
			'Invalid "Input Binary Field": the input item has no binary property of that name',
		],
		[
			'an S3 URI that is not one',
			{ audioSource: 's3', audioS3Uri: 'https://example.com/visit.wav' },
			() => mono(),
			'Invalid "Audio S3 URI": it is not an s3:// URI',
		],
	])('rejects %s before any call', async (_case, extra, item, message) => {
		const from = since();
		const { error } = await run(start(extra), [item()]);
		expect(error?.message).toContain(message);
		expect(sandbox.log.entries({ since: from })).toEqual([]);
	});
});
