import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, expectSigned, poll, restart, run } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const TEMPLATE = `${DEMO.insightsOutputPath}/pre-visit/{yyyy}/{mm}/{dd}/`;
const BUCKET = 'sandbox-connect-health-output';
const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '/');

const parameters = (extra: IDataObject = {}) => ({
	event: 'insightsJobFinished',
	domain: byId(DEMO.domainId),
	s3OutputPath: TEMPLATE,
	includeJobDetails: true,
	downloadInsights: false,
	lookBackHours: 24,
	...extra,
});

/** Starts a job through the node with the same output template the trigger watches. */
async function startJob(patientId: string) {
	const { items, error } = await run(sandbox, {
		resource: 'patientInsightsJob',
		operation: 'start',
		domain: byId(DEMO.domainId),
		patientId,
		encounterReason: 'Follow-up for cough',
		userId: 'clinician-007',
		insightsType: 'PRE_VISIT',
		fhirEndpoint: '',
		fhirOauthToken: '',
		s3Sources: { source: [{ uri: DEMO.insightsInputUri }] },
		s3OutputPath: TEMPLATE,
		additionalFields: {},
	});
	expect(error).toBeUndefined();
	return String(items[0].json.jobId);
}

test('one item per finished job, with its details and insights; exactly once across pages and restarts', async () => {
	// 1,100 outputs of earlier jobs in today's partition: two pages per listing.
	for (let n = 0; n < 1100; n++)
		sandbox.store.put(
			BUCKET,
			`insights/pre-visit/${today()}/patient-insights/${DEMO.domainId}/old-job-${n}/insights.json`,
			'{}',
			'application/json',
		);
	sandbox.clock.advance(30 * 60_000);
	let state: IDataObject = {};
	const first = await poll(sandbox, parameters({ downloadInsights: true }), state);
	expect(first.emitted).toBe(false);
	expect(first.lists.filter((l) => l.query['continuation-token'])).toHaveLength(1);

	const jobId = await startJob('test-patient-0100');
	const running = await poll(sandbox, parameters({ downloadInsights: true }), state);
	expect(running.emitted).toBe(false);

	sandbox.clock.advance(20_000);
	const done = await poll(sandbox, parameters({ downloadInsights: true }), state);
	expect(done.items).toHaveLength(1);
	expect(done.items[0]).toMatchObject({
		domainId: DEMO.domainId,
		jobId,
		jobStatus: 'SUCCEEDED',
		output: {
			uri: `s3://${BUCKET}/insights/pre-visit/${today()}/patient-insights/${DEMO.domainId}/${jobId}/insights.json`,
			lastModified: expect.stringMatching(/Z$/),
		},
		insights: expect.objectContaining({ sections: expect.any(Array) }),
	});
	expect(done.requests.map((r) => r.path)).toEqual([
		`/domain/${DEMO.domainId}/patient-insights-job/${jobId}`,
	]);
	expectSigned(done.requests[0]);
	expect(done.downloads).toHaveLength(1);

	state = restart(state);
	expect((await poll(sandbox, parameters(), state)).emitted).toBe(false);

	const second = await startJob('test-patient-0101');
	sandbox.clock.advance(20_000);
	const after = await poll(sandbox, parameters({ includeJobDetails: false }), restart(state));
	expect(after.items).toEqual([
		{ domainId: DEMO.domainId, jobId: second, output: expect.any(Object) },
	]);
	expect(after.requests).toHaveLength(0);
});
