import { createHash } from 'node:crypto';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	recordingItem,
	startParameters,
} from './helpers';

const START = 'Transcribe.StartMedicalScribeJob';
const GET = 'Transcribe.GetMedicalScribeJob';

/** Four encounters; the third asks for 40 speakers (the service allows 2 to 30). */
const batch = () => [0, 1, 2, 3].map((i) => recordingItem(i, { speakers: i === 2 ? 40 : 2 }));
const parameters = (sandbox: Sandbox) =>
	startParameters(sandbox, { maxSpeakers: '={{ $json.speakers }}' });
const uploadedKey = (index: number) =>
	createHash('sha256')
		.update(Buffer.from(recordingItem(index).binary!.data.data, 'base64'))
		.digest('hex');

describe('AWS HealthScribe: batches', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 100 });
	});
	afterAll(async () => await sandbox.stop());

	let firstRunNames: string[] = [];

	it('starts the valid items and reports the invalid one by field, sending nothing for it', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items, error } = await runNode(NODE, parameters(sandbox), {
			credentials: credentialsFor(sandbox),
			input: batch(),
			continueOnFail: true,
		});
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);

		const bad = items[2].json;
		expect(bad.error).toContain('"Max Speakers"');
		expect(bad.description).toBe('Use a number from 2 to 30.');
		expect(bad).not.toHaveProperty('MedicalScribeJobName');

		const good = [items[0], items[1], items[3]].map((item) => item.json);
		for (const job of good) expect(job.MedicalScribeJobStatus).toBe('QUEUED');
		firstRunNames = good.map((job) => job.MedicalScribeJobName as string);
		expect(new Set(firstRunNames).size).toBe(3);

		const log = sandbox.log.entries({ since });
		const uploads = log.filter((e) => e.service === 's3' && e.method === 'PUT').map((e) => e.path);
		expect(uploads.sort()).toEqual(
			[0, 1, 3].map((i) => `/${MEDIA_BUCKET}/healthscribe/input/${uploadedKey(i)}.wav`).sort(),
		);
		expect(
			log.some(
				(e) =>
					e.path.includes(uploadedKey(2)) || JSON.stringify(e.body ?? '').includes(uploadedKey(2)),
			),
		).toBe(false);
		const starts = log.filter((e) => e.target === START);
		expect(
			starts.map((e) => (e.body as { MedicalScribeJobName: string }).MedicalScribeJobName).sort(),
		).toEqual([...firstRunNames].sort());
		expect(starts.every((e) => e.status === 200)).toBe(true);
	});

	it('re-running the same batch starts no new jobs and returns the existing ones', async () => {
		const jobsBefore = sandbox.transcribe.jobs().length;
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items } = await runNode(NODE, parameters(sandbox), {
			credentials: credentialsFor(sandbox),
			input: batch(),
			continueOnFail: true,
		});
		expect(sandbox.transcribe.jobs()).toHaveLength(jobsBefore);
		expect([items[0], items[1], items[3]].map((item) => item.json.MedicalScribeJobName)).toEqual(
			firstRunNames,
		);
		expect(items[2].json.error).toContain('"Max Speakers"');

		const log = sandbox.log.entries({ since });
		const starts = log.filter((e) => e.target === START);
		expect(starts).toHaveLength(3);
		expect(starts.every((e) => e.status === 409 && e.errorType === 'ConflictException')).toBe(true);
		const gets = log.filter((e) => e.target === GET);
		expect(
			gets.map((e) => (e.body as { MedicalScribeJobName: string }).MedicalScribeJobName).sort(),
		).toEqual([...firstRunNames].sort());
	});

	it('refuses a taken name whose job transcribes another recording', async () => {
		const [name] = firstRunNames;
		const { items } = await runNode(
			NODE,
			startParameters(sandbox, { jobNameMode: 'custom', jobName: name }),
			{ credentials: credentialsFor(sandbox), input: [recordingItem(7)], continueOnFail: true },
		);
		expect(items[0].json.error).toBe(
			'A HealthScribe job with this name already exists for a different recording',
		);
		expect(
			sandbox.transcribe.jobs().filter((job) => job.MedicalScribeJobName === name),
		).toHaveLength(1);
	});

	it('completes a batch through throttling, server errors and a lost Start response', async () => {
		sandbox.faults.set({
			transcribe: { rateLimit: 10, burst: 4 },
			failNext: [
				{
					kind: 'throttle',
					count: 2,
					service: 'transcribe',
					match: { target: 'StartMedicalScribeJob' },
				},
				{
					kind: 'reset',
					count: 1,
					service: 'transcribe',
					match: { target: 'StartMedicalScribeJob' },
				},
				{ kind: '5xx', count: 2, service: 's3', match: { method: 'PUT' } },
			],
		});
		try {
			const since = sandbox.log.entries().at(-1)?.seq ?? 0;
			const input = [10, 11, 12, 13, 14, 15].map((i) => recordingItem(i));
			const jobsBefore = sandbox.transcribe.jobs().length;
			const { items, error } = await runNode(
				NODE,
				startParameters(sandbox, { waitForCompletion: true, maxWaitMinutes: 1 }),
				{
					credentials: credentialsFor(sandbox),
					input,
				},
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.MedicalScribeJobStatus)).toEqual(
				Array(6).fill('COMPLETED'),
			);
			expect(new Set(items.map((item) => item.json.MedicalScribeJobName)).size).toBe(6);
			expect(sandbox.transcribe.jobs()).toHaveLength(jobsBefore + 6);

			const log = sandbox.log.entries({ since });
			expect(log.filter((e) => e.fault === 'throttle').length).toBeGreaterThanOrEqual(2);
			expect(log.filter((e) => e.service === 's3' && e.fault === '5xx')).toHaveLength(2);
			// The reset Start was carried out by the service; its retry met ConflictException and read the job.
			expect(log.filter((e) => e.target === START && e.fault === 'reset')).toHaveLength(1);
			expect(
				log.filter((e) => e.target === START && e.errorType === 'ConflictException'),
			).toHaveLength(1);
		} finally {
			sandbox.faults.clear();
		}
	});
});
