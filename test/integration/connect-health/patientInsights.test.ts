import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, expectSigned, run, wire } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());
afterEach(() => sandbox.clock.setSpeed(0));

const PHI = { patientId: 'test-patient-0042', dateOfBirth: '1979-03-14', encounterReason: 'Follow-up for cough', userId: 'clinician-007', token: 'fhir-oauth-SECRET-token-123' };

const startParameters = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'patientInsightsJob',
	operation: 'start',
	domain: byId(DEMO.domainId),
	patientId: PHI.patientId,
	encounterReason: PHI.encounterReason,
	userId: PHI.userId,
	insightsType: 'PRE_VISIT',
	fhirEndpoint: 'https://fhir.example.org/r4',
	fhirOauthToken: PHI.token,
	s3Sources: { source: [{ uri: DEMO.insightsInputUri }] },
	s3OutputPath: `${DEMO.insightsOutputPath}/{yyyy}/{mm}/{dd}/`,
	additionalFields: { dateOfBirth: PHI.dateOfBirth, pronouns: 'SHE_HER', specialty: 'PRIMARY_CARE', idempotencyKey: 'visit-2026-0001' },
	...extra,
});

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '/');
const phiFree = (text: string) => Object.values(PHI).forEach((value) => expect(text).not.toContain(value));

describe('StartPatientInsightsJob', () => {
	test('POST /domain/{domainId}/patient-insights-job with every context; date tokens filled in; clientToken kept', async () => {
		const { items, error, requests } = await run(sandbox, startParameters());
		expect(error).toBeUndefined();
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'POST',
			path: `/domain/${DEMO.domainId}/patient-insights-job`,
			query: {},
			body: {
				patientContext: { patientId: PHI.patientId, dateOfBirth: PHI.dateOfBirth, pronouns: 'SHE_HER' },
				insightsContext: { insightsType: 'PRE_VISIT' },
				encounterContext: { encounterReason: PHI.encounterReason },
				userContext: { role: 'CLINICIAN', userId: PHI.userId, specialty: 'PRIMARY_CARE' },
				inputDataConfig: { fhirServer: { fhirEndpoint: 'https://fhir.example.org/r4', oauthToken: PHI.token }, s3Sources: [{ uri: DEMO.insightsInputUri }] },
				outputDataConfig: { s3OutputPath: `${DEMO.insightsOutputPath}/${today()}/` },
				clientToken: 'visit-2026-0001',
			},
		});
		expect(items[0].json).toEqual({
			domainId: DEMO.domainId,
			jobId: expect.any(String),
			jobArn: expect.stringContaining(`:domain/${DEMO.domainId}/patient-insights-job/`),
			creationTime: expect.stringMatching(/Z$/),
			clientToken: 'visit-2026-0001',
		});
	});

	test('without a client token each item gets its own UUID; absent optional members are not sent', async () => {
		const input = [{ json: {} }, { json: {} }];
		const { items, requests } = await run(sandbox, startParameters({ fhirEndpoint: '', fhirOauthToken: '', additionalFields: {} }), { input });
		expect(requests).toHaveLength(2);
		const bodies = requests.map((r) => r.body as Record<string, any>);
		expect(bodies[0].patientContext).toEqual({ patientId: PHI.patientId });
		expect(bodies[0].userContext).toEqual({ role: 'CLINICIAN', userId: PHI.userId });
		expect(bodies[0].inputDataConfig).toEqual({ s3Sources: [{ uri: DEMO.insightsInputUri }] });
		expect(bodies[0].clientToken).not.toBe(bodies[1].clientToken);
		expect(items.map((i) => i.json.clientToken)).toEqual(bodies.map((b) => b.clientToken));
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a retried start (5xx, reset) carries the same clientToken and yields one job', async () => {
		sandbox.faults.failNext({ kind: '5xx', service: 'connectHealth' }, { kind: 'reset', service: 'connectHealth' });
		const { items, requests } = await run(sandbox, startParameters({ additionalFields: {} }));
		expect(requests.map((r) => r.fault ?? r.status)).toEqual(['5xx', 'reset', 200]);
		const tokens = new Set(requests.map((r) => (r.body as { clientToken: string }).clientToken));
		expect(tokens.size).toBe(1);
		expect(items[0].json.clientToken).toBe([...tokens][0]);
	});

	test('ConflictException (409): the client token was used for a different request; no PHI in the error', async () => {
		const { items, requests } = await run(sandbox, startParameters({ encounterReason: 'Annual review' }), { continueOnFail: true });
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([[409, 'ConflictException']]);
		const error = String(items[0].json.error);
		expect(error).toMatch(/^StartPatientInsightsJob failed \(HTTP 409\): ConflictException – /);
		phiFree(JSON.stringify(items[0].json));
	});

	test('Wait for Completion polls until SUCCEEDED and downloads the insights', async () => {
		// 10 s of job time pass in about 1 s: the first read sees it unfinished however loaded the machine is.
		sandbox.clock.setSpeed(10);
		const { items, error, requests, s3 } = await run(sandbox, startParameters({ additionalFields: {}, waitForCompletion: true, maxWaitMinutes: 1, downloadInsights: true }));
		expect(error).toBeUndefined();
		const gets = requests.slice(1);
		expect(gets.length).toBeGreaterThanOrEqual(2);
		for (const r of gets) {
			expectSigned(r);
			expect(wire(r)).toEqual({ method: 'GET', path: `/domain/${DEMO.domainId}/patient-insights-job/${items[0].json.jobId}`, query: {}, body: undefined });
		}
		const job = items[0].json;
		expect(job).toMatchObject({ domainId: DEMO.domainId, jobStatus: 'SUCCEEDED', insightsOutput: { uri: expect.stringMatching(/^s3:\/\//) }, patientContext: { patientId: PHI.patientId } });
		expect(JSON.stringify(job)).not.toContain(PHI.token);
		expect(job.inputDataConfig).toEqual({ fhirServer: { fhirEndpoint: 'https://fhir.example.org/r4' }, s3Sources: [{ uri: DEMO.insightsInputUri }] });
		expect((job.insights as { sections: unknown[] }).sections.length).toBeGreaterThan(0);
		expect(s3.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([`/${String(job.insightsOutput && (job.insightsOutput as { uri: string }).uri).slice(5)}`]);
		expect(job.waitTimedOut).toBeUndefined();
	});

	test('a job that fails is an error with the service’s details, redacted', async () => {
		sandbox.clock.setSpeed(2000);
		const { error } = await run(sandbox, startParameters({ additionalFields: {}, s3Sources: { source: [{ uri: 's3://sandbox-connect-health-input/missing/record.json' }] }, waitForCompletion: true, maxWaitMinutes: 1 }));
		expect(error?.message).toBe('The patient insights job failed');
		expect(error?.description).toMatch(/^Connect Health says: Unable to read input data from/);
	});

	test('beyond the cap the job is returned as it stands', async () => {
		const { items } = await run(sandbox, startParameters({ additionalFields: {}, waitForCompletion: true, maxWaitMinutes: 0.01 }));
		expect(items[0].json).toMatchObject({ jobStatus: 'SUBMITTED', waitTimedOut: true });
	});
});

describe('GetPatientInsightsJob', () => {
	test('GET …/patient-insights-job/{jobId} (ID or ARN), ISO times, no OAuth token, insights on request', async () => {
		const arn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}/patient-insights-job/${DEMO.jobId}`;
		const { items, requests } = await run(sandbox, { resource: 'patientInsightsJob', operation: 'get', domain: byId(DEMO.domainId), jobId: arn, options: { downloadInsights: true } });
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({ method: 'GET', path: `/domain/${DEMO.domainId}/patient-insights-job/${DEMO.jobId}`, query: {}, body: undefined });
		expect(items[0].json).toMatchObject({
			domainId: DEMO.domainId,
			jobId: DEMO.jobId,
			jobArn: arn,
			jobStatus: 'SUCCEEDED',
			creationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			updatedTime: expect.stringMatching(/Z$/),
			insights: expect.objectContaining({ sections: expect.any(Array) }),
		});
	});

	test('ResourceNotFoundException (404)', async () => {
		const { error, requests } = await run(sandbox, { resource: 'patientInsightsJob', operation: 'get', domain: byId(DEMO.domainId), jobId: 'no-such-job' });
		expect(requests.map((r) => [r.path, r.status, r.errorType])).toEqual([[`/domain/${DEMO.domainId}/patient-insights-job/no-such-job`, 404, 'ResourceNotFoundException']]);
		expect(error?.message).toMatch(/^GetPatientInsightsJob failed \(HTTP 404\): ResourceNotFoundException/);
	});
});
