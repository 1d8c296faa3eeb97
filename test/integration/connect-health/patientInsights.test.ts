import { inspect } from 'node:util';
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { afterRequest, awsCredentials, nodeType, runNode } from '../../harness';
import { loadPackage } from '../../harness/nodeTypes';
import type { Sandbox } from '../../../sandbox';
import {
	byId,
	connectHealthSandbox,
	DEMO,
	expectSigned,
	lastSeq,
	NODE,
	run,
	wire,
} from './helpers';

// The sandbox clock stands still (connectHealthSandbox) unless a test steps it.
let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const PHI = {
	patientId: 'test-patient-0042',
	dateOfBirth: '1979-03-14',
	encounterReason: 'Follow-up for cough',
	userId: 'clinician-007',
	token: 'fhir-oauth-SECRET-token-123',
};
const FHIR_URL = 'https://fhir.example.org/r4';
/** The "Connect Health EHR (FHIR) API" credential: where the token lives now. */
const FHIR_ACCESS = { fhirEndpoint: FHIR_URL, oauthToken: PHI.token };

/** Runs the node with the AWS credential and, when given, the FHIR access credential selected on it. */
async function runWithFhir(
	parameters: INodeParameters,
	fhir?: ICredentialDataDecryptedObject,
	options: { input?: INodeExecutionData[]; continueOnFail?: boolean } = {},
) {
	const since = lastSeq(sandbox);
	const credentials = {
		awsClinicalApi: awsCredentials(sandbox),
		...(fhir ? { connectHealthFhirApi: fhir } : {}),
	};
	const { items, error, result } = await runNode(NODE, parameters, { credentials, ...options });
	return {
		items,
		error,
		run: result.run,
		requests: sandbox.log.entries({ service: 'connectHealth', since }),
	};
}

/** Everything an error carries (message, description, cause, node, context), as text. */
const everything = (value: unknown) =>
	inspect(value, {
		depth: 20,
		showHidden: true,
		maxStringLength: Infinity,
		maxArrayLength: Infinity,
	});

/** Steps sandbox time by an hour after the first read of a job, so the node sees it unfinished exactly once. */
const finishAfterFirstRead = () =>
	afterRequest(
		sandbox.log,
		{
			service: 'connectHealth',
			method: 'GET',
			pathPrefix: `/domain/${DEMO.domainId}/patient-insights-job/`,
		},
		(_, n) => n === 1 && sandbox.clock.advance(3_600_000),
	);

const startParameters = (extra: INodeParameters = {}): INodeParameters => ({
	resource: 'patientInsightsJob',
	operation: 'start',
	domain: byId(DEMO.domainId),
	patientId: PHI.patientId,
	encounterReason: PHI.encounterReason,
	userId: PHI.userId,
	insightsType: 'PRE_VISIT',
	fhirEndpoint: FHIR_URL,
	s3Sources: { source: [{ uri: DEMO.insightsInputUri }] },
	s3OutputPath: `${DEMO.insightsOutputPath}/{yyyy}/{mm}/{dd}/`,
	additionalFields: {
		dateOfBirth: PHI.dateOfBirth,
		pronouns: 'SHE_HER',
		specialty: 'PRIMARY_CARE',
		idempotencyKey: 'visit-2026-0001',
	},
	...extra,
});

const today = () => new Date().toISOString().slice(0, 10).replace(/-/g, '/');
const phiFree = (text: string) =>
	Object.values(PHI).forEach((value) => expect(text).not.toContain(value));

describe('StartPatientInsightsJob', () => {
	test('POST /domain/{domainId}/patient-insights-job with every context; date tokens filled in; clientToken kept', async () => {
		const { items, error, requests } = await runWithFhir(startParameters(), FHIR_ACCESS);
		expect(error).toBeUndefined();
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'POST',
			path: `/domain/${DEMO.domainId}/patient-insights-job`,
			query: {},
			body: {
				patientContext: {
					patientId: PHI.patientId,
					dateOfBirth: PHI.dateOfBirth,
					pronouns: 'SHE_HER',
				},
				insightsContext: { insightsType: 'PRE_VISIT' },
				encounterContext: { encounterReason: PHI.encounterReason },
				userContext: { role: 'CLINICIAN', userId: PHI.userId, specialty: 'PRIMARY_CARE' },
				inputDataConfig: {
					fhirServer: { fhirEndpoint: FHIR_URL, oauthToken: PHI.token },
					s3Sources: [{ uri: DEMO.insightsInputUri }],
				},
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
		const { items, requests } = await run(
			sandbox,
			startParameters({ fhirEndpoint: '', additionalFields: {} }),
			{ input },
		);
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
		sandbox.faults.failNext(
			{ kind: '5xx', service: 'connectHealth' },
			{ kind: 'reset', service: 'connectHealth' },
		);
		const { items, requests } = await run(sandbox, startParameters({ additionalFields: {} }));
		expect(requests.map((r) => r.fault ?? r.status)).toEqual(['5xx', 'reset', 200]);
		const tokens = new Set(requests.map((r) => (r.body as { clientToken: string }).clientToken));
		expect(tokens.size).toBe(1);
		expect(items[0].json.clientToken).toBe([...tokens][0]);
	});

	test('ConflictException (409): the client token was used for a different request; no PHI or FHIR token in the error', async () => {
		const { items, requests } = await runWithFhir(
			startParameters({ encounterReason: 'Annual review' }),
			FHIR_ACCESS,
			{ continueOnFail: true },
		);
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([[409, 'ConflictException']]);
		expect((requests[0].body as any).inputDataConfig.fhirServer.oauthToken).toBe(PHI.token);
		const error = String(items[0].json.error);
		expect(error).toMatch(/^StartPatientInsightsJob failed \(HTTP 409\): ConflictException – /);
		phiFree(JSON.stringify(items[0].json));
	});

	test('Wait for Completion polls until SUCCEEDED and downloads the insights', async () => {
		const unhook = finishAfterFirstRead();
		const { items, error, requests, s3 } = await run(
			sandbox,
			startParameters({
				additionalFields: {},
				waitForCompletion: true,
				maxWaitMinutes: 1,
				downloadInsights: true,
			}),
		);
		unhook();
		expect(error).toBeUndefined();
		const gets = requests.slice(1);
		expect(gets).toHaveLength(2);
		for (const r of gets) {
			expectSigned(r);
			expect(wire(r)).toEqual({
				method: 'GET',
				path: `/domain/${DEMO.domainId}/patient-insights-job/${items[0].json.jobId}`,
				query: {},
				body: undefined,
			});
		}
		const job = items[0].json;
		expect(job).toMatchObject({
			domainId: DEMO.domainId,
			jobStatus: 'SUCCEEDED',
			insightsOutput: { uri: expect.stringMatching(/^s3:\/\//) },
			patientContext: { patientId: PHI.patientId },
		});
		expect(JSON.stringify(job)).not.toContain(PHI.token);
		expect(job.inputDataConfig).toEqual({
			fhirServer: { fhirEndpoint: FHIR_URL },
			s3Sources: [{ uri: DEMO.insightsInputUri }],
		});
		expect((job.insights as { sections: unknown[] }).sections.length).toBeGreaterThan(0);
		expect(s3.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual([
			`/${String(job.insightsOutput && (job.insightsOutput as { uri: string }).uri).slice(5)}`,
		]);
		expect(job.waitTimedOut).toBeUndefined();
	});

	test('a job that fails is an error with the service’s details, redacted', async () => {
		const unhook = finishAfterFirstRead();
		const { error } = await run(
			sandbox,
			startParameters({
				additionalFields: {},
				s3Sources: { source: [{ uri: 's3://sandbox-connect-health-input/missing/record.json' }] },
				waitForCompletion: true,
				maxWaitMinutes: 1,
			}),
		);
		unhook();
		expect(error?.message).toBe('The patient insights job failed');
		expect(error?.description).toMatch(/^Connect Health says: Unable to read input data from/);
	});

	test('beyond the cap the job is returned as it stands', async () => {
		const { items } = await run(
			sandbox,
			startParameters({ additionalFields: {}, waitForCompletion: true, maxWaitMinutes: 0.01 }),
		);
		expect(items[0].json).toMatchObject({ jobStatus: 'SUBMITTED', waitTimedOut: true });
	});
});

describe('GetPatientInsightsJob', () => {
	test('GET …/patient-insights-job/{jobId} (ID or ARN), ISO times, no OAuth token, insights on request', async () => {
		const arn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}/patient-insights-job/${DEMO.jobId}`;
		const { items, requests } = await run(sandbox, {
			resource: 'patientInsightsJob',
			operation: 'get',
			domain: byId(DEMO.domainId),
			jobId: arn,
			options: { downloadInsights: true },
		});
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'GET',
			path: `/domain/${DEMO.domainId}/patient-insights-job/${DEMO.jobId}`,
			query: {},
			body: undefined,
		});
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
		const { error, requests } = await run(sandbox, {
			resource: 'patientInsightsJob',
			operation: 'get',
			domain: byId(DEMO.domainId),
			jobId: 'no-such-job',
		});
		expect(requests.map((r) => [r.path, r.status, r.errorType])).toEqual([
			[
				`/domain/${DEMO.domainId}/patient-insights-job/no-such-job`,
				404,
				'ResourceNotFoundException',
			],
		]);
		expect(error?.message).toMatch(
			/^GetPatientInsightsJob failed \(HTTP 404\): ResourceNotFoundException/,
		);
	});
});

describe('the FHIR OAuth token lives in the "Connect Health EHR (FHIR) API" credential', () => {
	test('it reaches the service as inputDataConfig.fhirServer.oauthToken, for the credential’s server, and nowhere else', async () => {
		const {
			items,
			error,
			run: execution,
			requests,
		} = await runWithFhir(startParameters({ fhirEndpoint: '', additionalFields: {} }), FHIR_ACCESS);
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expect((requests[0].body as any).inputDataConfig).toEqual({
			fhirServer: { fhirEndpoint: FHIR_URL, oauthToken: PHI.token },
			s3Sources: [{ uri: DEMO.insightsInputUri }],
		});
		// Only the body carries it: not the URL, the query or a header.
		expect(
			JSON.stringify([requests[0].path, requests[0].query, requests[0].headers]),
		).not.toContain(PHI.token);
		expect(JSON.stringify(items)).not.toContain(PHI.token);
		expect(everything(execution)).not.toContain(PHI.token);
	});

	test('a failed start (the service refuses it) names no token in the message, description, cause or node', async () => {
		const parameters = startParameters({
			additionalFields: { idempotencyKey: 'fhir-token-conflict' },
		});
		expect((await runWithFhir(parameters, FHIR_ACCESS)).error).toBeUndefined();
		const {
			error,
			run: execution,
			requests,
		} = await runWithFhir({ ...parameters, encounterReason: 'Annual review' }, FHIR_ACCESS);
		expect(requests.map((r) => r.errorType)).toEqual(['ConflictException']);
		expect((requests[0].body as any).inputDataConfig.fhirServer.oauthToken).toBe(PHI.token);
		expect(error?.message).toMatch(/^StartPatientInsightsJob failed \(HTTP 409\)/);
		expect(everything(error)).not.toContain(PHI.token);
		expect(everything(execution)).not.toContain(PHI.token);
	});

	test('the token is only sent for its own server: another endpoint on the node is a named error, before any call', async () => {
		const { error, requests } = await runWithFhir(
			startParameters({ fhirEndpoint: 'https://other-ehr.example.org/fhir' }),
			FHIR_ACCESS,
		);
		expect(error?.message).toBe(
			'Invalid "FHIR Server Endpoint": it differs from the server of the selected "Connect Health EHR (FHIR) API" credential, whose token is only sent for its own server',
		);
		expect(requests).toHaveLength(0);
		expect(everything(error)).not.toContain(PHI.token);
		// The same server written with a trailing slash is the same server.
		expect(
			(
				await runWithFhir(
					startParameters({ fhirEndpoint: `${FHIR_URL}/`, additionalFields: {} }),
					FHIR_ACCESS,
				)
			).error,
		).toBeUndefined();
	});

	test.each([
		[
			'plain http to a remote host',
			{ fhirEndpoint: 'http://ehr.example.org/fhir' },
			'Invalid "Connect Health EHR (FHIR) API → FHIR Server Endpoint": it is plain http://, so the token would travel unencrypted',
		],
		[
			'no endpoint',
			{ fhirEndpoint: ' ' },
			'Invalid "Connect Health EHR (FHIR) API → FHIR Server Endpoint": it is empty',
		],
		[
			'not a URL',
			{ fhirEndpoint: 'ehr example' },
			'Invalid "Connect Health EHR (FHIR) API → FHIR Server Endpoint": it does not have the required format',
		],
		[
			'no token',
			{ oauthToken: '' },
			'Invalid "Connect Health EHR (FHIR) API → OAuth Token": it is empty',
		],
	])('credential with %s: a named error, no call, no token', async (_, change, message) => {
		const { error, requests } = await runWithFhir(startParameters({ fhirEndpoint: '' }), {
			...FHIR_ACCESS,
			...change,
		});
		expect(error?.message).toBe(message);
		expect(error?.description).toEqual(expect.stringContaining('credential'));
		expect(requests).toHaveLength(0);
		expect(everything(error)).not.toContain(PHI.token);
	});

	test('without the credential the node’s endpoint is sent without a token', async () => {
		const { error, requests } = await runWithFhir(startParameters({ additionalFields: {} }));
		expect(error).toBeUndefined();
		expect((requests[0].body as any).inputDataConfig.fhirServer).toEqual({
			fhirEndpoint: FHIR_URL,
		});
	});

	test('no workflow holds it: the node has no token or password field, and a token saved by an earlier version is dropped on load, never sent', async () => {
		const { nodeTypes } = await loadPackage();
		const description = nodeTypes.getByNameAndVersion(nodeType(NODE), 1).description;
		expect(
			description.properties
				.filter((p) => p.typeOptions?.password || /token/i.test(p.name))
				.map((p) => p.name),
		).toEqual([]);
		expect(description.credentials?.find((c) => c.name === 'connectHealthFhirApi')).toMatchObject({
			required: false,
			displayOptions: { show: { resource: ['patientInsightsJob'], operation: ['start'] } },
		});

		const saved = { ...startParameters({ additionalFields: {} }), fhirOauthToken: PHI.token };
		const node: INode = {
			id: 'n',
			name: 'Node',
			type: nodeType(NODE),
			typeVersion: 1,
			position: [0, 0],
			parameters: saved,
		};
		expect(
			JSON.stringify(
				NodeHelpers.getNodeParameters(
					description.properties,
					saved,
					true,
					false,
					node,
					description,
				),
			),
		).not.toContain(PHI.token);
		const { error, run: execution, requests } = await runWithFhir(saved);
		expect(error).toBeUndefined();
		expect((requests[0].body as any).inputDataConfig.fhirServer).toEqual({
			fhirEndpoint: FHIR_URL,
		});
		expect(everything(execution)).not.toContain(PHI.token);
	});
});
