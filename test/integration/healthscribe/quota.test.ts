import { afterRequest, runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	NODE,
	recordingItem,
	startParameters,
} from './helpers';

const START = 'Transcribe.StartMedicalScribeJob';
const batch = (count: number) => Array.from({ length: count }, (_, i) => recordingItem(i));

/** Every Get the node sends moves the sandbox clock on by a job's whole life: the job read next has finished. */
const finishJobsOnEveryRead = (sandbox: Sandbox) =>
	afterRequest(sandbox.log, { target: 'Transcribe.GetMedicalScribeJob' }, () =>
		sandbox.clock.advance(600_000),
	);

describe('AWS HealthScribe Start: batches larger than the concurrent-job quota', () => {
	let sandbox: Sandbox;
	// Sandbox time stands still unless the test moves it: which job has finished is the test's decision.
	beforeEach(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 0, transcribe: { maxConcurrentJobs: 3 } });
	});
	afterEach(async () => await sandbox.stop());

	it('keeps at most "Max Running Jobs" running and starts the rest as jobs finish', async () => {
		const unhook = finishJobsOnEveryRead(sandbox);
		const { items, error } = await runNode(NODE, startParameters(sandbox, { maxRunningJobs: 3 }), {
			credentials: credentialsFor(sandbox),
			input: batch(10),
		});
		unhook();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(10);
		expect(items.map((item) => item.json.MedicalScribeJobStatus)).not.toContain('NOT_STARTED');
		expect(new Set(items.map((item) => item.json.MedicalScribeJobName)).size).toBe(10);
		const starts = sandbox.log.entries({ target: START });
		// The emulator's quota is 3 too: not one start was refused, so never more than 3 ran at once.
		expect(starts.map((entry) => entry.status)).toEqual(Array(10).fill(200));
		expect(
			sandbox.log.entries({ target: 'Transcribe.GetMedicalScribeJob' }).length,
		).toBeGreaterThan(0);
		expect(sandbox.transcribe.jobs()).toHaveLength(10);
	});

	it('waits for a slot when AWS says the quota is full, without retrying that answer as throttling', async () => {
		const unhook = finishJobsOnEveryRead(sandbox);
		const { items, error } = await runNode(NODE, startParameters(sandbox, { maxRunningJobs: 10 }), {
			credentials: credentialsFor(sandbox),
			input: batch(10),
		});
		unhook();
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.MedicalScribeJobStatus)).not.toContain('NOT_STARTED');
		const starts = sandbox.log.entries({ target: START });
		const refused = starts.filter((entry) => entry.status === 429);
		expect(refused.length).toBeGreaterThan(0);
		expect(
			refused.every(
				(entry) => entry.errorType === 'LimitExceededException' && entry.fault === undefined,
			),
		).toBe(true);
		// Each refusal was a first attempt: the SDK did not back off and re-send it.
		expect(refused.map((entry) => entry.headers['amz-sdk-request'])).toEqual(
			refused.map(() => expect.stringMatching(/^attempt=1;/)),
		);
		expect(starts.filter((entry) => entry.status === 200)).toHaveLength(10);
		expect(sandbox.transcribe.jobs()).toHaveLength(10);
	});

	it('returns items that found no slot in time as NOT_STARTED, and a re-run starts them', async () => {
		const parameters = startParameters(sandbox, { maxRunningJobs: 3, maxSlotWaitMinutes: 0 });
		const first = await runNode(NODE, parameters, {
			credentials: credentialsFor(sandbox),
			input: batch(10),
		});
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(10);
		const notStarted = first.items.filter(
			(item) => item.json.MedicalScribeJobStatus === 'NOT_STARTED',
		);
		expect(notStarted).toHaveLength(7);
		for (const item of notStarted) {
			expect(item.json.reason).toMatch(/concurrent-job limit/);
			expect(item.json.description).toMatch(/Run the batch again later/);
			expect(item.json.MedicalScribeJobName).toMatch(/^clinic-visit-/);
		}
		expect(first.items.map((item) => item.pairedItem)).toEqual(
			Array.from({ length: 10 }, (_, i) => ({ item: i })),
		);
		expect(sandbox.log.entries({ target: START })).toHaveLength(3);

		// Later, the first jobs have finished: the same batch again starts the seven, not the three twice.
		const since = sandbox.log.entries().at(-1)!.seq;
		const unhook = finishJobsOnEveryRead(sandbox);
		const again = await runNode(
			NODE,
			{ ...parameters, maxSlotWaitMinutes: 30 },
			{ credentials: credentialsFor(sandbox), input: batch(10) },
		);
		unhook();
		expect(again.error).toBeUndefined();
		expect(again.items.map((item) => item.json.MedicalScribeJobStatus)).not.toContain(
			'NOT_STARTED',
		);
		expect(again.items.map((item) => item.json.MedicalScribeJobName)).toEqual(
			first.items.map((item) => item.json.MedicalScribeJobName),
		);
		const rerunStarts = sandbox.log.entries({ target: START, since });
		expect(rerunStarts.filter((entry) => entry.status === 409)).toHaveLength(3);
		expect(rerunStarts.filter((entry) => entry.status === 200)).toHaveLength(7);
		expect(sandbox.transcribe.jobs()).toHaveLength(10);
	});

	it('retries request-rate throttling with back-off', async () => {
		sandbox.faults.failNext({
			kind: 'throttle',
			count: 2,
			service: 'transcribe',
			match: { target: 'StartMedicalScribeJob' },
		});
		const { items, error } = await runNode(NODE, startParameters(sandbox), {
			credentials: credentialsFor(sandbox),
			input: batch(1),
		});
		expect(error).toBeUndefined();
		expect(items[0].json.MedicalScribeJobStatus).toBe('QUEUED');
		const starts = sandbox.log.entries({ target: START });
		expect(starts.map((entry) => [entry.status, entry.fault])).toEqual([
			[429, 'throttle'],
			[429, 'throttle'],
			[200, undefined],
		]);
		expect(starts.map((entry) => entry.headers['amz-sdk-request'])).toEqual([
			'attempt=1; max=6',
			'attempt=2; max=6',
			'attempt=3; max=6',
		]);
	});
});
