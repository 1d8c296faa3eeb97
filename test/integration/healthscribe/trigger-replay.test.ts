import { DateTime } from 'luxon';
import { getGlobalState } from 'n8n-workflow';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { pollTrigger } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, pollJobs, seedJob, TRIGGER } from './helpers';

/*
 * "Replay Events Since" of the HealthScribe trigger: after n8n lost the execution of a poll, the
 * next poll emits every job finished since a time once more, then the trigger goes on as usual.
 * The option is checked against this host's clock (not in the future, at most 90 days ago), the
 * jobs' times are the sandbox's: its clock starts two days back, so every job lies in the past.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MISSING_MEDIA = 'recordings/missing.wav';

const iso = (ms: number) => new Date(ms).toISOString();
const restart = (staticData: IDataObject): IDataObject => JSON.parse(JSON.stringify(staticData));
/** The trigger node's own static data (n8n keeps it under `node:<name>`). */
const nodeData = (staticData: IDataObject) => (staticData['node:Trigger'] ?? {}) as IDataObject;

/** The static data with content (reading a node's static data makes an empty entry: nothing written). */
const written = (data: IDataObject): IDataObject =>
	Object.fromEntries(
		Object.entries(data).filter(([, value]) => Object.keys(value as IDataObject).length),
	);

/** The trigger's parameters with Replay Events Since set (or the Options collection left out). */
const withReplay = (parameters: INodeParameters, replaySince?: unknown): INodeParameters =>
	replaySince === undefined
		? parameters
		: { ...parameters, options: { replaySince } as INodeParameters };

/** A sandbox whose time stands still until the test steps it, starting two days ago. */
async function pastSandbox(transcribe?: { queuedMs?: number; processingMs?: number }) {
	return await healthScribeSandbox({ clockSpeed: 0, clockStart: Date.now() - 2 * DAY, transcribe });
}

/** Seeds a job that completes 6 s after it is created (sandbox default timings); returns its creation time. */
async function seedCompleting(sandbox: Sandbox, name: string): Promise<number> {
	const created = sandbox.clock.now();
	await seedJob(sandbox, name, sandbox.seededRecordings[0]);
	return created;
}

describe('AWS HealthScribe Trigger: Replay Events Since', () => {
	let sandbox: Sandbox;
	const parameters: INodeParameters = {
		events: ['anyTerminal'],
		jobNameContains: 'visit-',
		includeOutputs: 'none',
	};
	let staticData: IDataObject = {};
	/** Creation times of the jobs, by name. */
	const created: Record<string, number> = {};

	beforeAll(async () => {
		sandbox = await pastSandbox();
	});
	afterAll(async () => await sandbox.stop());

	async function seedAndFinish(...names: string[]) {
		for (const name of names) {
			created[name] = await seedCompleting(sandbox, name);
			sandbox.clock.advance(MINUTE);
		}
	}

	it('emits again, once, the jobs finished since the time, with the new ones, keeping the cursor', async () => {
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();
		await seedAndFinish('visit-a', 'visit-b');
		expect((await pollJobs(sandbox, parameters, staticData)).names).toEqual([
			'visit-a|completed',
			'visit-b|completed',
		]);
		// The poll whose execution n8n lost: it emitted visit-c and moved on; the workflow never ran for it.
		await seedAndFinish('visit-c');
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, parameters, staticData)).names).toEqual(['visit-c|completed']);
		// A job finishing before the clinic sets the option: new, so emitted with the replayed ones.
		await seedAndFinish('visit-d');

		// Set to when visit-b started: visit-a finished before that and is not replayed.
		staticData = restart(staticData);
		const replay = await pollJobs(
			sandbox,
			withReplay(parameters, iso(created['visit-b'])),
			staticData,
		);
		expect(replay.names).toEqual(['visit-b|completed', 'visit-c|completed', 'visit-d|completed']);
		expect(replay.items.every((item) => item.json.MedicalScribeJobStatus === 'COMPLETED')).toBe(
			true,
		);
		// Not a restart of the trigger: no listing of the running jobs as on a first activation.
		expect(replay.listBodies).toEqual([{ JobNameContains: 'visit-', MaxResults: 100 }]);
		expect(nodeData(staticData).replayed).toBe(created['visit-b']);
	});

	it('does not replay again while the option stays set; new jobs are emitted once', async () => {
		const options = withReplay(parameters, iso(created['visit-b']));
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, options, staticData)).result).toBeNull();
		await seedAndFinish('visit-e');
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, options, staticData)).names).toEqual(['visit-e|completed']);
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, options, staticData)).result).toBeNull();
	});

	it('replays again when set to another time, written in the workflow’s time zone', async () => {
		// The date picker writes the time without offset; it is read in the workflow's time zone.
		const zone = getGlobalState().defaultTimezone;
		const local = DateTime.fromMillis(created['visit-d'], { zone }).toFormat(
			"yyyy-MM-dd'T'HH:mm:ss",
		);
		// Replayed jobs are built as on their first emission: here read in full (not part of the scope).
		const options = withReplay({ ...parameters, includeJobDetails: true }, local);
		staticData = restart(staticData);
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const replay = await pollJobs(sandbox, options, staticData);
		expect(replay.names).toEqual(['visit-d|completed', 'visit-e|completed']);
		expect(replay.items[0].json.Media).toEqual({ MediaFileUri: expect.any(String) });
		expect(
			sandbox.log
				.entries({ since, target: 'GetMedicalScribeJob' })
				.map((e) => (e.body as IDataObject).MedicalScribeJobName)
				.sort(),
		).toEqual(['visit-d', 'visit-e']);
		expect(nodeData(staticData).replayed).toBe(Math.floor(created['visit-d'] / SECOND) * SECOND);
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, options, staticData)).result).toBeNull();
	});

	it('clearing the option removes its mark; the trigger goes on as usual', async () => {
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, { ...parameters, options: {} }, staticData)).result).toBeNull();
		expect(nodeData(staticData)).toHaveProperty('cursor');
		expect(nodeData(staticData)).not.toHaveProperty('replayed');
		await seedAndFinish('visit-f');
		staticData = restart(staticData);
		expect((await pollJobs(sandbox, parameters, staticData)).names).toEqual(['visit-f|completed']);
		// Set once more to a time replayed before: the mark is gone, so it replays again.
		staticData = restart(staticData);
		expect(
			(await pollJobs(sandbox, withReplay(parameters, iso(created['visit-e'])), staticData)).names,
		).toEqual(['visit-e|completed', 'visit-f|completed']);
	});

	it('is ignored by Fetch Test Event: the newest job, and no state changed', async () => {
		const before = restart(staticData);
		const manual = await pollJobs(
			sandbox,
			withReplay(parameters, iso(created['visit-a'])),
			staticData,
			'manual',
		);
		expect(manual.names).toEqual(['visit-f|completed']);
		expect(staticData).toEqual(before);
	});

	it('on the very first activation, emits the jobs finished since the time, then only new ones', async () => {
		const first = { ...parameters, jobNameContains: 'first-' };
		await seedAndFinish('first-a', 'first-b', 'first-c');
		let fresh: IDataObject = {};
		const options = withReplay(first, iso(created['first-b']));
		const activation = await pollJobs(sandbox, options, fresh);
		expect(activation.names).toEqual(['first-b|completed', 'first-c|completed']);
		// A first activation: the running jobs are listed, then the jobs newest first.
		expect(activation.listBodies.map((body) => body.Status)).toEqual([
			'QUEUED',
			'IN_PROGRESS',
			undefined,
		]);
		fresh = restart(fresh);
		expect((await pollJobs(sandbox, options, fresh)).result).toBeNull();
		await seedAndFinish('first-d');
		fresh = restart(fresh);
		expect((await pollJobs(sandbox, first, fresh)).names).toEqual(['first-d|completed']);
		expect((await pollJobs(sandbox, first, restart(fresh))).result).toBeNull();
	});

	it.each([
		['text', 'yesterday', 'it is not a date and time'],
		['a future time', () => iso(Date.now() + HOUR), 'it is in the future'],
		[
			'a time more than 90 days ago',
			() => iso(Date.now() - 91 * DAY),
			'it is more than 90 days ago',
		],
		['an object', { day: 'yesterday' }, 'the value is an object, not text'],
	])('refuses %s by the field’s name before any call', async (_case, value, reason) => {
		const raw = typeof value === 'function' ? value() : value;
		for (const [mode, data] of [
			['trigger', staticData],
			['trigger', {}],
			['manual', staticData],
		] as const) {
			const before = restart(data);
			const since = sandbox.log.entries().at(-1)?.seq ?? 0;
			await expect(
				pollTrigger(TRIGGER, withReplay(parameters, raw), {
					credentials: credentialsFor(sandbox),
					staticData: data,
					mode,
				}),
			).rejects.toThrow(`Invalid "Replay Events Since": ${reason}`);
			expect(sandbox.log.entries({ since })).toEqual([]);
			expect(written(data)).toEqual(written(before));
		}
	});
});

describe('AWS HealthScribe Trigger: replaying a job that started long before the replay time', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Jobs with readable media take 2 h; jobs with missing media fail after their 1 s in the queue.
		sandbox = await pastSandbox({ queuedMs: SECOND, processingMs: 2 * HOUR });
	});
	afterAll(async () => await sandbox.stop());

	it('pages back to jobs created up to a day before the time, and emits one that finished after it', async () => {
		const parameters: INodeParameters = { events: ['completed'], jobNameContains: '' };
		let staticData: IDataObject = {};
		expect((await pollJobs(sandbox, parameters, staticData)).result).toBeNull();
		const longStarted = await seedCompleting(sandbox, 'long-visit');
		// 150 newer jobs, 10 s apart, that fail at once: the long job is on the second page.
		for (let i = 0; i < 150; i++) {
			sandbox.clock.advance(10 * SECOND);
			await seedJob(sandbox, `short-${String(i).padStart(3, '0')}`, MISSING_MEDIA);
		}
		sandbox.clock.advance(2 * HOUR);
		const done = await pollJobs(sandbox, parameters, staticData);
		expect(done.names).toEqual(['long-visit|completed']);
		staticData = restart(staticData);
		const idle = await pollJobs(sandbox, parameters, staticData);
		expect(idle.result).toBeNull();
		expect(idle.lists).toHaveLength(1);

		// Replay from an hour after it started (long beyond the trigger's 10 s look-back), before it finished.
		staticData = restart(staticData);
		const replay = await pollJobs(
			sandbox,
			withReplay(parameters, iso(longStarted + HOUR)),
			staticData,
		);
		expect(replay.names).toEqual(['long-visit|completed']);
		expect(replay.lists).toHaveLength(2);
		expect(replay.listBodies.every((body) => !('Status' in body))).toBe(true);

		// Back to one page, and nothing again.
		staticData = restart(staticData);
		const after = await pollJobs(
			sandbox,
			withReplay(parameters, iso(longStarted + HOUR)),
			staticData,
		);
		expect(after.result).toBeNull();
		expect(after.lists).toHaveLength(1);
	});
});
