import type { ICredentialTestFunctions } from 'n8n-workflow';
import { testAwsCredential } from '../../../nodes/common/aws/credentialTest';
import { startSandbox, type Sandbox } from '../../../sandbox';
import { awsCredentials } from '../../harness';

describe('awsClinicalApi connection test (STS GetCallerIdentity through the configured endpoint)', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ ports: 0, seed: false });
	});
	afterAll(() => sandbox.stop());

	const check = (overrides: Record<string, unknown>) =>
		testAwsCredential.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'aws',
			type: 'awsClinicalApi',
			data: awsCredentials(sandbox, overrides as never),
		});
	const role = (name: string) => `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/${name}`;

	it('connects with good keys and says who it is', async () => {
		const result = await check({});
		expect(result).toEqual({
			status: 'OK',
			message: expect.stringContaining(`arn:aws:iam::${sandbox.credentials.aws.accountId}:`),
		});
		expect(sandbox.log.entries({ service: 'sts' } as never).map((e) => e.target)).toEqual([
			'GetCallerIdentity',
		]);
	});

	it('explains a wrong secret, an unknown key and an unreachable endpoint in plain words', async () => {
		expect(await check({ secretAccessKey: 'not-the-secret' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/secret access key does not match/),
		});
		expect(await check({ accessKeyId: 'AKIAUNKNOWNEXAMPLE99' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/access key ID is not valid/),
		});
		expect(await check({ stsEndpoint: 'http://127.0.0.1:1' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/unreachable/),
		});
		expect(await check({ accessKeyId: '' })).toEqual({
			status: 'Error',
			message: 'Enter both the Access Key ID and the Secret Access Key.',
		});
	});

	it('assumes a role first, and explains a role that cannot be assumed', async () => {
		const ok = await check({
			authentication: 'assumeRole',
			roleArn: role('external-id-required-scribe'),
			externalId: 'sandbox-external-id',
		});
		expect(ok).toEqual({
			status: 'OK',
			message: expect.stringContaining('assumed-role/external-id-required-scribe'),
		});
		const targets = sandbox.log
			.entries({ service: 'sts' } as never)
			.slice(-2)
			.map((e) => e.target);
		expect(targets).toEqual(['AssumeRole', 'GetCallerIdentity']);
		const denied = await check({
			authentication: 'assumeRole',
			roleArn: role('external-id-required-scribe'),
			externalId: 'wrong-id',
		});
		expect(denied).toEqual({
			status: 'Error',
			message: expect.stringMatching(/role cannot be assumed/),
		});
		expect(await check({ authentication: 'assumeRole', roleArn: 'not-an-arn' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/Role ARN like/),
		});
	});

	it('signs for the Region typed under "Other Region", and names a missing one before any request', async () => {
		expect(await check({ region: 'custom', customRegion: 'us-east-1' })).toEqual({
			status: 'OK',
			message: expect.any(String),
		});
		// The sandbox is us-east-1: a request signed for another Region is refused, so the typed one was used.
		expect(await check({ region: 'custom', customRegion: 'eu-west-2' })).toEqual({
			status: 'Error',
			message: expect.any(String),
		});
		const before = sandbox.log.entries({ service: 'sts' } as never).length;
		expect(await check({ region: 'custom', customRegion: '' })).toEqual({
			status: 'Error',
			message: expect.stringMatching(/"Region" cannot be used: no Region is set/),
		});
		expect(sandbox.log.entries({ service: 'sts' } as never).length).toBe(before);
	});

	it('never puts the secret into its message', async () => {
		const result = await check({ secretAccessKey: 'SuperSecretValue/1234567890abcdefGHIJ' });
		expect(JSON.stringify(result)).not.toContain('SuperSecretValue');
	});
});
