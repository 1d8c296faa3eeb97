import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { healthScribeSandbox, pollJobs, seedJob } from './helpers';

const MINUTE = 60_000;

const restart = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData));

async function seedMany(
	sandbox: Sandbox,
	prefix: string,
	count: number,
	stepMs: number,
	mediaKey?: string,
): Promise<string[]> {
	const names: string[] = [];
	for (let i = 0; i < count; i++) {
		const name = `${prefix}-${String(i).padStart(5, '0')}`;
		await seedJob(
			sandbox,
			name,
			mediaKey ?? sandbox.seededRecordings[i % sandbox.seededRecordings.length],
		);
		names.push(name);
		if (stepMs) sandbox.clock.advance(stepMs);
	}
	return names;
}

describe('AWS HealthScribe Trigger: cheap polls over thousands of old jobs', () => {
	let sandbox: Sandbox;
	const parameters: INodeParameters = {
		events: ['completed'],
		jobNameContains: '',
		includeOutputs: 'none',
	};
	let staticData: IDataObject = {};
	beforeAll(async () => {
		// A frozen clock: jobs move on only when the test advances it.
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
		await seedMany(sandbox, 'old', 3000, MINUTE);
		sandbox.clock.advance(10 * MINUTE);
		expect(
			sandbox.transcribe.jobs().filter((j) => j.MedicalScribeJobStatus === 'COMPLETED'),
		).toHaveLength(3000);
	});
	afterAll(async () => await sandbox.stop());

	it('emits nothing old on first activation and lists only the running jobs and one page', async () => {
		const first = await pollJobs(sandbox, parameters, staticData);
		expect(first.result).toBeNull();
		expect(first.listBodies).toEqual([
			{ Status: 'QUEUED', MaxResults: 100 },
			{ Status: 'IN_PROGRESS', MaxResults: 100 },
			{ MaxResults: 100 },
		]);
		const idle = await pollJobs(sandbox, parameters, staticData);
		expect(idle.result).toBeNull();
		expect(idle.lists).toHaveLength(1);
	});

	it.each([1, 99, 100, 250])(
		'makes at most 1 + ceil(k/100) list calls for k = %i changes and emits each once',
		async (k) => {
			// Started one after the other, a second apart, as a batch workflow would.
			const fresh = await seedMany(sandbox, `new-${k}`, k, 1000);
			sandbox.clock.advance(MINUTE);
			const { items, names, lists } = await pollJobs(sandbox, parameters, staticData);
			expect(names.sort()).toEqual(fresh.map((name) => `${name}|completed`).sort());
			expect(items.every((item) => item.json.MedicalScribeJobStatus === 'COMPLETED')).toBe(true);
			expect(lists.length).toBeLessThanOrEqual(1 + Math.ceil(k / 100));
			expect(
				lists.every(
					(e) =>
						(e.body as IDataObject).MaxResults === 100 && !('Status' in (e.body as IDataObject)),
				),
			).toBe(true);
			// Nothing twice, also after a restart of n8n (static data saved as JSON and read back).
			staticData = restart(staticData);
			const again = await pollJobs(sandbox, parameters, staticData);
			expect(again.result).toBeNull();
			expect(again.lists).toHaveLength(1);
			sandbox.clock.advance(5 * MINUTE);
		},
	);

	it('keeps its static data small', () => {
		expect(JSON.stringify(staticData).length).toBeLessThan(40_000);
	});
});

describe('AWS HealthScribe Trigger: equal timestamps, restarts, running jobs', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
	});
	afterAll(async () => await sandbox.stop());

	it('emits each completion once when hundreds share one timestamp across pages and polls restart', async () => {
		const parameters: INodeParameters = { events: ['anyTerminal'], jobNameContains: 'same-second' };
		let staticData: IDataObject = {};
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();

		// 250 jobs created in the same millisecond complete in the same millisecond (three pages of them).
		const batch1 = await seedMany(sandbox, 'same-second-a', 250, 0);
		// Created 4 s later with media that does not exist: FAILED at the very same instant the others complete.
		sandbox.clock.advance(4000);
		const failed = await seedMany(sandbox, 'same-second-f', 3, 0, 'recordings/missing.wav');
		sandbox.clock.advance(2000);
		const completionTimes = new Set(
			sandbox.transcribe
				.jobs()
				.filter((j) => String(j.MedicalScribeJobName).startsWith('same-second'))
				.map((j) => j.CompletionTime),
		);
		expect(completionTimes.size).toBe(1);

		const first = await pollJobs(sandbox, parameters, staticData);
		expect(first.names.sort()).toEqual(
			[...batch1.map((n) => `${n}|completed`), ...failed.map((n) => `${n}|failed`)].sort(),
		);
		expect(first.lists.length).toBe(3);
		expect(first.listBodies.every((body) => body.JobNameContains === 'same-second')).toBe(true);

		staticData = restart(staticData);
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();

		// More jobs finishing in one instant, polled after another restart.
		const batch2 = await seedMany(sandbox, 'same-second-b', 120, 0);
		sandbox.clock.advance(MINUTE);
		staticData = restart(staticData);
		const second = await pollJobs(sandbox, parameters, staticData);
		expect(second.names.sort()).toEqual(batch2.map((n) => `${n}|completed`).sort());
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();
	});
});

describe('AWS HealthScribe Trigger: a job that runs for hours', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Jobs with readable media take 10 h; jobs with missing media fail after their 1 s in the queue.
		sandbox = await healthScribeSandbox({
			clockSpeed: 0,
			transcribe: { queuedMs: 1000, processingMs: 600 * MINUTE },
		});
	});
	afterAll(async () => await sandbox.stop());

	it('pages back to the oldest job still running, emits it once when it finishes, and nothing old', async () => {
		const parameters: INodeParameters = { events: ['anyTerminal'], jobNameContains: '' };
		let staticData: IDataObject = {};
		await seedJob(sandbox, 'long-runner', sandbox.seededRecordings[0]);
		// 500 newer jobs, a minute apart, all finished (FAILED) long before the trigger is activated.
		await seedMany(sandbox, 'short', 500, MINUTE, 'recordings/missing.wav');
		const first = await pollJobs(sandbox, parameters, staticData);
		expect(first.result).toBeNull();
		// Two running-status listings, then newest-first pages back to the running job (501 jobs: 6 pages).
		expect(first.lists).toHaveLength(2 + 6);

		// Still running: every poll pages back to it (the cost of remembering it), emitting nothing.
		staticData = restart(staticData);
		const waiting = await pollJobs(sandbox, parameters, staticData);
		expect(waiting.result).toBeNull();
		expect(waiting.lists).toHaveLength(6);

		sandbox.clock.advance(600 * MINUTE);
		const done = await pollJobs(sandbox, parameters, staticData);
		expect(done.names).toEqual(['long-runner|completed']);
		expect(done.lists).toHaveLength(6);

		// Nothing is running any more: the next poll is one page again.
		staticData = restart(staticData);
		const after = await pollJobs(sandbox, parameters, staticData);
		expect(after.result).toBeNull();
		expect(after.lists).toHaveLength(1);
	});
});

describe('AWS HealthScribe Trigger: outputs, manual mode and failures', () => {
	let sandbox: Sandbox;
	const parameters: INodeParameters = {
		events: ['completed', 'failed'],
		jobNameContains: 'clinic-',
		includeOutputs: 'encounterNote',
		includeJobDetails: true,
	};
	let staticData: IDataObject = {};
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
		await seedJob(sandbox, 'clinic-older', sandbox.seededRecordings[0]);
		sandbox.clock.advance(MINUTE);
		await seedJob(sandbox, 'clinic-newest', sandbox.seededRecordings[1]);
		await seedJob(sandbox, 'other-job', sandbox.seededRecordings[1]);
		sandbox.clock.advance(MINUTE);
	});
	afterAll(async () => await sandbox.stop());

	it('returns the newest real matching job with its note in manual mode, changing no state', async () => {
		const { items, listBodies } = await pollJobs(sandbox, parameters, staticData, 'manual');
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			event: 'completed',
			MedicalScribeJobName: 'clinic-newest',
			MedicalScribeJobStatus: 'COMPLETED',
		});
		const note = items[0].json.note as IDataObject;
		expect((note.sections as unknown[]).length).toBeGreaterThan(2);
		expect(typeof note.markdown).toBe('string');
		expect(listBodies).toEqual([
			{ Status: 'COMPLETED', JobNameContains: 'clinic-', MaxResults: 1 },
			{ Status: 'FAILED', JobNameContains: 'clinic-', MaxResults: 1 },
		]);
		expect(staticData).toEqual({});
	});

	it('emits completed jobs with the full job and the note, failed ones with the reason', async () => {
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();
		await seedJob(sandbox, 'clinic-a', sandbox.seededRecordings[0]);
		await seedJob(sandbox, 'clinic-b', 'recordings/missing.wav');
		sandbox.clock.advance(MINUTE);
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items } = await pollJobs(sandbox, parameters, staticData);
		// FAILED (at +2 s) is older than COMPLETED (at +6 s): oldest change first.
		expect(items.map((i) => [i.json.MedicalScribeJobName, i.json.event])).toEqual([
			['clinic-b', 'failed'],
			['clinic-a', 'completed'],
		]);
		expect(items[0].json.FailureReason).toBeTruthy();
		expect(items[0].json).not.toHaveProperty('note');
		expect(items[1].json.Media).toEqual({
			MediaFileUri: expect.stringContaining(sandbox.seededRecordings[0]),
		});
		expect(((items[1].json.note as IDataObject).source as IDataObject).ids).toMatchObject({
			jobName: 'clinic-a',
		});
		const gets = sandbox.log
			.entries({ since, target: 'GetMedicalScribeJob' })
			.map((e) => (e.body as IDataObject).MedicalScribeJobName);
		expect(gets.sort()).toEqual(['clinic-a', 'clinic-b']);
		expect(
			sandbox.log
				.entries({ since, service: 's3' })
				.map((e) => e.path)
				.sort(),
		).toEqual([
			'/sandbox-output/clinic-a/summary.json',
			'/sandbox-output/clinic-a/transcript.json',
		]);
	});

	it('a transient failure keeps the job for the next poll; a permanent one is reported on the item', async () => {
		await seedJob(sandbox, 'clinic-c', sandbox.seededRecordings[0]);
		await seedJob(sandbox, 'clinic-d', sandbox.seededRecordings[1]);
		sandbox.clock.advance(MINUTE);
		sandbox.store.delete('sandbox-output', 'clinic-d/summary.json');
		// More 500s than the SDK's six attempts per download.
		sandbox.faults.failNext({ kind: '5xx', count: 30, service: 's3', match: { method: 'GET' } });
		const failing = await pollJobs(sandbox, parameters, staticData);
		expect(failing.result).toBeNull();
		sandbox.faults.clear();

		staticData = restart(staticData);
		const { items } = await pollJobs(sandbox, parameters, staticData);
		expect(items.map((i) => i.json.MedicalScribeJobName)).toEqual(['clinic-c', 'clinic-d']);
		expect(items[0].json.note).toBeDefined();
		expect(items[1].json.error).toContain('GetObject failed (HTTP 404): NoSuchKey');
		expect(items[1].json.errorDescription).toMatch(/^Request ID: [0-9a-f-]{36}$/);
		expect(items[1].json).not.toHaveProperty('note');
		expect((await pollJobs(sandbox, parameters, restart(staticData))).result).toBeNull();
	});
});
