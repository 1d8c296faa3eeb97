import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, expectSigned, run } from './helpers';
import { flacStream, recordingItem, toneWav } from './streaming.helpers';

let sandbox: Sandbox;
beforeAll(
	async () =>
		(sandbox = await connectHealthSandbox({
			connectHealth: { timings: { artifactGenerationMs: 0 } },
		})),
);
afterAll(async () => await sandbox.stop());

const STREAM_PATH = '/medical-scribe-stream/';
const startParameters = (extra = {}) => ({
	resource: 'listeningSession',
	operation: 'start',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	outputS3Uri: 's3://scribe-output/streams/{yyyy}/{mm}/{dd}/',
	...extra,
});
const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '/');

describe('Medical Scribe Listening Session → Start', () => {
	test('a two-channel WAV streams over HTTP/2 as signed events and returns the folded transcript', async () => {
		sandbox.store.ensureBucket('scribe-output');
		const wav = toneWav({ seconds: 3, channels: 2, sampleRate: 16000 });
		const { items, error, requests } = await run(sandbox, startParameters(), {
			input: [recordingItem(wav, 'visit.wav')],
		});
		expect(requests.map((r) => r.internalError)).toEqual(requests.map(() => undefined));
		expect(error).toBeUndefined();
		const stream = requests.filter((r) => r.path === STREAM_PATH);
		expect(stream).toHaveLength(1);
		expectSigned(stream[0]);
		const entry = stream[0];
		expect(entry.status).toBe(200);
		expect(entry.headers).toMatchObject({
			':method': 'POST',
			':authority': expect.any(String),
			'content-type': 'application/vnd.amazon.eventstream',
			'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-EVENTS',
			'x-amzn-medscribe-domain-id': DEMO.domainId,
			'x-amzn-medscribe-subscription-id': DEMO.subscriptionId,
			'x-amzn-medscribe-language-code': 'en-US',
			'x-amzn-medscribe-sample-rate': '16000',
			'x-amzn-medscribe-media-encoding': 'pcm',
		});
		expect(entry.headers.host).toBe(entry.headers[':authority']);
		const body = entry.body as any;
		expect(body).toMatchObject({
			outcome: 'completed',
			endOfSession: true,
			endFrame: true,
			events: { configurationEvent: 1, audioEvent: 30, sessionControlEvent: 1 },
			audioBytes: wav.length - 44,
			configuration: {
				channelDefinitions: [
					{ channelId: 0, participantRole: 'CLINICIAN' },
					{ channelId: 1, participantRole: 'PATIENT' },
				],
				outputS3Uri: `s3://scribe-output/streams/${today()}/`,
				noteTemplateSettings: { managedTemplate: { templateType: 'HISTORY_AND_PHYSICAL' } },
			},
		});
		// What the official client signs over HTTP/2 (:authority instead of host), minus its optional SDK headers.
		expect(body.signedHeaders).toEqual([
			':authority',
			'content-type',
			'x-amz-content-sha256',
			'x-amz-date',
			'x-amzn-medscribe-domain-id',
			'x-amzn-medscribe-language-code',
			'x-amzn-medscribe-media-encoding',
			'x-amzn-medscribe-sample-rate',
			'x-amzn-medscribe-session-id',
			'x-amzn-medscribe-subscription-id',
		]);
		expect(entry.headers).not.toHaveProperty('content-length');
		// Configuration + 30 audio + END_OF_SESSION + the empty end frame, every one signed in the chain.
		expect(body.signedFrames).toBe(33);

		const item = items[0].json as any;
		expect(item).toMatchObject({
			sessionId: entry.headers['x-amzn-medscribe-session-id'],
			domainId: DEMO.domainId,
			streamStatus: 'COMPLETED',
			mediaSampleRateHertz: 16000,
			mediaEncoding: 'pcm',
		});
		expect(item.audio).toEqual({
			container: 'wav',
			channels: 2,
			seconds: 3,
			bytes: wav.length - 44,
			events: 30,
		});
		const turns = item.transcript.turns;
		expect(turns.length).toBeGreaterThan(3);
		// Partials were folded: one turn per segment, the final text.
		expect(new Set(turns.map((t: any) => t.id)).size).toBe(turns.length);
		expect(turns.every((t: any) => ['CLINICIAN', 'PATIENT'].includes(t.role))).toBe(true);
		expect(body.transcriptEvents).toBeGreaterThan(turns.length);
	});

	test('a FLAC recording streams end to end; Wait for Completion polls Get and returns the EncounterNote', async () => {
		const flac = flacStream({ seconds: 4, channels: 1, sampleRate: 16000 });
		const { items, error, requests, s3 } = await run(
			sandbox,
			startParameters({
				waitForCompletion: true,
				maxWaitMinutes: 1,
				onTimeout: 'error',
				includeNote: 'encounterNote',
			}),
			{ input: [recordingItem(flac, 'visit.flac', 'audio/flac')] },
		);
		expect(error).toBeUndefined();
		const stream = requests.find((r) => r.path === STREAM_PATH)!;
		expect(stream.headers['x-amzn-medscribe-media-encoding']).toBe('flac');
		expect(stream.headers['x-amzn-medscribe-sample-rate']).toBe('16000');
		// Mono: no channel definitions; the whole FLAC file (header included) went out as audio.
		expect((stream.body as any).configuration.channelDefinitions).toBeUndefined();
		expect((stream.body as any).audioBytes).toBe(flac.length);
		const sessionId = stream.headers['x-amzn-medscribe-session-id'];
		const gets = requests.filter((r) => r.method === 'GET');
		expect(gets.map((r) => r.path)).toContain(
			`/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${sessionId}`,
		);
		const item = items[0].json as any;
		expect(item.session).toMatchObject({
			sessionId,
			streamStatus: 'COMPLETED',
			mediaEncoding: 'flac',
		});
		expect(item.note.source).toMatchObject({
			vendor: 'amazon-connect-health',
			ids: { sessionId, domainId: DEMO.domainId },
		});
		expect(item.note.sections.length).toBeGreaterThan(0);
		expect(item.note.transcript.turns.length).toBeGreaterThan(0);
		expect(item.note.markdown).toContain('##');
		// The artifacts were written under the dated output prefix and read from there.
		expect(s3.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(
			expect.arrayContaining([
				`/scribe-output/streams/${today()}/medical-scribe/${DEMO.domainId}/${DEMO.subscriptionId}/${sessionId}/clinical-note.json`,
			]),
		);
	});

	test('two-channel WAV with Wait for Completion: one node, recording in, note out', async () => {
		const wav = toneWav({ seconds: 2, channels: 2 });
		const { items, error } = await run(
			sandbox,
			startParameters({ waitForCompletion: true, maxWaitMinutes: 1 }),
			{ input: [recordingItem(wav, 'visit.wav')] },
		);
		expect(error).toBeUndefined();
		const item = items[0].json as any;
		expect(item.streamStatus).toBe('COMPLETED');
		expect(item.transcript.turns.length).toBeGreaterThan(0);
		expect(item.note.sections.map((s: any) => s.name).length).toBeGreaterThan(0);
		expect(
			item.note.transcript.turns.every((t: any) => ['CLINICIAN', 'PATIENT'].includes(t.role)),
		).toBe(true);
	});

	test('Wait for Completion beyond Max Wait: the session as it stands, or a named error', async () => {
		sandbox.connectHealth.setTimings({ artifactGenerationMs: 3_600_000 });
		try {
			const wav = toneWav({ seconds: 1 });
			const returned = await run(
				sandbox,
				startParameters({ waitForCompletion: true, maxWaitMinutes: 0, onTimeout: 'returnJob' }),
				{ input: [recordingItem(wav, 'visit.wav')] },
			);
			expect(returned.error).toBeUndefined();
			const item = returned.items[0].json as any;
			expect(item).toMatchObject({
				streamStatus: 'COMPLETED',
				waitTimedOut: true,
				session: { streamStatus: 'COMPLETED' },
			});
			expect(
				item.session.postStreamActionResult.clinicalNoteGenerationResult.noteResult.status,
			).toBe('IN_PROGRESS');
			expect(item.note).toBeUndefined();
			const failed = await run(
				sandbox,
				startParameters({ waitForCompletion: true, maxWaitMinutes: 0, onTimeout: 'error' }),
				{ input: [recordingItem(wav, 'visit.wav')] },
			);
			const sessionId = failed.requests.find((r) => r.path === STREAM_PATH)!.headers[
				'x-amzn-medscribe-session-id'
			];
			expect(failed.error?.message).toBe(
				`The clinical note of listening session ${sessionId} was not written within Max Wait`,
			);
		} finally {
			sandbox.connectHealth.setTimings({ artifactGenerationMs: 0 });
		}
	});

	test('session ID, custom template, encounter context, code switching and channel roles reach the configuration event', async () => {
		const sessionId = '7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
		const wav = toneWav({ seconds: 1, channels: 2 });
		const { items, error, requests } = await run(
			sandbox,
			startParameters({
				languageCode: 'multi',
				noteTemplateKind: 'custom',
				customTemplateBase: 'DAP',
				templateSections: {
					section: [
						{ sectionHeader: 'Data', sectionInstruction: 'What was observed.' },
						{ sectionHeader: 'Plan_Next', sectionInstruction: 'Next steps, bulleted.' },
					],
				},
				additionalFields: {
					sessionId,
					channel0Role: 'PATIENT',
					encounterContext: 'Follow-up visit; see prior **labs**.',
				},
				options: { binaryAudioEvents: true, chunkMs: 200 },
			}),
			{ input: [recordingItem(wav, 'visit.wav')] },
		);
		expect(error).toBeUndefined();
		const stream = requests.find((r) => r.path === STREAM_PATH)!;
		expect(stream.headers['x-amzn-medscribe-session-id']).toBe(sessionId);
		expect(stream.headers['x-amzn-medscribe-language-code']).toBe('multi');
		expect(stream.body).toMatchObject({
			events: { configurationEvent: 1, binaryAudioEvent: 5, sessionControlEvent: 1 },
			configuration: {
				channelDefinitions: [
					{ channelId: 0, participantRole: 'PATIENT' },
					{ channelId: 1, participantRole: 'CLINICIAN' },
				],
				noteTemplateSettings: { customTemplate: { templateType: 'DAP', sections: 2 } },
				encounterContextProvided: true,
			},
		});
		expect(items[0].json.sessionId).toBe(sessionId);
	});

	test('Real-Time Pacing streams the same events (paced no faster than the audio plays)', async () => {
		const wav = toneWav({ seconds: 0.5, channels: 1 });
		const { items, error, requests } = await run(
			sandbox,
			startParameters({ options: { realTime: true, chunkMs: 50 } }),
			{ input: [recordingItem(wav, 'visit.wav')] },
		);
		expect(error).toBeUndefined();
		expect((requests.find((r) => r.path === STREAM_PATH)!.body as any).events).toEqual({
			configurationEvent: 1,
			audioEvent: 10,
			sessionControlEvent: 1,
		});
		expect(items[0].json.streamStatus).toBe('COMPLETED');
	});

	test('audio from an S3 URI is streamed from S3 in chunks', async () => {
		sandbox.store.ensureBucket('recordings');
		const wav = toneWav({ seconds: 2, channels: 1, sampleRate: 22050 });
		sandbox.store.put('recordings', 'today/visit.wav', wav, 'audio/wav');
		const { items, error, requests, s3 } = await run(
			sandbox,
			startParameters({ audioSource: 's3', audioS3Uri: 's3://recordings/today/visit.wav' }),
		);
		expect(error).toBeUndefined();
		expect(s3.map((r) => r.path)).toContain('/recordings/today/visit.wav');
		const stream = requests.find((r) => r.path === STREAM_PATH)!;
		expect(stream.headers['x-amzn-medscribe-sample-rate']).toBe('22050');
		expect((stream.body as any).audioBytes).toBe(wav.length - 44);
		expect(items[0].json.audio).toMatchObject({ channels: 1, seconds: 2 });
	});
});

describe('checked before any call', () => {
	const cases: Array<[string, Buffer, RegExp]> = [
		[
			'a sample rate the service does not accept',
			toneWav({ seconds: 0.5, sampleRate: 96000 }),
			/sample rate is 96000 Hz/,
		],
		['8-bit samples', toneWav({ seconds: 0.5, bitsPerSample: 8 }), /8-bit samples/],
		[
			'32-bit float samples',
			toneWav({ seconds: 0.5, bitsPerSample: 32, formatTag: 3 }),
			/32-bit float/,
		],
		['three channels', toneWav({ seconds: 0.5, channels: 3 }), /3 channels/],
		[
			'not WAV or FLAC',
			Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 not a recording'),
			/neither WAV nor FLAC/,
		],
	];
	test.each(cases)(
		'%s is refused with the field named and no request sent',
		async (_name, body, problem) => {
			const { error, requests } = await run(sandbox, startParameters(), {
				input: [recordingItem(body, 'visit.wav')],
			});
			expect(error?.message).toMatch(/^Invalid "Audio \(binary property "data"\)"/);
			expect(error?.message).toMatch(problem);
			expect(error?.description).toEqual(expect.any(String));
			expect(requests).toHaveLength(0);
		},
	);

	test('model rules of the headers and the configuration event: session ID, output URI, custom sections', async () => {
		const wav = toneWav({ seconds: 0.5 });
		const input = [recordingItem(wav, 'visit.wav')];
		const bad = [
			[{ additionalFields: { sessionId: 'not-a-uuid' } }, /Invalid "Session ID"/],
			[{ outputS3Uri: 'https://bucket/out/' }, /Invalid "Output S3 URI"/],
			[
				{
					noteTemplateKind: 'custom',
					templateSections: {
						section: [{ sectionHeader: 'Bad header!', sectionInstruction: 'x' }],
					},
				},
				/sectionHeader/,
			],
			[{ noteTemplateKind: 'custom', templateSections: {} }, /templateInstructions/],
		] as const;
		for (const [extra, message] of bad) {
			const { error, requests } = await run(sandbox, startParameters(extra), { input });
			expect(error?.message).toMatch(message);
			expect(requests).toHaveLength(0);
		}
	});
});

describe('failures', () => {
	const wav = toneWav({ seconds: 1, channels: 2 });

	test('throttling before the stream starts is retried like any other call', async () => {
		sandbox.faults.failNext({
			kind: 'throttle',
			service: 'connectHealth',
			match: { target: 'StartMedicalScribeListeningSession' },
		});
		const { items, error, requests } = await run(sandbox, startParameters(), {
			input: [recordingItem(wav, 'visit.wav')],
		});
		expect(error).toBeUndefined();
		const streams = requests.filter((r) => r.path === STREAM_PATH);
		expect(streams.map((r) => [r.status, r.errorType])).toEqual([
			[429, 'ThrottlingException'],
			[200, undefined],
		]);
		// The rejected attempt carried the configuration event only, never audio.
		expect((streams[0].body as any).audioBytes).toBe(0);
		expect(items[0].json.streamStatus).toBe('COMPLETED');
	});

	test('a restJson1 error before the stream (inactive subscription) is named and not retried', async () => {
		const inactive = sandbox.connectHealth.addSubscription(DEMO.domainId, { active: false });
		const { error, requests } = await run(
			sandbox,
			startParameters({ subscription: byId(inactive.subscriptionId) }),
			{ input: [recordingItem(wav, 'visit.wav')] },
		);
		expect(error?.message).toMatch(
			/^StartMedicalScribeListeningSession failed \(HTTP 401\): AccessDeniedException/,
		);
		expect(requests.filter((r) => r.path === STREAM_PATH)).toHaveLength(1);
	});

	test('an exception event mid-stream fails with the session ID and how far the stream got; nothing is retried', async () => {
		sandbox.connectHealth.failNextStream({ kind: 'exception', afterAudioEvents: 3 });
		const { error, requests } = await run(sandbox, startParameters(), {
			input: [recordingItem(wav, 'visit.wav')],
		});
		const streams = requests.filter((r) => r.path === STREAM_PATH);
		expect(streams).toHaveLength(1);
		const sessionId = streams[0].headers['x-amzn-medscribe-session-id'];
		expect(error?.message).toContain(
			'StartMedicalScribeListeningSession failed: internalFailureException',
		);
		expect(error?.message).toContain(`Listening session ${sessionId}`);
		// The service failed after the third audio event; the client may have sent a few more meanwhile.
		const sent = Number(/stopped after (\d+) audio events/.exec(error?.message ?? '')?.[1]);
		expect(sent).toBeGreaterThanOrEqual(3);
		expect(error?.description).toContain('Nothing was sent again');
		// The session the service kept is FAILED, readable with Get.
		const get = await run(sandbox, {
			resource: 'listeningSession',
			operation: 'get',
			domain: byId(DEMO.domainId),
			subscription: byId(DEMO.subscriptionId),
			sessionId,
		});
		expect(get.items[0].json.streamStatus).toBe('FAILED');
	});

	test('a connection reset mid-stream fails with the session ID; nothing is retried', async () => {
		sandbox.connectHealth.failNextStream({ kind: 'reset', afterAudioEvents: 2 });
		const { error, requests } = await run(sandbox, startParameters(), {
			input: [recordingItem(wav, 'visit.wav')],
		});
		const streams = requests.filter((r) => r.path === STREAM_PATH);
		expect(streams).toHaveLength(1);
		expect((streams[0].body as any).outcome).toBe('reset');
		const sessionId = streams[0].headers['x-amzn-medscribe-session-id'];
		expect(error?.message).toContain('StartMedicalScribeListeningSession failed');
		expect(error?.message).toContain(`Listening session ${sessionId}`);
		expect(error?.message).toMatch(/stopped after \d+ audio events/);
	});

	test('Continue On Fail: the failed item says which session to check, the next item streams', async () => {
		sandbox.connectHealth.failNextStream({ kind: 'exception', afterAudioEvents: 1 });
		const { items } = await run(
			sandbox,
			{ ...startParameters(), options: { concurrency: 1 } },
			{ input: [recordingItem(wav, 'a.wav'), recordingItem(wav, 'b.wav')], continueOnFail: true },
		);
		expect(items[0].json.error).toEqual(expect.stringContaining('internalFailureException'));
		expect(items[0].json.description).toEqual(
			expect.stringMatching(/^Listening session [0-9a-f-]{36}: the stream stopped/),
		);
		expect(items[1].json.streamStatus).toBe('COMPLETED');
	});
});
