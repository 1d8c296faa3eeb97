import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { runNode } from '../../harness';
import { checkRow, rows, type OperationCase, type Runner } from '../bad-values.shared';
import { byId, connectHealthSandbox, credentialsFor, DEMO, lastSeq, NODE } from './helpers';

let sandbox: Sandbox;

/** Values known once the sandbox runs; the table names them as <domainArn>, <spareDomain>. */
const ids: Record<string, string> = {};
const fill = <T>(value: T): T =>
	JSON.parse(
		JSON.stringify(value).replace(/<(\w+)>/g, (token, name: string) => ids[name] ?? token),
	) as T;

const run: Runner = async (parameters, input) => {
	const since = lastSeq(sandbox);
	const { items } = await runNode(NODE, fill(parameters), {
		credentials: credentialsFor(sandbox),
		input: fill(input),
		continueOnFail: true,
	});
	const requests = ['connectHealth', 's3'].flatMap((service) =>
		sandbox.log.entries({ service: service as 's3', since }),
	);
	return { items, requests: requests.length };
};

beforeAll(async () => {
	sandbox = await connectHealthSandbox({
		connectHealth: {
			quotas: { maxDomains: 10_000, maxSubscriptionsPerDomain: 10_000 },
			timings: { jobQueuedMs: 0, jobRunMs: 0 },
		},
	});
	ids.domainArn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}`;
	const spare = await runNode(
		NODE,
		{ resource: 'domain', operation: 'create', name: 'Spare Clinic', additionalFields: {} },
		{ credentials: credentialsFor(sandbox) },
	);
	ids.spareDomain = spare.items[0].json.domainId as string;
});
afterAll(async () => await sandbox.stop());

/** Domain, subscription and session IDs have fixed patterns: a number or a word is refused by format. */
const DOMAIN = {
	path: 'domain.value',
	label: 'Domain',
	kind: 'id',
	alsoRefuses: ['number', 'word'],
} as const;
const SUBSCRIPTION = {
	path: 'subscription.value',
	label: 'Subscription',
	kind: 'id',
	alsoRefuses: ['number', 'word'],
} as const;
const demoKey: INodeParameters = {
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
};

const start: INodeParameters = {
	resource: 'patientInsightsJob',
	operation: 'start',
	domain: byId(DEMO.domainId),
	patientId: 'test-patient-0042',
	encounterReason: 'Follow-up for cough',
	userId: 'clinician-007',
	insightsType: 'PRE_VISIT',
	fhirEndpoint: '',
	s3Sources: { source: [{ uri: DEMO.insightsInputUri }] },
	s3OutputPath: DEMO.insightsOutputPath,
	waitForCompletion: true,
	maxWaitMinutes: 0,
	onTimeout: 'returnJob',
	downloadInsights: false,
	additionalFields: { dateOfBirth: '1980-02-29', pronouns: 'SHE_HER', idempotencyKey: 'visit-42' },
};

const CASES: OperationCase[] = [
	{
		name: 'domain get',
		parameters: { resource: 'domain', operation: 'get', domain: byId(DEMO.domainId) },
		fields: [DOMAIN],
	},
	{
		name: 'domain delete',
		parameters: { resource: 'domain', operation: 'delete', domain: byId('<spareDomain>') },
		fields: [DOMAIN],
	},
	{
		name: 'domain create',
		parameters: {
			resource: 'domain',
			operation: 'create',
			name: 'North Clinic',
			additionalFields: { tags: { tag: [{ key: 'team', value: 'ops' }] } },
		},
		fields: [
			{ path: 'name', label: 'Name', kind: 'requiredText' },
			{
				path: 'additionalFields.kmsKeyArn',
				label: 'KMS Key ARN',
				kind: 'text',
				good: undefined,
				alsoRefuses: ['number'],
			},
			{ path: 'additionalFields.tags.tag.0.key', label: 'Tags', kind: 'text' },
			{ path: 'additionalFields.tags.tag.0.value', label: 'Tags', kind: 'text' },
		],
	},
	{
		name: 'domain get many',
		parameters: {
			resource: 'domain',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: { status: 'ACTIVE' },
		},
		fields: [
			{ path: 'returnAll', label: 'Return All', kind: 'boolean' },
			{ path: 'limit', label: 'Limit', kind: 'number' },
			{ path: 'filters.status', label: 'Status', kind: 'options' },
		],
	},
	{
		name: 'subscription create',
		parameters: { resource: 'subscription', operation: 'create', domain: byId(DEMO.domainId) },
		fields: [DOMAIN],
	},
	{
		name: 'subscription get',
		parameters: { resource: 'subscription', operation: 'get', ...demoKey },
		fields: [DOMAIN, SUBSCRIPTION],
	},
	{
		name: 'subscription activate',
		parameters: { resource: 'subscription', operation: 'activate', ...demoKey },
		fields: [SUBSCRIPTION],
	},
	{
		name: 'subscription deactivate',
		parameters: {
			resource: 'subscription',
			operation: 'deactivate',
			domain: byId(DEMO.domainId),
			subscription: byId(DEMO.inactiveSubscriptionId),
		},
		fields: [SUBSCRIPTION],
	},
	{
		name: 'subscription get many',
		parameters: {
			resource: 'subscription',
			operation: 'getAll',
			domain: byId(DEMO.domainId),
			returnAll: true,
		},
		fields: [DOMAIN, { path: 'returnAll', label: 'Return All', kind: 'boolean' }],
	},
	{
		name: 'listening session get',
		parameters: {
			resource: 'listeningSession',
			operation: 'get',
			...demoKey,
			sessionId: DEMO.sessionIds[1],
			includeNote: 'fhir',
			fhirPatient: 'Patient/1',
		},
		fields: [
			{ path: 'sessionId', label: 'Session ID', kind: 'id', alsoRefuses: ['number', 'word'] },
			{ path: 'includeNote', label: 'Include Note', kind: 'options' },
			{ path: 'fhirPatient', label: 'FHIR Patient Reference', kind: 'text' },
		],
	},
	{
		name: 'patient insights job get',
		parameters: {
			resource: 'patientInsightsJob',
			operation: 'get',
			domain: byId(DEMO.domainId),
			jobId: DEMO.jobId,
			options: { downloadInsights: true },
		},
		fields: [
			DOMAIN,
			{ path: 'jobId', label: 'Job ID', kind: 'id' },
			{ path: 'options.downloadInsights', label: 'Download Insights', kind: 'boolean' },
		],
	},
	{
		name: 'patient insights job start',
		parameters: start,
		fields: [
			DOMAIN,
			{ path: 'patientId', label: 'Patient ID', kind: 'requiredText' },
			{ path: 'encounterReason', label: 'Encounter Reason', kind: 'requiredText' },
			{ path: 'userId', label: 'Clinician User ID', kind: 'requiredText' },
			{ path: 'insightsType', label: 'Insights Type', kind: 'options' },
			{
				path: 's3Sources.source.0.uri',
				label: 'S3 Sources',
				kind: 'text',
				accepts: ['null'],
				alsoRefuses: ['number', 'badBucket'],
			},
			{
				path: 's3OutputPath',
				label: 'S3 Output Path',
				kind: 'requiredText',
				alsoRefuses: ['number'],
			},
			{
				path: 'additionalFields.dateOfBirth',
				label: 'Date of Birth',
				kind: 'date',
				accepts: ['null'],
			},
			{ path: 'additionalFields.pronouns', label: 'Pronouns', kind: 'options' },
			{ path: 'additionalFields.idempotencyKey', label: 'Idempotency Key', kind: 'text' },
			{ path: 'waitForCompletion', label: 'Wait for Completion', kind: 'boolean' },
			{ path: 'maxWaitMinutes', label: 'Max Wait (Minutes)', kind: 'number' },
			{ path: 'onTimeout', label: 'On Timeout', kind: 'options' },
			{ path: 'downloadInsights', label: 'Download Insights', kind: 'boolean' },
		],
	},
	{
		name: 'tag add',
		parameters: {
			resource: 'tag',
			operation: 'add',
			resourceArn: '<domainArn>',
			tags: { tag: [{ key: 'owner', value: 'ops' }] },
		},
		fields: [
			{ path: 'resourceArn', label: 'Resource ARN', kind: 'requiredText', alsoRefuses: ['number'] },
			{ path: 'tags.tag.0.key', label: 'Tags', kind: 'text' },
			{ path: 'tags.tag.0.value', label: 'Tags', kind: 'text' },
		],
	},
	{
		name: 'tag get many',
		parameters: { resource: 'tag', operation: 'getAll', resourceArn: '<domainArn>' },
		fields: [
			{ path: 'resourceArn', label: 'Resource ARN', kind: 'requiredText', alsoRefuses: ['number'] },
		],
	},
	{
		name: 'tag remove',
		parameters: {
			resource: 'tag',
			operation: 'remove',
			resourceArn: '<domainArn>',
			tagKeys: ['no-such-key'],
		},
		fields: [{ path: 'tagKeys', label: 'Tag Keys', kind: 'list', alsoRefuses: ['null'] }],
	},
];

test('the table covers every operation of the node', () => {
	const covered = new Set(
		CASES.map((c) => `${c.parameters.resource as string}.${c.parameters.operation as string}`),
	);
	expect(covered.size).toBe(CASES.length);
	expect(covered.size).toBe(15);
});

describe('every parameter fed a value of the wrong type', () => {
	test.each(rows(CASES).map((row) => [row.title, row] as const))('%s', async (_title, row) => {
		await checkRow(run, row.op, row.field, row.bad, row.refused);
	});
});
