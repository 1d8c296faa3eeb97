import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { pollTrigger } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { RETRY_POLLS } from '../../../nodes/common/recordRetry';
import { credentialsFor, healthScribeSandbox, OUTPUT_BUCKET, seedJob, TRIGGER } from './helpers';

/**
 * A trigger never blocks on one job and never forgets one: a job whose output cannot be read is
 * retried on later polls while the others are emitted, and given up with `error` after the budget.
 */

const MINUTE = 60_000;
const restart = (staticData: IDataObject): IDataObject =>
	JSON.parse(JSON.stringify(staticData)) as IDataObject;

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await healthScribeSandbox({ clockSpeed: 0 })));
afterEach(() => sandbox.faults.clear());
afterAll(async () => await sandbox.stop());

async function poll(parameters: INodeParameters, staticData: IDataObject) {
	const since = sandbox.log.entries().at(-1)?.seq ?? 0;
	const result = await pollTrigger(TRIGGER, parameters, {
		credentials: credentialsFor(sandbox),
		staticData,
	});
	const items: INodeExecutionData[] = result?.[0] ?? [];
	return {
		items,
		names: items.map((i) => String(i.json.MedicalScribeJobName)),
		downloads: sandbox.log.entries({ since, service: 's3' }).map((e) => e.path),
	};
}

async function seedCompleted(prefix: string, count: number): Promise<string[]> {
	const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
	for (const [i, name] of names.entries())
		await seedJob(sandbox, name, sandbox.seededRecordings[i % sandbox.seededRecordings.length]);
	sandbox.clock.advance(MINUTE);
	return names;
}

const withNote = (prefix: string): INodeParameters => ({
	events: ['completed'],
	jobNameContains: prefix,
	includeOutputs: 'encounterNote',
});

test('a job whose clinical document stays broken: the others are emitted at once, it is emitted once with error after the budget', async () => {
	const parameters = withNote('poison-');
	let state: IDataObject = {};
	expect((await poll(parameters, state)).items).toEqual([]);
	const [healthy1, poisoned, healthy2] = await seedCompleted('poison-', 3);
	// The file is there but is not JSON (a cut upload, a stray overwrite): it stays that way.
	sandbox.store.put(
		OUTPUT_BUCKET,
		`${poisoned}/summary.json`,
		'{"ClinicalDocumentation": {"Sections": [',
		'application/json',
	);

	const first = await poll(parameters, state);
	expect(first.names.sort()).toEqual([healthy1, healthy2].sort());
	expect(first.items.every((i) => (i.json.note as IDataObject).sections)).toBe(true);

	const later: INodeExecutionData[] = [];
	for (let n = 2; n <= RETRY_POLLS + 2; n++) {
		state = restart(state);
		sandbox.clock.advance(MINUTE);
		const next = await poll(parameters, state);
		later.push(...next.items);
		// Tried again on every poll within the budget, from static data (the job left the listing window long ago).
		if (n <= RETRY_POLLS)
			expect(next.downloads).toContain(`/${OUTPUT_BUCKET}/${poisoned}/summary.json`);
		else expect(next.downloads).toEqual([]);
	}
	expect(later).toHaveLength(1);
	expect(later[0].json).toMatchObject({
		event: 'completed',
		MedicalScribeJobName: poisoned,
		MedicalScribeJobStatus: 'COMPLETED',
		error: `The clinical document file is not valid JSON (still failing after ${RETRY_POLLS} polls)`,
	});
	expect(later[0].json).not.toHaveProperty('note');
	expect(JSON.stringify(state).length).toBeLessThan(2000);
});

test('a download cut once: the job is emitted on the next poll with its note, exactly once across a restart', async () => {
	const parameters = withNote('cut-');
	let state: IDataObject = {};
	await poll(parameters, state);
	const [a, b] = await seedCompleted('cut-', 2);
	// The sandbox answers the transcript download of `b` with half its bytes (content-length matching).
	// Cut on every attempt of this poll, however often the transport retries; answered whole afterwards.
	sandbox.faults.failNext({
		kind: 'malformed',
		count: 1000,
		service: 's3',
		match: { method: 'GET', pathPrefix: `/${OUTPUT_BUCKET}/${b}/transcript.json` },
	});

	const first = await poll(parameters, state);
	expect(first.names).toEqual([a]);
	sandbox.faults.clear();
	// Nothing of the note is kept while it waits: only the job summary.
	expect(JSON.stringify(state)).not.toMatch(/TranscriptSegments|Sections/);

	state = restart(state);
	sandbox.clock.advance(60 * MINUTE);
	const second = await poll(parameters, state);
	expect(second.names).toEqual([b]);
	expect(second.items[0].json).not.toHaveProperty('error');
	const note = second.items[0].json.note as {
		sections: unknown[];
		transcript: { turns: unknown[] };
		source: { ids: IDataObject };
	};
	expect(note.source.ids.jobName).toBe(b);
	expect(note.sections.length).toBeGreaterThan(0);
	expect(note.transcript.turns.length).toBeGreaterThan(0);

	for (let n = 0; n < 3; n++) {
		state = restart(state);
		expect((await poll(parameters, state)).items).toEqual([]);
	}
});

test('a poll that fails as a whole records nothing: the pending job is still retried afterwards', async () => {
	const parameters = withNote('whole-');
	let state: IDataObject = {};
	await poll(parameters, state);
	const [a] = await seedCompleted('whole-', 1);
	sandbox.faults.failNext({
		kind: 'malformed',
		count: 1000,
		service: 's3',
		match: { method: 'GET', pathPrefix: `/${OUTPUT_BUCKET}/${a}/summary.json` },
	});
	expect((await poll(parameters, state)).items).toEqual([]);
	sandbox.faults.clear();
	state = restart(state);
	// The listing fails (more 500s than the SDK retries): the poll fails, nothing moves.
	sandbox.faults.failNext({
		kind: '5xx',
		count: 1000,
		service: 'transcribe',
		match: { target: 'ListMedicalScribeJobs' },
	});
	const saved = restart(state);
	await expect(poll(parameters, state)).rejects.toThrow(
		/ListMedicalScribeJobs failed \(HTTP 500\)/,
	);
	sandbox.faults.clear();
	expect(restart(state)).toEqual(saved);
	expect((await poll(parameters, state)).names).toEqual([a]);
});

describe('settings that would stop the trigger fail the poll with a named error, before any call', () => {
	it.each([
		[{ events: [] }, /Invalid "Events": none is chosen/],
		// Values from expressions.
		[{ events: '={{ null }}' }, /Invalid "Events": none is chosen/],
		[{ events: '={{ 3 }}' }, /Invalid "Events": it is not one of the allowed values/],
		[{ events: '={{ { completed: true } }}' }, /Invalid "Events": the value is an object/],
		[{ events: '={{ [] }}' }, /Invalid "Events": none is chosen/],
		[{ events: ['done'] }, /Invalid "Events": it is not one of the allowed values/],
		[
			{ events: ['completed'], includeOutputs: 'notes' },
			/Invalid "Include Outputs": it is not one of the allowed values/,
		],
	])('%j', async (parameters, message) => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		await expect(poll(parameters as INodeParameters, {})).rejects.toThrow(message);
		expect(sandbox.log.entries({ since })).toEqual([]);
	});

	it('accepts one event as text from an expression', async () => {
		const state: IDataObject = {};
		const parameters = { events: '={{ "completed" }}', jobNameContains: 'text-' };
		await poll(parameters, state);
		const [a] = await seedCompleted('text-', 1);
		expect((await poll(parameters, state)).names).toEqual([a]);
	});
});
