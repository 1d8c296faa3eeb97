import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { getGlobalState } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { heidiCredentials, pollTrigger } from '../../harness';
import { BASE_PATH, heidiRequests, heidiSandbox, lastSeq } from './helpers';

/**
 * "Replay Events Since" on the Heidi Trigger (common/replay): after n8n lost the execution of a
 * poll, the next poll emits every event from the time set on once more, also those emitted before;
 * later polls go on as usual, and the session memory is not reset.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;
const iso = (ms: number) => new Date(ms).toISOString();
/** The trigger node's static data (n8n keeps it under the node's name). */
const nodeData = (state: IDataObject) => (state['node:Trigger'] ?? {}) as IDataObject;
const remembered = (state: IDataObject) =>
	Object.keys((nodeData(state).sessions as { sessions: IDataObject }).sessions);

let sandbox: Sandbox;
beforeEach(async () => (sandbox = await heidiSandbox({ seedSessions: 0 })));
afterEach(async () => {
	sandbox.faults.clear();
	await sandbox.stop();
});

async function poll(
	staticData: IDataObject,
	options: IDataObject = {},
	events: unknown = ['noteReady'],
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const since = lastSeq(sandbox);
	const result = await pollTrigger(
		'heidiTrigger',
		{ events, options: options as INodeParameters } as INodeParameters,
		{ credentials: { heidiApi: heidiCredentials(sandbox) }, staticData, mode },
	);
	const items = (result?.[0] ?? []) as INodeExecutionData[];
	const requests = heidiRequests(sandbox, since).filter((r) => r.route !== 'GET /jwt');
	return {
		items,
		ids: items.map((i) => `${String(i.json.event)}:${String(i.json.session_id)}`),
		routes: requests.map((r) => r.route),
		pages: requests
			.filter((r) => r.route === 'GET /sessions/linked-user')
			.map((r) => r.query.page ?? '1'),
	};
}

/**
 * A session as if recorded in the Heidi app `ago` ms before `base` (now); its note, if any, is
 * written 10 min later.
 */
const seed = (ago: number, withNote = true, base = sandbox.clock.now()) =>
	sandbox.heidi.seedSession({ createdAt: base - ago, withNote });

const noteText = (item: INodeExecutionData) => (item.json.consult_note as IDataObject).result;

test('notes emitted before are emitted again once from the time set, not older ones; later polls do not repeat it; another time replays again', async () => {
	let state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const now = sandbox.clock.now();
	// Listed after the first poll: announced on the next one (notes written 2h50 and 50 min ago).
	const older = seed(3 * HOUR);
	const newer = seed(1 * HOUR);
	const announced = await poll(state);
	expect(announced.ids).toEqual([`noteReady:${older}`, `noteReady:${newer}`]);
	expect((await poll(state)).items).toEqual([]);
	state = restart(state);
	const memory = restart(nodeData(state).sessions as IDataObject);

	// The execution of that poll was lost: replay from 2 h ago, between the two notes.
	const replay = { replaySince: iso(now - 2 * HOUR) };
	const replayed = await poll(state, replay);
	expect(replayed.ids).toEqual([`noteReady:${newer}`]);
	expect(noteText(replayed.items[0])).toBe(noteText(announced.items[1]));
	// The list carries the notes: nothing else is read.
	expect(new Set(replayed.routes)).toEqual(new Set(['GET /sessions/linked-user']));
	expect(nodeData(state).replayed).toBe(now - 2 * HOUR);
	// Not part of the scope: the session memory is the same as before.
	expect(nodeData(state).sessions).toEqual(memory);

	// Done once, however long it stays set, also across restarts.
	expect((await poll(state, replay)).items).toEqual([]);
	state = restart(state);
	expect((await poll(state, replay)).items).toEqual([]);

	// Another time replays again, oldest first.
	const further = { replaySince: iso(now - 4 * HOUR) };
	expect((await poll(state, further)).ids).toEqual([`noteReady:${older}`, `noteReady:${newer}`]);
	expect((await poll(restart(state), further)).items).toEqual([]);

	// Cleared: nothing is emitted and the marker is gone, so setting the time again replays again.
	expect((await poll(state)).items).toEqual([]);
	expect(nodeData(state)).not.toHaveProperty('replayed');
	expect((await poll(state, further)).ids).toEqual([`noteReady:${older}`, `noteReady:${newer}`]);
	expect((await poll(state, further)).items).toEqual([]);
});

test('the memory goes on: a note of the replaying poll is emitted once, a note finished after it is announced exactly once', async () => {
	let state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const [a, b, c] = [120, 90, 80].map((m) => seed(m * MINUTE, false));
	expect((await poll(state)).items).toEqual([]);
	const since = sandbox.clock.now();
	sandbox.heidi.completeConsultNote(a);
	expect((await poll(state)).ids).toEqual([`noteReady:${a}`]);

	// b's note is finished before the replaying poll: new to the memory and replayed, emitted once.
	sandbox.heidi.completeConsultNote(b);
	const replay = { replaySince: iso(since) };
	state = restart(state);
	const replayed = await poll(state, replay);
	expect(replayed.ids.sort()).toEqual([`noteReady:${a}`, `noteReady:${b}`].sort());

	// c's note is finished after it, with the option still set: announced exactly once.
	sandbox.heidi.completeConsultNote(c);
	expect((await poll(state, replay)).ids).toEqual([`noteReady:${c}`]);
	state = restart(state);
	expect((await poll(state, replay)).items).toEqual([]);
	expect((await poll(state)).items).toEqual([]);
	expect(remembered(state).sort()).toEqual([a, b, c].sort());
});

test('New Session and Session Updated are replayed from the time set', async () => {
	const events = ['newSession', 'sessionUpdated'];
	const state: IDataObject = {};
	expect((await poll(state, {}, events)).items).toEqual([]);
	const now = sandbox.clock.now();
	const early = seed(5 * HOUR, false);
	expect((await poll(state, {}, events)).ids).toEqual([
		`newSession:${early}`,
		`sessionUpdated:${early}`,
	]);
	const later = seed(2 * HOUR, false);
	expect((await poll(state, {}, events)).ids).toEqual([
		`newSession:${later}`,
		`sessionUpdated:${later}`,
	]);
	sandbox.heidi.touchSession(early, { clinician_notes: ['Reviewed'] });
	expect((await poll(state, {}, events)).ids).toEqual([`sessionUpdated:${early}`]);
	expect((await poll(state, {}, events)).items).toEqual([]);

	// From 3 h ago: the later session's creation and update, and the early one's last update.
	const replay = { replaySince: iso(now - 3 * HOUR) };
	const replayed = await poll(state, replay, events);
	expect(replayed.ids).toEqual([
		`newSession:${later}`,
		`sessionUpdated:${later}`,
		`sessionUpdated:${early}`,
	]);
	expect(replayed.items[2].json.clinician_notes).toEqual(['Reviewed']);
	expect((await poll(restart(state), replay, events)).items).toEqual([]);
});

test('a note of unconfirmed status still being written is not replayed half-written; one announced before is', async () => {
	const state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const now = sandbox.clock.now();
	const [done, writing] = [120, 90].map((m) => seed(m * MINUTE, false));
	// CREATED, the one documented status, says nothing of whether the text is complete: announced
	// once the same text is seen on two polls in a row.
	sandbox.heidi.writeConsultNote(done, { status: 'CREATED', result: 'Assessment: settled.' });
	expect((await poll(state)).items).toEqual([]);
	expect((await poll(state)).ids).toEqual([`noteReady:${done}`]);

	sandbox.heidi.writeConsultNote(writing, { status: 'CREATED', result: 'The pat' });
	const replay = { replaySince: iso(now - 3 * HOUR) };
	const replayed = await poll(state, replay);
	expect(replayed.ids).toEqual([`noteReady:${done}`]);
	expect(noteText(replayed.items[0])).toBe('Assessment: settled.');

	// The text grows, then stays: announced once, whole, with the option still set.
	sandbox.heidi.writeConsultNote(writing, { status: 'CREATED', result: 'The patient reports' });
	expect((await poll(state, replay)).items).toEqual([]);
	const settled = await poll(state, replay);
	expect(settled.ids).toEqual([`noteReady:${writing}`]);
	expect(noteText(settled.items[0])).toBe('The patient reports');
	expect((await poll(restart(state), replay)).items).toEqual([]);
});

test('a replay on the first activation emits the events since the time, then goes on as usual', async () => {
	const events = ['newSession', 'noteReady'];
	const old = seed(5 * HOUR);
	const recent = seed(2 * HOUR);
	const unconfirmed = seed(100 * MINUTE, false);
	const pending = seed(1 * HOUR, false);
	sandbox.heidi.writeConsultNote(unconfirmed, { status: 'CREATED', result: 'Plan: review.' });
	let state: IDataObject = {};
	const replay = { replaySince: iso(sandbox.clock.now() - 3 * HOUR) };

	const first = await poll(state, replay, events);
	expect(first.ids).toEqual([
		`newSession:${recent}`,
		`noteReady:${recent}`,
		`newSession:${unconfirmed}`,
		`newSession:${pending}`,
	]);
	expect(first.ids.join()).not.toContain(old);
	// The note of unconfirmed status was seen once: announced when seen unchanged on the next poll.
	state = restart(state);
	expect((await poll(state, replay, events)).ids).toEqual([`noteReady:${unconfirmed}`]);
	expect((await poll(state, replay, events)).items).toEqual([]);
	sandbox.heidi.completeConsultNote(pending);
	expect((await poll(state, replay, events)).ids).toEqual([`noteReady:${pending}`]);
	expect((await poll(restart(state), {}, events)).items).toEqual([]);
});

test('sessions created before the watch window are replayed from further pages, and not kept in the memory', async () => {
	const options = { activityWindowHours: 1 };
	const base = sandbox.clock.now();
	const old = Array.from({ length: 60 }, (_, k) => seed(10 * HOUR + k * MINUTE, true, base));
	const recent = seed(5 * MINUTE, true, base);
	const state: IDataObject = {};
	const first = await poll(state, options);
	expect(first.items).toEqual([]);
	// Newest first, 50 a page: page 1 already reaches sessions older than the 1 h window.
	expect(first.pages).toEqual(['1']);

	// Notes of the old sessions are written 10 min after them: from 10 h 30 min ago, old[0..40].
	const replay = { ...options, replaySince: iso(base - 10.5 * HOUR - 30_000) };
	const replayed = await poll(state, replay);
	expect(replayed.pages).toEqual(['1', '2']);
	expect(replayed.ids.sort()).toEqual(
		[...old.slice(0, 41), recent].map((id) => `noteReady:${id}`).sort(),
	);
	expect(remembered(state)).toEqual([recent]);

	const next = await poll(restart(state), replay);
	expect(next.items).toEqual([]);
	expect(next.pages).toEqual(['1']);
});

test('list rows without the note: replayed sessions are read in full, and one whose read fails is replayed on a later poll, once', async () => {
	sandbox.heidi.configure({ listConsultNote: false });
	let state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const now = sandbox.clock.now();
	const [a, b, c] = [3, 2, 1].map((h) => seed(h * HOUR));
	expect((await poll(state)).ids).toEqual([a, b, c].map((id) => `noteReady:${id}`));
	const quiet = await poll(state);
	expect(quiet.items).toEqual([]);
	expect(new Set(quiet.routes)).toEqual(new Set(['GET /sessions/linked-user']));

	// From 2 h 30 min ago: b and c are read for their notes, a is not; b's read keeps failing.
	const read = `${BASE_PATH}/sessions/${b}`;
	sandbox.faults.failNext({
		kind: '5xx',
		count: 1000,
		service: 'heidi',
		match: { method: 'GET', pathPrefix: read },
	});
	const replay = { replaySince: iso(now - 150 * MINUTE) };
	const replayed = await poll(state, replay);
	expect(replayed.ids).toEqual([`noteReady:${c}`]);
	expect(typeof noteText(replayed.items[0])).toBe('string');
	const reads = replayed.routes.filter(
		(r) => r.startsWith('GET /sessions/') && !r.endsWith('linked-user'),
	);
	expect(new Set(reads)).toEqual(new Set([`GET /sessions/${b}`, `GET /sessions/${c}`]));
	expect(nodeData(state).replayed).toBe(now - 150 * MINUTE);

	// Readable again: b's note is replayed on the next poll, once, with the option still set.
	sandbox.faults.clear();
	state = restart(state);
	const later = await poll(state, replay);
	expect(later.ids).toEqual([`noteReady:${b}`]);
	expect(typeof noteText(later.items[0])).toBe('string');
	expect((await poll(restart(state), replay)).items).toEqual([]);
});

test('a time without offset, as the date picker writes it, is read in the workflow time zone', async () => {
	const state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const at = Math.floor((sandbox.clock.now() - 2 * HOUR) / 1000) * 1000;
	const older = seed(3 * HOUR);
	const newer = seed(1 * HOUR);
	expect((await poll(state)).ids).toEqual([`noteReady:${older}`, `noteReady:${newer}`]);
	// The harness's workflow has no time zone of its own: n8n's default applies (not UTC).
	const zone = getGlobalState().defaultTimezone;
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(at);
	const part = (type: string) => parts.find((p) => p.type === type)?.value;
	const wall = `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
	expect((await poll(state, { replaySince: wall })).ids).toEqual([`noteReady:${newer}`]);
	expect(nodeData(state).replayed).toBe(at);
});

/** The static data with content (reading a node's static data makes an empty entry: nothing written). */
const written = (data: IDataObject): IDataObject =>
	Object.fromEntries(
		Object.entries(data).filter(([, value]) => Object.keys(value as IDataObject).length),
	);

describe('invalid times fail the poll naming the field, before any call', () => {
	it.each([
		['={{ "yesterday" }}', /Invalid "Replay Events Since": it is not a date and time/],
		['={{ { at: "2025-03-01" } }}', /Invalid "Replay Events Since": the value is an object/],
		['={{ 1740821400000 }}', /Invalid "Replay Events Since": it is not a date and time/],
		[iso(Date.now() + DAY), /Invalid "Replay Events Since": it is in the future/],
		[iso(Date.now() - 91 * DAY), /Invalid "Replay Events Since": it is more than 90 days ago/],
	])('%s', async (value, message) => {
		for (const mode of ['trigger', 'manual'] as const) {
			const since = lastSeq(sandbox);
			const state: IDataObject = {};
			await expect(poll(state, { replaySince: value }, ['noteReady'], mode)).rejects.toThrow(
				message,
			);
			expect(sandbox.log.entries({ since })).toEqual([]);
			expect(written(state)).toEqual({});
		}
	});
});

test('manual mode (Fetch Test Event) ignores the option and marks nothing done', async () => {
	const state: IDataObject = {};
	expect((await poll(state)).items).toEqual([]);
	const now = sandbox.clock.now();
	const earlier = seed(3 * HOUR);
	const newest = seed(1 * HOUR);
	expect((await poll(state)).ids).toEqual([`noteReady:${earlier}`, `noteReady:${newest}`]);
	const replay = { replaySince: iso(now - 4 * HOUR) };

	const plain = await poll(state, {}, ['noteReady'], 'manual');
	const manual = await poll(state, replay, ['noteReady'], 'manual');
	expect(manual.ids).toEqual([`noteReady:${newest}`]);
	expect(manual.items).toEqual(plain.items);
	expect(manual.routes).toEqual(plain.routes);
	expect(nodeData(state)).not.toHaveProperty('replayed');

	// The replay is still to be done by the active trigger.
	expect((await poll(state, replay)).ids).toEqual([`noteReady:${earlier}`, `noteReady:${newest}`]);
	expect(nodeData(state).replayed).toBe(now - 4 * HOUR);
});
