import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byArn, byId, connectHealthSandbox, DEMO, run } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const start = (extra: INodeParameters): INodeParameters => ({
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
	additionalFields: {},
	...extra,
});
const session = (sessionId: string, subscription = byId(DEMO.subscriptionId)) => ({
	resource: 'listeningSession',
	operation: 'get',
	domain: byId(DEMO.domainId),
	subscription,
	sessionId,
});
const ARN = 'arn:aws:health-agent:us-east-1:111122223333:domain/dom-clinicdemo0000000001';

/**
 * A value written as an expression, as it arrives from an upstream node: n8n's own parameter checks
 * (required, locator regex) do not see it, so the node's checks are what stands before the call.
 */
const x = (value: unknown) => `={{ ${JSON.stringify(value)} }}`;

/** [case, parameters, the error message, a sensitive value that must not appear] */
const CASES: Array<[string, INodeParameters, string, string?]> = [
	[
		'domain ID pattern',
		{ resource: 'domain', operation: 'get', domain: byId(x('domain-1234567890123456')) },
		'Invalid "Domain": it does not have the required format',
	],
	[
		'domain ID too short',
		{ resource: 'domain', operation: 'delete', domain: byId(x('dom-abc')) },
		'Invalid "Domain": it has 7 characters',
	],
	[
		'domain ARN',
		{ resource: 'domain', operation: 'get', domain: byArn(x('arn:aws:s3:::bucket')) },
		'Invalid "Domain": it is not a Connect Health domain ARN',
	],
	[
		'domain name length',
		{ resource: 'domain', operation: 'create', name: x('x'.repeat(65)), additionalFields: {} },
		'Invalid "Name": it has 65 characters',
	],
	[
		'KMS alias',
		{
			resource: 'domain',
			operation: 'create',
			name: 'A',
			additionalFields: { kmsKeyArn: x('alias/clinic') },
		},
		'Invalid "KMS Key ARN": it does not have the required format',
	],
	[
		'web app set-up incomplete',
		{
			resource: 'domain',
			operation: 'create',
			name: 'A',
			additionalFields: {
				webAppSetup: {
					values: {
						ehrRole: 'arn:aws:iam::111122223333:role/Ehr',
						idcInstanceId: 'ssoins-1',
						idcRegion: x(''),
					},
				},
			},
		},
		'Invalid "Identity Center Region": it is empty',
	],
	[
		'subscription ID length',
		{
			resource: 'subscription',
			operation: 'get',
			domain: byId(DEMO.domainId),
			subscription: byId(x('sub-short')),
		},
		'Invalid "Subscription": it has 9 characters',
	],
	[
		'session ID not a UUID',
		session(x('not-a-uuid-but-36-characters-long-xx')),
		'Invalid "Session ID": it does not have the required format',
	],
	['patient ID blank', start({ patientId: x('   ') }), 'Invalid "Patient ID": it is empty'],
	[
		'date of birth format',
		start({ additionalFields: { dateOfBirth: x('1979-13-14') } }),
		'Invalid "Date of Birth": it is not a real date in YYYY-MM-DD form',
		'1979-13-14',
	],
	[
		'date of birth not a calendar day',
		start({ additionalFields: { dateOfBirth: x('1980-02-31') } }),
		'Invalid "Date of Birth": it is not a real date in YYYY-MM-DD form',
		'1980-02-31',
	],
	[
		'job ID a dot segment',
		{
			resource: 'patientInsightsJob',
			operation: 'get',
			domain: byId(DEMO.domainId),
			jobId: x('..'),
		},
		'Invalid "Job ID": it is not a valid ID',
	],
	[
		'S3 URI bucket breaks the naming rules',
		start({ s3Sources: { source: [{ uri: x('s3://my..bucket/x.json') }] } }),
		'Invalid "S3 Sources [1]": its bucket name is not valid (it has two dots in a row)',
	],
	[
		'encounter reason characters',
		start({ encounterReason: x('Chest pain!! (John Example)') }),
		'Invalid "Encounter Reason": it does not have the required format',
		'John Example',
	],
	[
		'encounter reason length',
		start({ encounterReason: x('a'.repeat(257)) }),
		'Invalid "Encounter Reason": it has 257 characters',
	],
	[
		'no record source',
		start({ s3Sources: {} }),
		'Invalid "FHIR Server Endpoint / S3 Sources": no patient record source is given',
	],
	[
		'too many S3 sources',
		start({
			s3Sources: {
				source: Array.from({ length: 11 }, (_, n) => ({ uri: `s3://bucket-a/r${n}.json` })),
			},
		}),
		'Invalid "S3 Sources": 11 sources are given',
	],
	[
		'S3 URI bucket',
		start({ s3Sources: { source: [{ uri: x('s3://Bad_Bucket/x.json') }] } }),
		'Invalid "S3 Sources [1]": it does not have the required format',
	],
	[
		'FHIR endpoint',
		start({ fhirEndpoint: x('ftp://ehr example/fhir') }),
		'Invalid "FHIR Server Endpoint": it does not have the required format',
	],
	[
		'output path',
		start({ s3OutputPath: x('https://bucket/out') }),
		'Invalid "S3 Output Path": it does not have the required format',
	],
	[
		'job ID length',
		{
			resource: 'patientInsightsJob',
			operation: 'get',
			domain: byId(DEMO.domainId),
			jobId: x('j'.repeat(37)),
		},
		'Invalid "Job ID": it has 37 characters',
	],
	[
		'tags: none',
		{
			resource: 'tag',
			operation: 'add',
			resourceArn: ARN,
			tags: { tag: [{ key: x(''), value: 'v' }] },
		},
		'Invalid "Tags": no tag is given',
	],
	[
		'tag key length',
		{
			resource: 'tag',
			operation: 'add',
			resourceArn: ARN,
			tags: { tag: [{ key: x('k'.repeat(129)), value: 'v' }] },
		},
		'Invalid "Tags key": it has 129 characters',
	],
	[
		'tag keys count',
		{
			resource: 'tag',
			operation: 'remove',
			resourceArn: ARN,
			tagKeys: Array.from({ length: 51 }, (_, n) => `k${n}`),
		},
		'Invalid "Tag Keys": 51 keys are given',
	],
	[
		'resource ARN',
		{
			resource: 'tag',
			operation: 'getAll',
			resourceArn: 'arn:aws:transcribe:us-east-1:111122223333:job/x',
		},
		'Invalid "Resource ARN": it does not have the required format',
	],
];

describe('every rule is checked before any call', () => {
	// Rows as objects: jest would pass its done callback in place of a missing fourth column.
	test.each(
		CASES.map(([name, parameters, message, sensitive]) => ({
			name,
			parameters,
			message,
			sensitive,
		})),
	)('$name', async ({ parameters, message, sensitive }) => {
		const { error, requests, s3 } = await run(sandbox, parameters);
		expect(error?.message).toBe(message);
		expect(error?.description).toEqual(expect.any(String));
		expect(requests).toHaveLength(0);
		expect(s3).toHaveLength(0);
		if (sensitive)
			expect(
				JSON.stringify({ message: error?.message, description: error?.description }),
			).not.toContain(sensitive);
	});
});

test('Continue On Fail: the invalid item becomes an error item, the valid one is sent; pairing kept', async () => {
	const { items, requests } = await run(
		sandbox,
		{ resource: 'domain', operation: 'get', domain: byId('={{ $json.domainId }}') },
		{
			input: [{ json: { domainId: 'dom-bad' } }, { json: { domainId: DEMO.domainId } }],
			continueOnFail: true,
		},
	);
	expect(requests).toHaveLength(1);
	expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	expect(items[0].json).toEqual({
		error: 'Invalid "Domain": it has 7 characters',
		description: 'Use 20 to 25 characters.',
	});
	expect(items[1].json.domainId).toBe(DEMO.domainId);
});
