import { runWorkflow, runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	startParameters,
} from './helpers';

describe('AWS HealthScribe: Recording → Get Many (the day’s recordings in S3)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
		// Beside the seeded WAVs of today: a note file (not audio) and yesterday's recording.
		const today = new Date(sandbox.clock.now()).toISOString().slice(0, 10);
		sandbox.store.put(
			MEDIA_BUCKET,
			`recordings/${today}/room-3-notes.txt`,
			'not audio',
			'text/plain',
		);
		sandbox.store.put(
			MEDIA_BUCKET,
			'recordings/2020-01-01/old.wav',
			Buffer.from('RIFF'),
			'audio/wav',
		);
	});
	afterAll(async () => await sandbox.stop());

	const list = (extra: Record<string, unknown> = {}) => ({
		resource: 'recording',
		operation: 'getAll',
		bucket: MEDIA_BUCKET,
		prefix: 'recordings/{yyyy}-{mm}-{dd}/',
		returnAll: true,
		...extra,
	});

	it('lists only today’s audio files under the dated prefix, with one ListObjectsV2 call', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items, error } = await runNode(NODE, list(), { credentials: credentialsFor(sandbox) });
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.key)).toEqual([...sandbox.seededRecordings].sort());
		expect(items[0].json).toMatchObject({
			bucket: MEDIA_BUCKET,
			mediaFileUri: `s3://${MEDIA_BUCKET}/${items[0].json.key}`,
			size: expect.any(Number),
		});
		const calls = sandbox.log.entries({ since }).filter((e) => e.service === 's3');
		expect(calls).toHaveLength(1);
		expect(calls[0].query).toMatchObject({
			'list-type': '2',
			prefix: `recordings/${new Date(sandbox.clock.now()).toISOString().slice(0, 10)}/`,
		});
	});

	it('honours Recording Date, Limit and Audio Files Only', async () => {
		const old = await runNode(NODE, list({ date: '2020-01-01T12:00:00Z' }), {
			credentials: credentialsFor(sandbox),
		});
		expect(old.items.map((item) => item.json.key)).toEqual(['recordings/2020-01-01/old.wav']);
		const limited = await runNode(NODE, list({ returnAll: false, limit: 1 }), {
			credentials: credentialsFor(sandbox),
		});
		expect(limited.items).toHaveLength(1);
		const everything = await runNode(NODE, list({ audioOnly: false }), {
			credentials: credentialsFor(sandbox),
		});
		expect(everything.items.map((item) => item.json.fileName)).toContain('room-3-notes.txt');
	});

	it('rejects a bucket given as a URI before any call', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { error } = await runNode(NODE, list({ bucket: 's3://clinic/recordings' }), {
			credentials: credentialsFor(sandbox),
		});
		expect(error?.message).toBe('Invalid "Bucket": it contains "s3://" or a path');
		expect(sandbox.log.entries({ since })).toHaveLength(0);
	});

	it('feeds Start: one job per listed recording', async () => {
		const list1 = {
			id: 'l',
			name: 'List',
			type: 'n8n-nodes-clinical-scribe.awsHealthScribe',
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: list(),
		};
		const start = {
			id: 's',
			name: 'Start',
			type: 'n8n-nodes-clinical-scribe.awsHealthScribe',
			typeVersion: 1,
			position: [200, 0] as [number, number],
			parameters: startParameters(sandbox, {
				mediaSource: 's3',
				mediaFileUri: '={{ $json.mediaFileUri }}',
				identifyingFields: 'key',
			}),
		};
		const { outputs, error } = await runWorkflow(
			{
				nodes: [list1, start],
				connections: { List: { main: [[{ node: 'Start', type: 'main', index: 0 }]] } },
			},
			{ credentials: credentialsFor(sandbox), startNode: 'List' },
		);
		expect(error).toBeUndefined();
		expect(outputs.Start).toHaveLength(sandbox.seededRecordings.length);
		const media = sandbox.log
			.entries({ target: 'Transcribe.StartMedicalScribeJob' } as never)
			.map((e) => (e.body as { Media: { MediaFileUri: string } }).Media.MediaFileUri)
			.sort();
		expect(media).toEqual(
			sandbox.seededRecordings.map((key) => `s3://${MEDIA_BUCKET}/${key}`).sort(),
		);
	});
});
