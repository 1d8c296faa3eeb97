import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { RETRY_POLLS } from '../../../nodes/common/recordRetry';
import { expandDateTokens } from '../../../nodes/ConnectHealth/outputs/layout';
import { byId, connectHealthSandbox, DEMO, poll, restart, run } from './helpers';

/**
 * The trigger never blocks on one session and never forgets one: a clinical note that is not JSON
 * or a session whose Get fails is retried on later polls while the sessions beside it are emitted,
 * and given up once with `error` after the budget.
 */

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await connectHealthSandbox();
	sandbox.store.ensureBucket('scribe-output');
});
afterEach(() => sandbox.faults.clear());
afterAll(async () => await sandbox.stop());

const TEMPLATE = 's3://scribe-output/records/{yyyy}/{mm}/{dd}/';
const MINUTE = 60_000;

const parameters = (extra: IDataObject = {}) => ({
	event: 'sessionArtifactsReady',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	outputS3Uri: TEMPLATE,
	artifact: 'clinicalNote',
	includeNote: 'encounterNote',
	lookBackHours: 24,
	...extra,
});

/** Sessions whose artifacts have all landed. */
function sessions(count: number) {
	const outputS3Uri = expandDateTokens(TEMPLATE, Date.now());
	const out = Array.from({ length: count }, () =>
		sandbox.connectHealth.addListeningSession({
			domainId: DEMO.domainId,
			subscriptionId: DEMO.subscriptionId,
			outputS3Uri,
			at: sandbox.clock.now() - 30 * MINUTE,
		}),
	);
	sandbox.clock.advance(MINUTE);
	sandbox.connectHealth.advance();
	return out;
}

const s3Key = (uri: string) => {
	const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
	return { bucket, key };
};

test('a clinical note that is not JSON: the healthy sessions are emitted on the first poll, it once with error after the budget', async () => {
	let state: IDataObject = {};
	await poll(sandbox, parameters(), state);
	const [a, poisoned, b] = sessions(3);
	const { bucket, key } = s3Key(poisoned.artifactUris.note);
	sandbox.store.put(bucket, key, 'Assessment: this is not JSON', 'application/json');

	const first = await poll(sandbox, parameters(), state);
	expect(first.items.map((i) => i.sessionId).sort()).toEqual([a.sessionId, b.sessionId].sort());
	expect(first.items.every((i) => (i.note as IDataObject).sections)).toBe(true);

	const later: IDataObject[] = [];
	for (let n = 2; n <= RETRY_POLLS + 2; n++) {
		state = restart(state);
		sandbox.clock.advance(MINUTE);
		const next = await poll(sandbox, parameters(), state);
		later.push(...next.items);
		if (n <= RETRY_POLLS) expect(next.downloads.map((d) => d.path)).toContain(`/${bucket}/${key}`);
		else expect(next.downloads).toEqual([]);
	}
	expect(later).toEqual([
		{
			domainId: DEMO.domainId,
			subscriptionId: DEMO.subscriptionId,
			sessionId: poisoned.sessionId,
			artifact: {
				kind: 'clinicalNote',
				uri: poisoned.artifactUris.note,
				lastModified: expect.stringMatching(/Z$/),
			},
			error: `The clinical note is not valid JSON (still failing after ${RETRY_POLLS} polls)`,
			errorDescription: expect.stringContaining('cut short in transfer'),
		},
	]);
	expect(JSON.stringify(state).length).toBeLessThan(4000);
});

test('a note download cut once: the session is emitted on the next poll with its note, exactly once across restarts', async () => {
	let state: IDataObject = {};
	await poll(sandbox, parameters(), state);
	const [a, cut] = sessions(2);
	const { bucket, key } = s3Key(cut.artifactUris.note);
	// Cut on every attempt of this poll, however often the transport retries; answered whole afterwards.
	sandbox.faults.failNext({
		kind: 'malformed',
		count: 1000,
		service: 's3',
		match: { method: 'GET', pathPrefix: `/${bucket}/${key}` },
	});

	const first = await poll(sandbox, parameters(), state);
	expect(first.items.map((i) => i.sessionId)).toEqual([a.sessionId]);
	sandbox.faults.clear();

	state = restart(state);
	const second = await poll(sandbox, parameters(), state);
	expect(second.items.map((i) => i.sessionId)).toEqual([cut.sessionId]);
	expect(second.items[0]).not.toHaveProperty('error');
	expect(((second.items[0].note as IDataObject).sections as unknown[]).length).toBeGreaterThan(0);
	for (let n = 0; n < 3; n++) {
		state = restart(state);
		expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);
	}
});

test('one session whose Get keeps failing with 500s does not hold the others back, and is emitted with its details once it answers', async () => {
	let state: IDataObject = {};
	await poll(sandbox, parameters({ includeNote: 'none' }), state);
	const [a, flaky, b] = sessions(3);
	// More 500s than the transport's retries, for this session only.
	sandbox.faults.failNext({
		kind: '5xx',
		count: 1000,
		service: 'connectHealth',
		match: {
			pathPrefix: `/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${flaky.sessionId}`,
		},
	});
	const first = await poll(sandbox, parameters({ includeNote: 'none' }), state);
	expect(first.items.map((i) => i.sessionId).sort()).toEqual([a.sessionId, b.sessionId].sort());
	sandbox.faults.clear();

	state = restart(state);
	const second = await poll(sandbox, parameters({ includeNote: 'none' }), state);
	expect(second.items).toHaveLength(1);
	expect(second.items[0]).toMatchObject({ sessionId: flaky.sessionId, streamStatus: 'COMPLETED' });
	expect((await poll(sandbox, parameters({ includeNote: 'none' }), restart(state))).emitted).toBe(
		false,
	);
});

test('a deleted domain that cannot be read does not hold the other domains back; it is reported once with error after the budget', async () => {
	const watch = { event: 'statusChanged', watch: 'domains' };
	let state: IDataObject = {};
	const [ok, flaky, broken] = ['Closing Clinic', 'Moving Clinic', 'Merged Clinic'].map((name) =>
		sandbox.connectHealth.addDomain({ name }),
	);
	await poll(sandbox, watch, state);
	for (const d of [ok, flaky, broken])
		await run(sandbox, { resource: 'domain', operation: 'delete', domain: byId(d.domainId) });
	expect((await poll(sandbox, watch, state)).items.map((i) => i.status)).toEqual([
		'DELETING',
		'DELETING',
		'DELETING',
	]);
	// All three leave the live lists; reading two of them by id fails with 500s beyond the transport's retries.
	sandbox.clock.advance(10_000);
	const failing = (d: { domainId: string }) => ({
		kind: '5xx' as const,
		count: 1000,
		service: 'connectHealth' as const,
		match: { method: 'GET', pathPrefix: `/domain/${d.domainId}` },
	});
	sandbox.faults.failNext(failing(flaky), failing(broken));

	const first = await poll(sandbox, watch, state);
	expect(first.items).toEqual([
		expect.objectContaining({
			domainId: ok.domainId,
			status: 'DELETED',
			previousStatus: 'DELETING',
		}),
	]);
	sandbox.faults.clear();
	sandbox.faults.failNext(failing(broken));

	const later: IDataObject[] = [];
	for (let n = 2; n <= RETRY_POLLS + 2; n++) {
		state = restart(state);
		const next = await poll(sandbox, watch, state);
		later.push(...next.items);
		const reads = next.requests.filter((r) => r.path === `/domain/${broken.domainId}`);
		if (n <= RETRY_POLLS) expect(reads.length).toBeGreaterThan(0);
		else expect(reads).toEqual([]);
	}
	expect(later).toEqual([
		expect.objectContaining({
			domainId: flaky.domainId,
			status: 'DELETED',
			previousStatus: 'DELETING',
		}),
		{
			resourceType: 'domain',
			domainId: broken.domainId,
			previousStatus: 'DELETING',
			error: expect.stringMatching(
				/^GetDomain failed \(HTTP 500\).*\(still failing after 5 polls\)$/,
			),
			errorDescription: expect.any(String),
		},
	]);
});

describe('settings that would stop the trigger fail the poll with a named error, before any call', () => {
	it.each([
		[{ lookBackHours: '={{ "a day" }}' }, /Invalid "Look-Back \(Hours\)": it is not a number/],
		[
			{ lookBackHours: '={{ { hours: 24 } }}' },
			/Invalid "Look-Back \(Hours\)": the value is an object, not a number/,
		],
		[{ lookBackHours: -1 }, /Invalid "Look-Back \(Hours\)": -1 is out of range/],
		[{ event: '={{ "" }}' }, /Invalid "Event": it is empty/],
		[{ event: 'noteReady' }, /Invalid "Event": it is not one of the allowed values/],
		[{ artifact: 'summary' }, /Invalid "Artifact"/],
		[{ includeNote: '={{ true }}' }, /Invalid "Include Note"/],
		[
			{
				event: 'insightsJobFinished',
				s3OutputPath: 's3://insights/out/',
				lookBackHours: '={{ "x" }}',
			},
			/Invalid "Look-Back \(Hours\)"/,
		],
	])('%j', async (extra, message) => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		await expect(poll(sandbox, parameters(extra), {})).rejects.toThrow(message);
		expect(sandbox.log.entries({ since })).toEqual([]);
	});

	it('takes a numeric text look-back ("24") as hours', async () => {
		const state: IDataObject = {};
		await poll(sandbox, parameters({ lookBackHours: '={{ "24" }}' }), state);
		const [a] = sessions(1);
		expect(
			(await poll(sandbox, parameters({ lookBackHours: '={{ "24" }}' }), state)).items.map(
				(i) => i.sessionId,
			),
		).toEqual([a.sessionId]);
	});
});
