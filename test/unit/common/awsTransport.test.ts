import type { ICredentialTestFunctions } from 'n8n-workflow';
import { testAwsCredential } from '../../../nodes/common/aws/credentialTest';
import { isSafeToRepeat, MalformedAwsResponse } from '../../../nodes/common/aws/integrity';
import { readAwsSettings, settingsProblem } from '../../../nodes/common/aws/settings';
import { sdkTransportConfig } from '../../../nodes/common/aws/transport';
import { isTransient } from '../../../nodes/common/transient';

describe('AWS credential: transport settings', () => {
	it('reads Request Timeout (seconds → ms, default 60) into the SDK handler as inactivity and connect timeouts', () => {
		expect(readAwsSettings({}).requestTimeoutMs).toBe(60_000);
		expect(readAwsSettings({ requestTimeoutSeconds: 5 }).requestTimeoutMs).toBe(5_000);
		expect(readAwsSettings({ requestTimeoutSeconds: '2.5' }).requestTimeoutMs).toBe(2_500);
		for (const bad of [0, -3, 'soon', null])
			expect(readAwsSettings({ requestTimeoutSeconds: bad as never }).requestTimeoutMs).toBe(
				60_000,
			);
		expect(
			sdkTransportConfig(readAwsSettings({ requestTimeoutSeconds: 7 })).requestHandler,
		).toEqual({ socketTimeout: 7_000, connectionTimeout: 7_000 });
	});

	it('refuses non-loopback http:// overrides unless Allow Unencrypted HTTP is on, naming the field', () => {
		const custom = (extra: Record<string, unknown>) =>
			readAwsSettings({ customEndpoints: true, ...extra });
		expect(settingsProblem(custom({ s3Endpoint: 'http://10.0.0.5:9000' }))).toEqual({
			field: 'S3 Endpoint',
			problem: expect.stringContaining('Allow Unencrypted HTTP'),
		});
		expect(
			settingsProblem(custom({ s3Endpoint: 'http://10.0.0.5:9000', allowInsecureHttp: true })),
		).toBeUndefined();
		expect(
			settingsProblem(
				custom({
					stsEndpoint: 'http://localhost:4584',
					transcribeEndpoint: 'https://vpce.example.org',
				}),
			),
		).toBeUndefined();
		// Ignored while Custom Endpoints is off.
		expect(
			settingsProblem(readAwsSettings({ customEndpoints: false, s3Endpoint: 'http://10.0.0.5' })),
		).toBeUndefined();
	});

	it('refuses FIPS with any custom endpoint, as the SDK does; FIPS alone is fine', () => {
		expect(settingsProblem(readAwsSettings({ useFips: true }))).toBeUndefined();
		expect(
			settingsProblem(
				readAwsSettings({
					useFips: true,
					customEndpoints: true,
					connectHealthEndpoint: 'https://proxy.example.org',
				}),
			),
		).toEqual({
			field: 'Connect Health Endpoint',
			problem: expect.stringContaining('FIPS and custom endpoint are not supported'),
		});
	});

	it('the connection test refuses such a credential before any request', async () => {
		const result = await testAwsCredential.call({} as ICredentialTestFunctions, {
			id: '1',
			name: 'aws',
			type: 'awsClinicalApi',
			data: {
				accessKeyId: 'AKIDEXAMPLE',
				secretAccessKey: 'secret-example',
				customEndpoints: true,
				stsEndpoint: 'http://sts.internal.example:80',
			},
		});
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(
				/credential field "STS Endpoint" cannot be used: plain http:\/\//,
			),
		});
	});
});

describe('AWS SDK integrity middleware', () => {
	it('repeats only operations that are safe to send again', () => {
		for (const op of [
			'GetMedicalScribeJob',
			'ListMedicalScribeJobs',
			'GetObject',
			'ListObjectsV2',
			'HeadObject',
			'AssumeRole',
			'GetCallerIdentity',
			'StartMedicalScribeJob',
		])
			expect(isSafeToRepeat(op)).toBe(true);
		for (const op of ['DeleteMedicalScribeJob', 'PutObject', 'CreateSubscription'])
			expect(isSafeToRepeat(op)).toBe(false);
	});

	it('a cut answer is a transient MalformedResponse, retryable by the SDK only when safe', () => {
		const read = new MalformedAwsResponse('GetMedicalScribeJob', 200, 'req-1');
		expect(read).toMatchObject({
			name: 'MalformedResponse',
			$metadata: { httpStatusCode: 200, requestId: 'req-1' },
			$retryable: { throttling: false },
		});
		expect(isTransient(read)).toBe(true);
		expect(
			new MalformedAwsResponse('DeleteMedicalScribeJob', 200, undefined).$retryable,
		).toBeUndefined();
	});
});
