/**
 * Example 06's trigger, as a clinic sets it up (the dated output location example 07's Start writes
 * to), against a long history: each poll lists one page per UTC day of its look-back window, whatever
 * the history, and emits exactly the new sessions. The same history under the undated location the
 * example used before still works, exactly once, at one ListObjectsV2 call per 1,000 keys.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { expandDateTokens, listingPrefix } from '../../../nodes/ConnectHealth/outputs/layout';
import { connectHealthSandbox, DEMO, poll } from './helpers';

let sandbox: Sandbox;
beforeAll(
	async () =>
		(sandbox = await connectHealthSandbox({
			connectHealth: { timings: { artifactGenerationMs: 0 } },
		})),
);
afterAll(async () => await sandbox.stop());

const trigger = (
	JSON.parse(
		readFileSync(
			path.join(__dirname, '../../../examples/06-connect-health-trigger-session-notes.json'),
			'utf8',
		),
	) as { nodes: INode[] }
).nodes.find((n) => n.type.endsWith('.amazonConnectHealthTrigger'))!;
const TEMPLATE = trigger.parameters.outputS3Uri as string;
const UNDATED = 's3://sandbox-connect-health-output/undated/';
const DAY = 86_400_000;
const MINUTE = 60_000;
const HISTORY_DAYS = 40;
const SESSIONS_PER_DAY = 50;
const FILES = ['transcript.json', 'clinical-note.json', 'after-visit-summary.json'];

/** Where a session started at `at` writes (the Start node fills the tokens with its start date). */
const locationOn = (template: string, at: number) => listingPrefix(expandDateTokens(template, at))!;

/** 40 days of 50 sessions each (6,000 keys), today included, written straight into S3 under `template`. */
function seedHistory(template: string) {
	for (let day = 0; day < HISTORY_DAYS; day++) {
		const { bucket, prefix } = locationOn(template, Date.now() - day * DAY);
		sandbox.store.ensureBucket(bucket);
		for (let n = 0; n < SESSIONS_PER_DAY; n++) {
			const id = `${(day * 1000 + n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
			for (const file of FILES)
				sandbox.store.put(
					bucket,
					`${prefix}medical-scribe/${DEMO.domainId}/${DEMO.subscriptionId}/${id}/${file}`,
					'{}',
					'application/json',
				);
		}
	}
}

/** The day partitions (listing prefixes) from `fromMs` to now, computed here independently of the node. */
function partitionsSince(fromMs: number): string[] {
	const out: string[] = [];
	for (let day = Math.floor(fromMs / DAY); day <= Math.floor(Date.now() / DAY); day++)
		out.push(locationOn(TEMPLATE, day * DAY).prefix);
	return out;
}

/** k sessions finished now, started through Start with `template` (its tokens filled today). */
function newSessions(template: string, k: number): string[] {
	const ids = Array.from(
		{ length: k },
		() =>
			sandbox.connectHealth.addListeningSession({
				domainId: DEMO.domainId,
				subscriptionId: DEMO.subscriptionId,
				outputS3Uri: expandDateTokens(template, Date.now()),
			}).sessionId,
	);
	sandbox.clock.advance(MINUTE);
	sandbox.connectHealth.advance();
	return ids;
}

test('example 06 (dated location): each poll lists the days of its window, one page each, whatever the history', async () => {
	expect(TEMPLATE).toContain('{yyyy}/{mm}/{dd}');
	seedHistory(TEMPLATE);
	sandbox.clock.advance(30 * MINUTE);
	const state: IDataObject = {};
	// The window: 24 h look-back + 15 min skew back from the previous poll (the first: from now).
	// Computed before and after each poll, so a poll that straddles midnight or 00:15 UTC matches one.
	const windowFrom = (last: number) => last - 24 * 60 * MINUTE - 15 * MINUTE;

	const activatedAt = Date.now();
	const before = partitionsSince(windowFrom(Date.now()));
	const activation = await poll(sandbox, trigger.parameters, state, 'trigger', trigger.typeVersion);
	expect(activation.emitted).toBe(false);
	expect([before, partitionsSince(windowFrom(Date.now()))]).toContainEqual(
		activation.lists.map((l) => l.query.prefix),
	);
	expect(activation.lists.filter((l) => l.query['continuation-token'])).toHaveLength(0);

	for (const k of [0, 1, 10]) {
		const pollFrom = windowFrom(Date.now());
		const ids = newSessions(TEMPLATE, k);
		const next = await poll(sandbox, trigger.parameters, state, 'trigger', trigger.typeVersion);
		expect(next.items.map((i) => i.sessionId).sort()).toEqual([...ids].sort());
		// 2 calls (3 in the 15 minutes after midnight UTC), never more: not one per 1,000 keys of history.
		expect(next.lists.length).toBeLessThanOrEqual(3);
		expect(next.lists.filter((l) => l.query['continuation-token'])).toHaveLength(0);
		expect(next.lists.map((l) => l.query.prefix)).toEqual(
			partitionsSince(Math.min(windowFrom(activatedAt), pollFrom)).slice(-next.lists.length),
		);
		// One Get per new session, and its note (Note Format EncounterNote).
		expect(next.requests).toHaveLength(k);
		expect(next.items.every((i) => (i.note as IDataObject | undefined)?.markdown)).toBe(true);
	}
});

test('the same history under an undated location: still exactly once, one ListObjectsV2 call per 1,000 keys', async () => {
	seedHistory(UNDATED);
	const parameters = { ...trigger.parameters, outputS3Uri: UNDATED };
	const state: IDataObject = {};
	const keys = HISTORY_DAYS * SESSIONS_PER_DAY * FILES.length;
	const activation = await poll(sandbox, parameters, state, 'trigger', trigger.typeVersion);
	expect(activation.emitted).toBe(false);
	expect(activation.lists).toHaveLength(Math.ceil(keys / 1000));
	let added = 0;
	for (const k of [0, 3]) {
		const ids = newSessions(UNDATED, k);
		added += k;
		const next = await poll(sandbox, parameters, state, 'trigger', trigger.typeVersion);
		expect(next.items.map((i) => i.sessionId).sort()).toEqual([...ids].sort());
		expect(next.lists).toHaveLength(Math.ceil((keys + added * FILES.length) / 1000));
	}
	expect((await poll(sandbox, parameters, state, 'trigger', trigger.typeVersion)).emitted).toBe(
		false,
	);
});
