import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { expandDateTokens } from '../../../nodes/ConnectHealth/outputs/layout';
import { byId, connectHealthSandbox, DEMO, expectSigned, poll, restart } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const BUCKET = 'scribe-output';
const TEMPLATE = `s3://${BUCKET}/sessions/{yyyy}/{mm}/{dd}/`;
const MINUTE = 60_000;

const parameters = (extra: IDataObject = {}) => ({
	event: 'sessionArtifactsReady',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	outputS3Uri: TEMPLATE,
	artifact: 'clinicalNote',
	includeNote: 'none',
	lookBackHours: 24,
	...extra,
});

/** A session started now, with the output URI the start side expands from the template (UTC date of the start). */
function startSession(extra: { artifactsLater?: boolean } = {}) {
	const outputS3Uri = expandDateTokens(TEMPLATE, Date.now());
	const at = sandbox.clock.now() - (extra.artifactsLater ? 0 : 30 * MINUTE);
	return sandbox.connectHealth.addListeningSession({
		domainId: DEMO.domainId,
		subscriptionId: DEMO.subscriptionId,
		outputS3Uri,
		at,
	});
}

/** History written straight into S3: `count` sessions' three artifacts in today's partition. */
function seedHistory(count: number, subscriptionId: string = DEMO.subscriptionId) {
	sandbox.store.ensureBucket(BUCKET);
	const prefix = expandDateTokens(
		`sessions/{yyyy}/{mm}/{dd}/medical-scribe/${DEMO.domainId}/${subscriptionId}`,
		Date.now(),
	);
	for (let n = 0; n < count; n++) {
		const id = `0000${n.toString(16).padStart(4, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
		for (const file of ['transcript.json', 'clinical-note.json', 'after-visit-summary.json'])
			sandbox.store.put(BUCKET, `${prefix}/${id}/${file}`, '{}', 'application/json');
	}
}

const DAY = 86_400_000;
const partition = (ms: number) =>
	`sessions/${new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/')}/`;
const today = () => partition(Date.now());
/** The UTC day partitions from `minutes` ago until now (computed here, independently of the node). */
function partitionsSince(minutes: number): string[] {
	const out: string[] = [];
	for (
		let day = Math.floor((Date.now() - minutes * MINUTE) / DAY);
		day <= Math.floor(Date.now() / DAY);
		day++
	)
		out.push(partition(day * DAY));
	return out;
}

test('one item per session when its clinical note lands: exactly once across pages and restarts', async () => {
	// 400 sessions of history = 1,200 objects: every poll lists two pages.
	const seeded = today();
	seedHistory(400);
	sandbox.clock.advance(30 * MINUTE);
	let state: IDataObject = {};

	// Partitions from (now − look-back − 15 min skew) to now, oldest first; the seeded day's holds 1,200 keys = 2 pages.
	// Read before and after the poll, so a poll that straddles midnight (or 00:15) matches one of them.
	const expected = () =>
		partitionsSince(24 * 60 + 15).flatMap((p) => (p === seeded ? [p, p] : [p]));
	const windowBefore = expected();
	const first = await poll(sandbox, parameters(), state);
	expect(first.emitted).toBe(false);
	expect([windowBefore, expected()]).toContainEqual(first.lists.map((l) => l.query.prefix));
	expect(first.lists.filter((l) => l.query['continuation-token'])).toHaveLength(1);
	for (const l of first.lists) expect(l.path).toBe(`/${BUCKET}/`);
	expect(first.requests).toHaveLength(0);

	const a = startSession();
	const b = startSession();
	const late = startSession({ artifactsLater: true });
	sandbox.clock.advance(1000);
	const second = await poll(sandbox, parameters(), state);
	expect(second.items.map((i) => i.sessionId).sort()).toEqual([a.sessionId, b.sessionId].sort());
	for (const r of second.requests) expectSigned(r);
	expect(second.requests.map((r) => r.path).sort()).toEqual(
		[a, b]
			.map(
				(s) =>
					`/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${s.sessionId}`,
			)
			.sort(),
	);
	expect(second.items[0]).toMatchObject({
		domainId: DEMO.domainId,
		subscriptionId: DEMO.subscriptionId,
		streamStatus: 'COMPLETED',
		artifact: {
			kind: 'clinicalNote',
			uri: expect.stringMatching(/clinical-note\.json$/),
			lastModified: expect.stringMatching(/Z$/),
		},
	});

	const again = await poll(sandbox, parameters(), state);
	expect(again.emitted).toBe(false);
	expect(again.requests).toHaveLength(0);

	// Restart: static data survives as JSON; the late session's note lands now.
	state = restart(state);
	sandbox.clock.advance(10 * MINUTE);
	const afterRestart = await poll(sandbox, parameters(), state);
	expect(afterRestart.items.map((i) => i.sessionId)).toEqual([late.sessionId]);
	expect((await poll(sandbox, parameters(), restart(state))).emitted).toBe(false);
});

test('the chosen artifact decides; sessions of another subscription under the same URI are left out; the note on request', async () => {
	const state: IDataObject = {};
	const params = parameters({ artifact: 'afterVisitSummary', includeNote: 'encounterNote' });
	await poll(sandbox, params, state);
	seedHistory(3, DEMO.inactiveSubscriptionId);
	const mine = startSession();
	sandbox.clock.advance(MINUTE);
	const { items, downloads } = await poll(sandbox, params, state);
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject({
		sessionId: mine.sessionId,
		artifact: { kind: 'afterVisitSummary', uri: mine.artifactUris.afterVisitSummary },
	});
	const note = items[0].note as {
		sections: unknown[];
		source: { ids: Record<string, string> };
		afterVisitSummary: string;
	};
	expect(note.source.ids.sessionId).toBe(mine.sessionId);
	expect(note.sections.length).toBeGreaterThan(0);
	expect(note.afterVisitSummary).toEqual(expect.any(String));
	expect(downloads).toHaveLength(3);
});

test('a failed enrichment leaves the event for the next poll', async () => {
	const state: IDataObject = {};
	await poll(sandbox, parameters(), state);
	const s = startSession();
	sandbox.clock.advance(MINUTE);
	sandbox.faults.failNext({ kind: '5xx', count: 5, service: 'connectHealth' });
	// The Get fails beyond the transport's retries: the session waits for the next poll (common/recordRetry).
	expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);
	const retried = await poll(sandbox, parameters(), state);
	expect(retried.items.map((i) => i.sessionId)).toEqual([s.sessionId]);
});

test('manual mode returns the newest real session and leaves the state alone', async () => {
	const state: IDataObject = {};
	const newest = startSession();
	sandbox.clock.advance(MINUTE);
	const { items } = await poll(sandbox, parameters(), state, 'manual');
	expect(items.map((i) => i.sessionId)).toEqual([newest.sessionId]);
	expect(state['node:Trigger'] ?? {}).toEqual({});
});

test('example 06’s Fetch Test Event shows the demo clinic’s newest session right away, before example 07 has run', async () => {
	const example = JSON.parse(
		readFileSync(
			path.join(__dirname, '../../../examples/06-connect-health-trigger-session-notes.json'),
			'utf8',
		),
	) as { nodes: INode[] };
	const trigger = example.nodes.find((n) => n.type.endsWith('.amazonConnectHealthTrigger'))!;
	// The demo sessions sit under the location the example watches, each under its start date.
	expect(trigger.parameters.outputS3Uri).toBe(DEMO.outputS3Uri);
	const { items, lists } = await poll(
		sandbox,
		trigger.parameters,
		{},
		'manual',
		trigger.typeVersion,
	);
	// The third demo session started an hour before the sandbox did: the newest.
	expect(items.map((i) => i.sessionId)).toEqual([DEMO.sessionIds[2]]);
	expect(items[0].note).toMatchObject({ markdown: expect.any(String) });
	expect(lists.every((l) => l.path === '/sandbox-connect-health-output/')).toBe(true);
});
