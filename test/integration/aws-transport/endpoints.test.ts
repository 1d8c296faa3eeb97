import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, NODE, seedJob } from '../healthscribe/helpers';

const CONNECT_HEALTH = 'amazonConnectHealth';

/**
 * Credential endpoint policy, checked before any request (AssumeRole included): plain http:// only
 * to loopback unless "Allow Unencrypted HTTP" is on; FIPS never with a custom endpoint.
 */
describe('AWS credential: endpoint policy', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 1 });
		await seedJob(sandbox, 'policy-visit-1', sandbox.seededRecordings[0]);
	});
	afterAll(async () => await sandbox.stop());

	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	const get = { resource: 'medicalScribeJob', operation: 'get', jobName: 'policy-visit-1' };
	const listDomains = { resource: 'domain', operation: 'getAll', returnAll: true, filters: {} };
	const withCredential = (overrides: ICredentialDataDecryptedObject) => ({
		awsClinicalApi: { ...credentialsFor(sandbox).awsClinicalApi, ...overrides },
	});
	// 0.0.0.0 reaches this machine's 127.0.0.1 listener but is not a loopback name: it stands for a LAN host.
	const lanUrl = (url: string) => url.replace('127.0.0.1', '0.0.0.0');

	it.each([
		['Transcribe Endpoint', 'transcribeEndpoint', NODE, get],
		['Connect Health Endpoint', 'connectHealthEndpoint', CONNECT_HEALTH, listDomains],
		['STS Endpoint', 'stsEndpoint', NODE, get],
		['S3 Endpoint', 's3Endpoint', NODE, get],
	] as const)(
		'refuses a non-loopback http:// %s before any request',
		async (label, field, node, parameters) => {
			const from = since();
			const overrides: ICredentialDataDecryptedObject = {
				[field]: lanUrl(sandbox.urls[field.replace('Endpoint', '') as 'transcribe']),
			};
			if (field === 'stsEndpoint')
				Object.assign(overrides, {
					authentication: 'assumeRole',
					roleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/ClinicalScribeAutomation`,
				});
			const { items } = await runNode(node, parameters, {
				credentials: withCredential(overrides),
				continueOnFail: true,
			});
			const message = String(items[0].json.error);
			expect(message).toContain(`"${label}"`);
			expect(message).toContain('http://');
			expect(message).toContain('Allow Unencrypted HTTP');
			expect(sandbox.log.entries({ since: from })).toHaveLength(0);
		},
	);

	it('sends to a non-loopback http:// endpoint when "Allow Unencrypted HTTP" is on', async () => {
		const from = since();
		const credentials = withCredential({
			transcribeEndpoint: lanUrl(sandbox.urls.transcribe),
			connectHealthEndpoint: lanUrl(sandbox.urls.connectHealth),
			allowInsecureHttp: true,
		});
		const job = await runNode(NODE, get, { credentials });
		expect(job.error).toBeUndefined();
		expect(job.items[0].json.MedicalScribeJobName).toBe('policy-visit-1');
		const domains = await runNode(CONNECT_HEALTH, listDomains, { credentials });
		expect(domains.error).toBeUndefined();
		expect(sandbox.log.entries({ since: from }).map((e) => e.service)).toEqual([
			'transcribe',
			'connectHealth',
		]);
	});

	it('refuses https:// endpoints with a user name or password, and non-URLs', async () => {
		for (const transcribeEndpoint of [
			'https://user:pw@transcribe.example.org',
			'transcribe.example.org',
		]) {
			const { items } = await runNode(NODE, get, {
				credentials: withCredential({ transcribeEndpoint }),
				continueOnFail: true,
			});
			expect(String(items[0].json.error)).toContain('"Transcribe Endpoint"');
			expect(String(items[0].json.error)).not.toContain('pw');
		}
	});

	it.each([
		[NODE, get],
		[CONNECT_HEALTH, listDomains],
	] as const)(
		'%s: FIPS together with a custom endpoint is refused, as the AWS SDK refuses it',
		async (node, parameters) => {
			const from = since();
			const { items } = await runNode(node, parameters, {
				credentials: withCredential({ useFips: true }),
				continueOnFail: true,
			});
			const message = String(items[0].json.error);
			expect(message).toContain('Use FIPS Endpoints');
			expect(message).toContain('FIPS and custom endpoint are not supported');
			expect(sandbox.log.entries({ since: from })).toHaveLength(0);
		},
	);
});
