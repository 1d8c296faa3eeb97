import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, expectSigned, run } from './helpers';
import { flacStream, recordingItem, toneWav } from './streaming.helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox({ connectHealth: { timings: { artifactGenerationMs: 0 } } })));
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
		const { items, error, requests } = await run(sandbox, startParameters(), { input: [recordingItem(wav, 'visit.wav')] });
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
		// Configuration + 30 audio + END_OF_SESSION + the empty end frame, every one signed in the chain.
		expect(body.signedFrames).toBe(33);

		const item = items[0].json as any;
		expect(item).toMatchObject({ sessionId: entry.headers['x-amzn-medscribe-session-id'], domainId: DEMO.domainId, streamStatus: 'COMPLETED', mediaSampleRateHertz: 16000, mediaEncoding: 'pcm' });
		expect(item.audio).toEqual({ container: 'wav', channels: 2, seconds: 3, bytes: wav.length - 44, events: 30 });
		const turns = item.transcript.turns;
		expect(turns.length).toBeGreaterThan(3);
		// Partials were folded: one turn per segment, the final text.
		expect(new Set(turns.map((t: any) => t.id)).size).toBe(turns.length);
		expect(turns.every((t: any) => ['CLINICIAN', 'PATIENT'].includes(t.role))).toBe(true);
		expect(body.transcriptEvents).toBeGreaterThan(turns.length);
	});
});
