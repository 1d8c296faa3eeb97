import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { RETRY_POLLS } from '../../../nodes/common/recordRetry';
import { heidiCredentials, pollTrigger } from '../../harness';
import { BASE_PATH, heidiRequests, heidiSandbox, lastSeq } from './helpers';

/**
 * The Heidi Trigger never blocks on one session and never forgets one, announces sessions by id on
 * the server's clock, and refuses settings that would keep it from ever firing.
 */

const MINUTE = 60_000;
const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await heidiSandbox({ seedSessions: 0 })));
afterAll(async () => await sandbox.stop());
afterEach(() => sandbox.faults.clear());

async function poll(events: unknown, staticData: IDataObject, options: unknown = {}) {
	const since = lastSeq(sandbox);
	const result = await pollTrigger('heidiTrigger', { events, options } as INodeParameters, {
		credentials: { heidiApi: heidiCredentials(sandbox) },
		staticData,
	});
	const items = (result?.[0] ?? []) as INodeExecutionData[];
	return {
		items,
		ids: items.map((i) => `${String(i.json.event)}:${String(i.json.session_id)}`),
		requests: heidiRequests(sandbox, since),
	};
}

const transcriptPath = (sessionId: string) => `${BASE_PATH}/sessions/${sessionId}/transcript`;

test('Include Transcript: one session whose transcript read keeps failing does not block the others; it is emitted once with error after the budget', async () => {
	let state: IDataObject = {};
	const events = ['noteReady'];
	const options = { includeTranscript: true, includeEncounterNote: true };
	const now = sandbox.clock.now();
	const [a, poisoned, b] = [0, 1, 2].map((k) =>
		sandbox.heidi.seedSession({ createdAt: now - 30 * MINUTE + k * MINUTE, withNote: false }),
	);
	await poll(events, state, options);
	for (const id of [a, poisoned, b]) sandbox.heidi.completeConsultNote(id);
	// Every transcript read of this session fails with 500s, beyond the transport's own retries, on every poll of the budget.
	sandbox.faults.failNext({
		kind: '5xx',
		count: 1000,
		service: 'heidi',
		match: { method: 'GET', pathPrefix: transcriptPath(poisoned) },
	});

	const first = await poll(events, state, options);
	expect(first.ids.sort()).toEqual([`noteReady:${a}`, `noteReady:${b}`].sort());
	expect(
		first.items.every(
			(i) =>
				typeof i.json.transcript === 'string' && (i.json.encounterNote as IDataObject).sections,
		),
	).toBe(true);

	const later: IDataObject[] = [];
	for (let n = 2; n <= RETRY_POLLS + 2; n++) {
		state = restart(state);
		const next = await poll(events, state, options);
		later.push(...next.items.map((i) => i.json));
		const reads = next.requests.filter((r) => r.path === transcriptPath(poisoned));
		if (n <= RETRY_POLLS) expect(reads.length).toBeGreaterThan(0);
		else expect(reads).toEqual([]);
	}
	expect(later).toEqual([
		{
			event: 'noteReady',
			session_id: poisoned,
			error: expect.stringMatching(
				/^GetTranscript failed \(HTTP 500\).*\(still failing after 5 polls\)$/,
			),
			errorDescription: expect.stringMatching(/^Request ID: /),
		},
	]);
	// Nothing of the note or the patient is kept in static data.
	expect(JSON.stringify(state)).not.toMatch(/result|patient|transcript/i);
});

test('a transcript read that fails once: the note is emitted on the next poll with its EncounterNote, exactly once across restarts', async () => {
	let state: IDataObject = {};
	const options = { includeEncounterNote: true };
	const now = sandbox.clock.now();
	const [a, flaky] = [0, 1].map((k) =>
		sandbox.heidi.seedSession({ createdAt: now - 20 * MINUTE + k * MINUTE, withNote: false }),
	);
	await poll(['noteReady'], state, options);
	for (const id of [a, flaky]) sandbox.heidi.completeConsultNote(id);
	// A cut answer on every attempt of this poll (the transport retries a cut body of a GET itself); whole afterwards.
	sandbox.faults.failNext({
		kind: 'malformed',
		count: 1000,
		service: 'heidi',
		match: { method: 'GET', pathPrefix: transcriptPath(flaky) },
	});

	const first = await poll(['noteReady'], state, options);
	expect(first.ids).toEqual([`noteReady:${a}`]);
	sandbox.faults.clear();

	state = restart(state);
	const second = await poll(['noteReady'], state, options);
	expect(second.ids).toEqual([`noteReady:${flaky}`]);
	expect(second.items[0].json).not.toHaveProperty('error');
	expect(
		((second.items[0].json.encounterNote as IDataObject).sections as unknown[]).length,
	).toBeGreaterThan(0);
	for (let n = 0; n < 3; n++) {
		state = restart(state);
		expect((await poll(['noteReady'], state, options)).items).toEqual([]);
	}
});

describe('sessions announced by id, on the server clock', () => {
	let quiet: Sandbox;
	beforeAll(async () => (quiet = await heidiSandbox({ seedSessions: 0 })));
	afterAll(async () => await quiet.stop());

	async function pollQuiet(events: string[], staticData: IDataObject) {
		const result = await pollTrigger(
			'heidiTrigger',
			{ events, options: {} },
			{ credentials: { heidiApi: heidiCredentials(quiet) }, staticData },
		);
		return ((result?.[0] ?? []) as INodeExecutionData[]).map(
			(i) => `${String(i.json.event)}:${String(i.json.session_id)}`,
		);
	}

	it('a first poll that sees no session does not use the host clock: a session whose server time is 30 min behind is announced', async () => {
		let state: IDataObject = {};
		expect(await pollQuiet(['newSession'], state)).toEqual([]);
		const behind = quiet.heidi.seedSession({
			createdAt: quiet.clock.now() - 30 * MINUTE,
			withNote: false,
		});
		state = restart(state);
		expect(await pollQuiet(['newSession'], state)).toEqual([`newSession:${behind}`]);
		expect(await pollQuiet(['newSession'], restart(state))).toEqual([]);
	});

	it('a session that first appears with a created_at older than the look-back is still announced once', async () => {
		let state: IDataObject = {};
		const newest = quiet.heidi.seedSession({ createdAt: quiet.clock.now(), withNote: false });
		await pollQuiet(['newSession', 'noteReady'], state);
		// Listed only now, created two hours before the newest session the trigger has seen.
		const late = quiet.heidi.seedSession({
			createdAt: quiet.clock.now() - 120 * MINUTE,
			withNote: true,
		});
		state = restart(state);
		expect((await pollQuiet(['newSession', 'noteReady'], state)).sort()).toEqual(
			[`newSession:${late}`, `noteReady:${late}`].sort(),
		);
		expect(await pollQuiet(['newSession', 'noteReady'], restart(state))).toEqual([]);
		expect(newest).toBeTruthy();
	});
});

describe('settings that would stop the trigger fail the poll with a named error, before any call', () => {
	it.each([
		[[], {}, /Invalid "Events": none is chosen/],
		['={{ [] }}', {}, /Invalid "Events": none is chosen/],
		['={{ null }}', {}, /Invalid "Events": none is chosen/],
		[['noteFinished'], {}, /Invalid "Events": it is not one of the allowed values/],
		[
			['noteReady'],
			{ activityWindowHours: '={{ "three days" }}' },
			/Invalid "Watch Sessions Created Within \(Hours\)": it is not a number/,
		],
		[
			['noteReady'],
			{ activityWindowHours: '={{ { h: 1 } }}' },
			/Invalid "Watch Sessions Created Within \(Hours\)": the value is an object, not a number/,
		],
		[
			['noteReady'],
			{ activityWindowHours: 0 },
			/Invalid "Watch Sessions Created Within \(Hours\)": 0 is out of range/,
		],
	])('%j %j', async (events, options, message) => {
		const since = lastSeq(sandbox);
		await expect(poll(events, {}, options)).rejects.toThrow(message);
		expect(sandbox.log.entries({ since })).toEqual([]);
	});

	it('takes a numeric text window ("24") and one event as text', async () => {
		const state: IDataObject = {};
		await poll('={{ "newSession" }}', state, { activityWindowHours: '={{ "24" }}' });
		const id = sandbox.heidi.seedSession({ createdAt: sandbox.clock.now(), withNote: false });
		expect(
			(await poll('={{ "newSession" }}', state, { activityWindowHours: '={{ "24" }}' })).ids,
		).toContain(`newSession:${id}`);
	});
});
