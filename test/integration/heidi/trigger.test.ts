import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { heidiCredentials, pollTrigger } from '../../harness';
import { heidiRequests, heidiSandbox, HeidiRunner, lastSeq } from './helpers';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await heidiSandbox({ seedSessions: 0 })));
afterAll(async () => await sandbox.stop());

const restart = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;

async function poll(
	events: string[],
	staticData: IDataObject,
	options: IDataObject = {},
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const since = lastSeq(sandbox);
	const result = await pollTrigger(
		'heidiTrigger',
		{ events, options: options as INodeParameters },
		{ credentials: { heidiApi: heidiCredentials(sandbox) }, staticData, mode },
	);
	const listed = heidiRequests(sandbox, since).filter(
		(r) => r.route === 'GET /sessions/linked-user',
	);
	return { items: (result?.[0] ?? []) as INodeExecutionData[], listed };
}

const ids = (items: INodeExecutionData[]) =>
	items.map((i) => `${String(i.json.event)}:${String(i.json.session_id)}`);

test('consult notes ready: each once across pages and restarts, and listing stops before old sessions', async () => {
	const now = sandbox.clock.now();
	// 100 sessions from last week (outside the 72 h watch window), then 60 from the last hour.
	for (let k = 0; k < 100; k++)
		sandbox.heidi.seedSession({ createdAt: now - 5 * DAY - k * MINUTE });
	const recent = Array.from({ length: 60 }, (_, k) =>
		sandbox.heidi.seedSession({ createdAt: now - 60 * MINUTE + k * 30_000, withNote: false }),
	);
	let state: IDataObject = {};

	// First poll: learns where things stand, announces nothing old.
	const first = await poll(['noteReady'], state);
	expect(first.items).toEqual([]);
	// Newest first, 50 a page: page 2 reaches last week's sessions, so page 3 is never read.
	expect(first.listed.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);

	// Notes finished on page 1 and page 2 of the list.
	const ready = [recent[59], recent[30], recent[2]];
	for (const id of ready) sandbox.heidi.completeConsultNote(id);
	const second = await poll(['noteReady'], state);
	expect(ids(second.items).sort()).toEqual(ready.map((id) => `noteReady:${id}`).sort());
	expect(
		second.items.every((i) => typeof (i.json.consult_note as IDataObject).result === 'string'),
	).toBe(true);
	expect(second.listed).toHaveLength(2);

	// Restart (static data through JSON) and nothing new: nothing again.
	state = restart(state);
	expect((await poll(['noteReady'], state)).items).toEqual([]);

	// Other changes to a session whose note is unchanged do not announce the note again.
	sandbox.heidi.touchSession(ready[0], { clinician_notes: ['Reviewed'] });
	expect((await poll(['noteReady'], state)).items).toEqual([]);

	// A rewritten note is announced once; with the EncounterNote when asked.
	sandbox.heidi.completeConsultNote(ready[1], { voice_style: 'BRIEF' });
	const rewritten = await poll(['noteReady'], state, {
		includeEncounterNote: true,
		includeTranscript: true,
	});
	expect(ids(rewritten.items)).toEqual([`noteReady:${ready[1]}`]);
	expect(rewritten.items[0].json.encounterNote).toMatchObject({
		source: { vendor: 'heidi', ids: { sessionId: ready[1] } },
	});
	expect(typeof rewritten.items[0].json.transcript).toBe('string');
	state = restart(state);
	expect((await poll(['noteReady'], state)).items).toEqual([]);

	// The list order is undocumented: oldest-first is read to the end and still emits once. So is
	// the paging: here next_page is a URL to follow.
	sandbox.heidi.configure({ listOrder: 'oldest-first', nextPage: 'url' });
	expect((await poll(['noteReady'], state)).items).toEqual([]);
	sandbox.heidi.completeConsultNote(recent[10]);
	const oldestFirst = await poll(['noteReady'], state);
	expect(ids(oldestFirst.items)).toEqual([`noteReady:${recent[10]}`]);
	expect(oldestFirst.listed.map((r) => r.query.page ?? '1')).toEqual(['1', '2', '3', '4']);
	expect((await poll(['noteReady'], restart(state))).items).toEqual([]);
	sandbox.heidi.configure({ listOrder: 'newest-first', nextPage: 'number' });
});

test('new and updated sessions, and manual mode returns the newest real session', async () => {
	const heidi = new HeidiRunner(sandbox);
	const state: IDataObject = {};
	const events = ['newSession', 'sessionUpdated'];
	expect((await poll(events, state)).items).toEqual([]);

	const created = await heidi.run({ resource: 'session', operation: 'create' });
	const sessionId = created.items[0].json.session_id as string;
	expect(ids((await poll(events, state)).items)).toEqual([`newSession:${sessionId}`]);
	expect((await poll(events, restart(state))).items).toEqual([]);

	await heidi.run({
		resource: 'session',
		operation: 'update',
		sessionId,
		updateFields: { isConsent: true },
	});
	const updated = await poll(events, state);
	expect(ids(updated.items)).toEqual([`sessionUpdated:${sessionId}`]);
	expect(updated.items[0].json.is_consent).toBe(true);
	expect((await poll(events, state)).items).toEqual([]);

	const manual = await poll(['noteReady'], {}, {}, 'manual');
	expect(manual.items).toHaveLength(1);
	expect(manual.items[0].json.session_id).toBe(sessionId);
});
