import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { expandDateTokens } from '../../../nodes/ConnectHealth/outputs/layout';
import { byId, connectHealthSandbox, DEMO, lastSeq, poll, restart } from './helpers';

/**
 * "Replay Events Since": after n8n lost the execution of a poll, the next poll emits every event
 * from the time set on once more (also those emitted before), then polls go on as usual.
 *
 * The trigger compares S3's LastModified (and a subscription's lastUpdatedAt) with this host's
 * clock, and a replay time may not be in the future, so the events here are written at fixed
 * times in the past rather than by stepping the sandbox clock forward.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await connectHealthSandbox();
	sandbox.store.ensureBucket(BUCKET);
});
afterAll(async () => await sandbox.stop());

const BUCKET = 'replay-output';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SKEW = 15 * MINUTE;

/** This host's time in whole seconds (subscription times have no milliseconds). */
const wholeSecondNow = () => Math.floor(Date.now() / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The watched output location of one test: each test has its own sessions. */
const location = (name: string) => `s3://${BUCKET}/${name}/{yyyy}/{mm}/{dd}/`;

const sessionParameters = (template: string, replaySince?: string, extra: IDataObject = {}) => ({
	event: 'sessionArtifactsReady',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	outputS3Uri: template,
	artifact: 'clinicalNote',
	includeNote: 'none',
	lookBackHours: 24,
	options: replaySince === undefined ? {} : { replaySince },
	...extra,
});

/** Marks a stored object as written at `at` (ms), as if it had landed then. */
function landAt(bucket: string, key: string, at: number) {
	const object = sandbox.store.get(bucket, key);
	if (!object) throw new Error(`s3://${bucket}/${key} was not written`);
	object.lastModified = new Date(at);
}

/**
 * A finished session of the demo subscription whose artifacts landed at `at`: started 40 minutes
 * before (within every look-back used here), its output in the partition of its start (UTC date),
 * as the Start operation writes it.
 */
function sessionLanded(template: string, at: number): string {
	const start = at - 40 * MINUTE;
	const session = sandbox.connectHealth.addListeningSession({
		domainId: DEMO.domainId,
		subscriptionId: DEMO.subscriptionId,
		outputS3Uri: expandDateTokens(template, start),
		at: start,
	});
	for (const uri of Object.values(session.artifactUris)) {
		const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
		landAt(bucket, key, at);
	}
	return session.sessionId;
}

const sessionIds = (result: { items: IDataObject[] }) => result.items.map((i) => i.sessionId);
const sessionPath = (sessionId: string) =>
	`/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${sessionId}`;
const nodeState = (state: IDataObject) => state['node:Trigger'] as IDataObject;

/** The UTC day partitions of `name` from `from` to `to`, oldest first (computed here, not by the node). */
function partitions(name: string, from: number, to: number): string[] {
	const out: string[] = [];
	for (let day = Math.floor(from / DAY); day <= Math.floor(to / DAY); day++)
		out.push(
			`${name}/${iso(day * DAY)
				.slice(0, 10)
				.replace(/-/g, '/')}/`,
		);
	return out;
}

test('sessions emitted since the time set are emitted once more, oldest first, older ones not; once while it stays set, again for another time', async () => {
	const template = location('again');
	const now = wholeSecondNow();
	const state: IDataObject = {};
	// There before the trigger was activated: never emitted.
	sessionLanded(template, now - 5 * HOUR);
	expect((await poll(sandbox, sessionParameters(template), state)).emitted).toBe(false);
	const a = sessionLanded(template, now - 3 * HOUR);
	expect(sessionIds(await poll(sandbox, sessionParameters(template), state))).toEqual([a]);
	const b = sessionLanded(template, now - 2 * HOUR);
	const c = sessionLanded(template, now - HOUR);
	expect(sessionIds(await poll(sandbox, sessionParameters(template), state))).toEqual([b, c]);

	// Between a and b: b and c again, each read again (one Get each).
	const since = now - 150 * MINUTE;
	const replay = await poll(sandbox, sessionParameters(template, iso(since)), state);
	expect(sessionIds(replay)).toEqual([b, c]);
	expect(replay.requests.map((r) => r.path).sort()).toEqual([b, c].map(sessionPath).sort());
	expect(replay.items[0]).toMatchObject({
		sessionId: b,
		streamStatus: 'COMPLETED',
		artifact: { kind: 'clinicalNote', lastModified: iso(now - 2 * HOUR) },
	});
	expect(nodeState(state).replayed).toBe(since);

	// Still set: later polls, also after a restart, go on as usual.
	const stillSet = await poll(sandbox, sessionParameters(template, iso(since)), state);
	expect(stillSet.emitted).toBe(false);
	expect(stillSet.requests).toHaveLength(0);
	const restarted = restart(state);
	expect((await poll(sandbox, sessionParameters(template, iso(since)), restarted)).emitted).toBe(
		false,
	);

	// Another time (between the history and a): from there on once more.
	const earlier = now - 4 * HOUR;
	expect(sessionIds(await poll(sandbox, sessionParameters(template, iso(earlier)), state))).toEqual(
		[a, b, c],
	);
	expect((await poll(sandbox, sessionParameters(template, iso(earlier)), state)).emitted).toBe(
		false,
	);

	// Cleared: nothing emitted, and the replay is no longer remembered.
	expect((await poll(sandbox, sessionParameters(template), state)).emitted).toBe(false);
	expect(nodeState(state)).not.toHaveProperty('replayed');
});

test('setting it does not reset the trigger: sessions new to it, in the replay poll and later, are emitted exactly once', async () => {
	const template = location('cursor');
	const now = wholeSecondNow();
	const state: IDataObject = {};
	sessionLanded(template, now - 5 * HOUR);
	await poll(sandbox, sessionParameters(template), state);
	const emitted = sessionLanded(template, now - 60 * MINUTE);
	expect(sessionIds(await poll(sandbox, sessionParameters(template), state))).toEqual([emitted]);

	// Not seen yet: one whose output landed before the replay time (listed late), and one after it.
	const late = sessionLanded(template, now - 70 * MINUTE);
	const fresh = sessionLanded(template, now - 30 * MINUTE);
	const since = now - 65 * MINUTE;
	const replay = await poll(sandbox, sessionParameters(template, iso(since)), state);
	// A trigger started afresh would drop `late` (older than the replay, there before the "first" poll).
	expect(sessionIds(replay)).toEqual([late, emitted, fresh]);
	expect(replay.requests).toHaveLength(3);

	const next = sessionLanded(template, now - 10 * MINUTE);
	expect(sessionIds(await poll(sandbox, sessionParameters(template, iso(since)), state))).toEqual([
		next,
	]);
	expect((await poll(sandbox, sessionParameters(template, iso(since)), state)).emitted).toBe(false);
});

test('a dated location: a replay days back lists each of those days once; later polls list the usual window again', async () => {
	const template = location('days');
	const now = wholeSecondNow();
	const parameters = (replaySince?: string) =>
		sessionParameters(template, replaySince, { lookBackHours: 1 });
	const before = sessionLanded(template, now - 4 * DAY);
	const [d3, d2, d1] = [3, 2, 1].map((days) => sessionLanded(template, now - days * DAY));
	const state: IDataObject = {};
	expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);

	const since = now - 3 * DAY - 10 * MINUTE;
	// From the partition of a start 1 h (the look-back) + 15 min (skew) before the replay time, to today.
	// Read before and after the poll, so a poll that straddles midnight matches one of them.
	const replayed = () => partitions('days', since - HOUR - SKEW, Date.now());
	const expectedBefore = replayed();
	const replay = await poll(sandbox, parameters(iso(since)), state);
	expect([expectedBefore, replayed()]).toContainEqual(replay.lists.map((l) => l.query.prefix));
	for (const l of replay.lists) expect(l.path).toBe(`/${BUCKET}/`);
	expect(sessionIds(replay)).toEqual([d3, d2, d1]);
	expect(sessionIds(replay)).not.toContain(before);

	const usual = () => partitions('days', Date.now() - HOUR - SKEW, Date.now());
	const usualBefore = usual();
	const later = await poll(sandbox, parameters(iso(since)), state);
	expect(later.emitted).toBe(false);
	expect([usualBefore, usual()]).toContainEqual(later.lists.map((l) => l.query.prefix));
	expect(later.lists.length).toBeLessThanOrEqual(2);
});

test('on the first activation: the sessions since the time set, not older ones; then as usual', async () => {
	const template = location('first');
	const now = wholeSecondNow();
	sessionLanded(template, now - 2 * HOUR);
	const b = sessionLanded(template, now - HOUR);
	const state: IDataObject = {};
	const since = iso(now - 90 * MINUTE);
	expect(sessionIds(await poll(sandbox, sessionParameters(template, since), state))).toEqual([b]);
	expect((await poll(sandbox, sessionParameters(template, since), state)).emitted).toBe(false);
	const c = sessionLanded(template, now - 30 * MINUTE);
	expect(sessionIds(await poll(sandbox, sessionParameters(template, since), state))).toEqual([c]);
});

test('a time left set after its replay, grown older than 90 days, does not stop the trigger', async () => {
	const template = location('aged');
	const now = wholeSecondNow();
	const state: IDataObject = {};
	sessionLanded(template, now - 5 * HOUR);
	await poll(sandbox, sessionParameters(template), state);
	// As if it had been replayed 91 days ago (`replayed`: the time already replayed) and left set since.
	const old = now - 91 * DAY;
	nodeState(state).replayed = old;
	const a = sessionLanded(template, now - 30 * MINUTE);
	expect(sessionIds(await poll(sandbox, sessionParameters(template, iso(old)), state))).toEqual([
		a,
	]);
	expect(nodeState(state).replayed).toBe(old);
});

test('manual mode replays nothing and remembers nothing', async () => {
	const template = location('manual');
	const now = wholeSecondNow();
	sessionLanded(template, now - 2 * HOUR);
	const newest = sessionLanded(template, now - HOUR);
	const state: IDataObject = {};
	const manual = await poll(
		sandbox,
		sessionParameters(template, iso(now - 3 * HOUR)),
		state,
		'manual',
	);
	expect(sessionIds(manual)).toEqual([newest]);
	expect(state['node:Trigger'] ?? {}).toEqual({});
});

test('insights jobs: the outputs since the time set once more', async () => {
	const template = location('insights');
	const now = wholeSecondNow();
	const parameters = (replaySince?: string) => ({
		event: 'insightsJobFinished',
		domain: byId(DEMO.domainId),
		s3OutputPath: template,
		includeJobDetails: false,
		downloadInsights: false,
		lookBackHours: 24,
		options: replaySince === undefined ? {} : { replaySince },
	});
	/** A job's insights written at `at`, in the partition of its start 10 minutes before. */
	const jobFinished = (jobId: string, at: number) => {
		const folder = expandDateTokens('insights/{yyyy}/{mm}/{dd}', at - 10 * MINUTE);
		const key = `${folder}/patient-insights/${DEMO.domainId}/${jobId}/insights.json`;
		sandbox.store.put(BUCKET, key, '{}', 'application/json');
		landAt(BUCKET, key, at);
		return jobId;
	};
	const jobIds = (result: { items: IDataObject[] }) => result.items.map((i) => i.jobId);
	const state: IDataObject = {};
	jobFinished('job-history', now - 5 * HOUR);
	expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);
	const a = jobFinished('job-a', now - 3 * HOUR);
	const b = jobFinished('job-b', now - 2 * HOUR);
	expect(jobIds(await poll(sandbox, parameters(), state))).toEqual([a, b]);

	const since = iso(now - 150 * MINUTE);
	const replay = await poll(sandbox, parameters(since), state);
	expect(replay.items).toEqual([
		{
			domainId: DEMO.domainId,
			jobId: b,
			output: {
				uri: expect.stringMatching(/\/job-b\/insights\.json$/),
				lastModified: iso(now - 2 * HOUR),
			},
		},
	]);
	expect((await poll(sandbox, parameters(since), state)).emitted).toBe(false);
});

test('subscription status changes since the time set once more', async () => {
	const domain = sandbox.connectHealth.addDomain({ name: 'Replay Clinic' });
	const now = wholeSecondNow();
	const parameters = (replaySince?: string) => ({
		event: 'statusChanged',
		watch: 'subscriptions',
		domain: byId(domain.domainId),
		options: replaySince === undefined ? {} : { replaySince },
	});
	const created = (at: number) =>
		sandbox.connectHealth.addSubscription(domain.domainId, { createdAt: at }).subscriptionId;
	const subscriptionIds = (result: { items: IDataObject[] }) =>
		result.items.map((i) => i.subscriptionId);
	const state: IDataObject = {};
	created(now - 5 * HOUR);
	expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);
	const a = created(now - 3 * HOUR);
	expect(subscriptionIds(await poll(sandbox, parameters(), state))).toEqual([a]);
	const b = created(now - 2 * HOUR);
	expect(subscriptionIds(await poll(sandbox, parameters(), state))).toEqual([b]);

	const since = iso(now - 150 * MINUTE);
	const replay = await poll(sandbox, parameters(since), state);
	expect(replay.items).toEqual([
		expect.objectContaining({
			resourceType: 'subscription',
			subscriptionId: b,
			status: 'ACTIVE',
		}),
	]);
	expect(Date.parse(String(replay.items[0].lastUpdatedAt))).toBe(now - 2 * HOUR);
	expect(replay.requests.map((r) => r.path)).toEqual([`/domains/${domain.domainId}/subscriptions`]);
	expect((await poll(sandbox, parameters(since), state)).emitted).toBe(false);
	expect(subscriptionIds(await poll(sandbox, parameters(iso(now - 4 * HOUR)), state))).toEqual([
		a,
		b,
	]);
});

describe('a value that cannot be replayed fails the poll by name, before any call', () => {
	const session = sessionParameters(location('invalid'));
	const insights = {
		event: 'insightsJobFinished',
		domain: byId(DEMO.domainId),
		s3OutputPath: location('invalid-insights'),
		lookBackHours: 24,
	};
	const subscriptions = {
		event: 'statusChanged',
		watch: 'subscriptions',
		domain: byId(DEMO.domainId),
	};
	const cases: Array<[string, IDataObject, () => string, RegExp]> = [
		[
			'sessions',
			session,
			() => 'last Tuesday',
			/Invalid "Replay Events Since": it is not a date and time/,
		],
		[
			'sessions',
			session,
			() => '2025-02-30T10:00:00Z',
			/Invalid "Replay Events Since": it is not a date and time/,
		],
		[
			'sessions',
			session,
			() => iso(Date.now() + DAY),
			/Invalid "Replay Events Since": it is in the future/,
		],
		[
			'insights jobs',
			insights,
			() => iso(Date.now() - 91 * DAY),
			/Invalid "Replay Events Since": it is more than 90 days ago/,
		],
		[
			'subscriptions',
			subscriptions,
			() => iso(Date.now() + DAY),
			/Invalid "Replay Events Since": it is in the future/,
		],
		[
			'subscriptions',
			subscriptions,
			() => '={{ { at: 1 } }}',
			/Invalid "Replay Events Since": the value is an object/,
		],
	];
	it.each(cases)('%s: %#', async (_, parameters, value, message) => {
		for (const mode of ['trigger', 'manual'] as const) {
			const since = lastSeq(sandbox);
			const state: IDataObject = {};
			await expect(
				poll(sandbox, { ...parameters, options: { replaySince: value() } }, state, mode),
			).rejects.toThrow(message);
			expect(sandbox.log.entries({ since })).toEqual([]);
			expect(state['node:Trigger'] ?? {}).toEqual({});
		}
	});
});
