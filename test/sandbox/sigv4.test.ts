/** The sandbox recomputes every AWS signature: wrong keys, secrets, scopes, times, tokens and bodies are refused as AWS would. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListMedicalScribeJobsCommand, TranscribeClient } from '@aws-sdk/client-transcribe';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Sandbox } from '../../sandbox';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health';
import {
	creds,
	rawRequest,
	s3Client,
	sandbox,
	signedRequest,
	stsClient,
	transcribeCall,
	transcribeClient,
} from './core-helpers';

const MINUTE = 60_000;

describe('SigV4 verification', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	const wrongSecret = (): { accessKeyId: string; secretAccessKey: string } => ({
		...creds(sb),
		secretAccessKey: 'not-the-sandbox-secret-0000000000000000',
	});

	describe('Transcribe (awsJson1_1)', () => {
		test('the SDK with the sandbox keys is accepted and the verified scope is logged', async () => {
			await transcribeClient(sb).send(new ListMedicalScribeJobsCommand({}));
			const entry = sb.log.entries({ service: 'transcribe' }).at(-1)!;
			expect(entry.status).toBe(200);
			expect(entry.auth).toEqual({
				accessKeyId: creds(sb).accessKeyId,
				region: 'us-east-1',
				service: 'transcribe',
			});
		});

		test('a wrong secret is InvalidSignatureException (403)', async () => {
			await expect(
				transcribeClient(sb, wrongSecret()).send(new ListMedicalScribeJobsCommand({})),
			).rejects.toMatchObject({
				name: 'InvalidSignatureException',
				message: expect.stringMatching(/does not match the signature you provided/),
				$metadata: { httpStatusCode: 403 },
			});
		});

		test('an unknown access key is UnrecognizedClientException (403)', async () => {
			const client = transcribeClient(sb, {
				accessKeyId: 'AKIAUNKNOWN000000000',
				secretAccessKey: creds(sb).secretAccessKey,
			});
			await expect(client.send(new ListMedicalScribeJobsCommand({}))).rejects.toMatchObject({
				name: 'UnrecognizedClientException',
				message: 'The security token included in the request is invalid.',
				$metadata: { httpStatusCode: 403 },
			});
		});

		test('a credential scoped to another region is refused (403)', async () => {
			const client = new TranscribeClient({
				region: 'eu-west-1',
				endpoint: sb.urls.transcribe,
				credentials: creds(sb),
				maxAttempts: 1,
			});
			await expect(client.send(new ListMedicalScribeJobsCommand({}))).rejects.toMatchObject({
				name: 'InvalidSignatureException',
				message: expect.stringMatching(/scoped to a valid region/),
				$metadata: { httpStatusCode: 403 },
			});
		});

		test('a credential scoped to another signing name is refused (403)', async () => {
			const reply = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ signingName: 'health-agent' },
			);
			expect(reply.status).toBe(403);
			expect(reply.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
			expect(reply.json).toEqual({
				__type: 'InvalidSignatureException',
				message: "Credential should be scoped to correct service: 'transcribe'. ",
			});
		});

		test('a signature more than 15 minutes old or ahead is refused; 10 minutes of skew is accepted', async () => {
			const old = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ signingDate: new Date(Date.now() - 20 * MINUTE) },
			);
			expect(old.status).toBe(403);
			expect(old.json.__type).toBe('InvalidSignatureException');
			expect(old.json.message).toMatch(
				/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
			);
			const ahead = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ signingDate: new Date(Date.now() + 20 * MINUTE) },
			);
			expect(ahead.json.message).toMatch(/^Signature not yet current/);
			const skewed = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ signingDate: new Date(Date.now() - 10 * MINUTE) },
			);
			expect(skewed.status).toBe(200);
		});

		test('a body changed after signing is refused', async () => {
			const reply = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ sendBody: JSON.stringify({ MaxResults: 1 }) },
			);
			expect(reply.status).toBe(403);
			expect(reply.json.__type).toBe('InvalidSignatureException');
		});

		test('no signature at all is MissingAuthenticationTokenException (403)', async () => {
			const reply = await rawRequest(
				`${sb.urls.transcribe}/`,
				'POST',
				{
					'content-type': 'application/x-amz-json-1.1',
					'x-amz-target': 'Transcribe.ListMedicalScribeJobs',
				},
				'{}',
			);
			expect(reply.status).toBe(403);
			expect(reply.json.__type).toBe('MissingAuthenticationTokenException');
		});

		test('a session token with long-term keys, or a temporary key without its token, is UnrecognizedClientException', async () => {
			const withToken = await transcribeCall(
				sb,
				'ListMedicalScribeJobs',
				{},
				{ credentials: { ...creds(sb), sessionToken: 'made-up-token' } },
			);
			expect(withToken.status).toBe(403);
			expect(withToken.json.__type).toBe('UnrecognizedClientException');
		});

		test('a malformed Authorization header is IncompleteSignatureException (400)', async () => {
			const reply = await rawRequest(
				`${sb.urls.transcribe}/`,
				'POST',
				{ authorization: 'AWS4-HMAC-SHA256 Credential=x', 'x-amz-date': '20260101T000000Z' },
				'{}',
			);
			expect(reply.status).toBe(400);
			expect(reply.json.__type).toBe('IncompleteSignatureException');
		});
	});

	describe('Connect Health (restJson1, signing name health-agent)', () => {
		const call = (overrides: Parameters<typeof signedRequest>[1]) =>
			signedRequest(sb.urls.connectHealth, {
				method: 'GET',
				credentials: creds(sb),
				signingName: 'health-agent',
				...overrides,
			});

		test('path labels are double-encoded in the canonical request, as restJson1 clients sign them', async () => {
			const reply = await call({ path: '/domain/dom%20with%20space%2Bplus' });
			expect(reply.status).not.toBe(403);
			expect(reply.headers['x-amzn-errortype']).not.toMatch(/Signature|Unrecognized/);
		});

		test('runtime. and streaming. host prefixes in the signed Host header verify', async () => {
			const port = new URL(sb.urls.connectHealth).port;
			const demo = CONNECT_HEALTH_DEMO;
			const runtime = await call({
				path: `/domain/${demo.domainId}/patient-insights-job/${demo.jobId}`,
				host: `runtime.127.0.0.1:${port}`,
			});
			expect(runtime.status).toBe(200);
			const streaming = await call({
				path: `/medical-scribe-stream/domain/${demo.domainId}/subscription/${demo.subscriptionId}/session/${demo.sessionIds[0]}`,
				host: `streaming.127.0.0.1:${port}`,
			});
			expect(streaming.status).toBe(200);
		});

		test('signed for another service or with a wrong secret: 403 with x-amzn-errortype and {message}', async () => {
			const wrongService = await call({ path: '/domain', signingName: 'transcribe' });
			expect(wrongService.status).toBe(403);
			expect(wrongService.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
			expect(wrongService.json).toEqual({
				message: "Credential should be scoped to correct service: 'health-agent'. ",
			});
			const badSecret = await call({ path: '/domain', credentials: wrongSecret() });
			expect(badSecret.status).toBe(403);
			expect(badSecret.headers['x-amzn-errortype']).toBe('InvalidSignatureException');
		});
	});

	describe('S3 (restXml)', () => {
		test('a wrong secret is SignatureDoesNotMatch (403); an unknown key is InvalidAccessKeyId (403)', async () => {
			await expect(
				s3Client(sb, wrongSecret()).send(
					new GetObjectCommand({ Bucket: 'sandbox-media', Key: sb.seededRecordings[0] }),
				),
			).rejects.toMatchObject({
				name: 'SignatureDoesNotMatch',
				$metadata: { httpStatusCode: 403 },
			});
			await expect(
				s3Client(sb, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }).send(
					new GetObjectCommand({ Bucket: 'sandbox-media', Key: 'k' }),
				),
			).rejects.toMatchObject({
				name: 'InvalidAccessKeyId',
				$metadata: { httpStatusCode: 403 },
			});
		});

		test('another region is AuthorizationHeaderMalformed naming the expected region', async () => {
			const reply = await signedRequest(sb.urls.s3, {
				method: 'GET',
				path: '/sandbox-media',
				credentials: creds(sb),
				signingName: 's3',
				region: 'eu-central-1',
				s3: true,
			});
			expect(reply.status).toBe(400);
			expect(reply.text).toContain('<Code>AuthorizationHeaderMalformed</Code>');
			expect(reply.text).toContain("the region 'eu-central-1' is wrong; expecting 'us-east-1'");
			expect(reply.text).toContain('<Region>us-east-1</Region>');
		});

		test('skew is RequestTimeTooSkewed; a payload that does not match x-amz-content-sha256 is XAmzContentSHA256Mismatch', async () => {
			const skewed = await signedRequest(sb.urls.s3, {
				method: 'GET',
				path: '/sandbox-media',
				credentials: creds(sb),
				signingName: 's3',
				s3: true,
				signingDate: new Date(Date.now() - 30 * MINUTE),
			});
			expect(skewed.status).toBe(403);
			expect(skewed.text).toContain('<Code>RequestTimeTooSkewed</Code>');
			const tampered = await signedRequest(sb.urls.s3, {
				method: 'PUT',
				path: '/sandbox-media/tampered.txt',
				body: 'signed',
				sendBody: 'sent!!',
				credentials: creds(sb),
				signingName: 's3',
				s3: true,
			});
			expect(tampered.status).toBe(400);
			expect(tampered.text).toContain('<Code>XAmzContentSHA256Mismatch</Code>');
			expect(sb.store.get('sandbox-media', 'tampered.txt')).toBeUndefined();
		});

		test('keys with spaces and non-ASCII characters are signed single-encoded and round-trip', async () => {
			const key = 'visits/2026 spring/ünïcødé + plus.txt';
			await s3Client(sb).send(
				new PutObjectCommand({ Bucket: 'sandbox-media', Key: key, Body: 'synthetic' }),
			);
			expect(sb.store.get('sandbox-media', key)?.body.toString()).toBe('synthetic');
		});

		test('presigned GET URLs work until they expire', async () => {
			sb.store.put('sandbox-media', 'presigned/report.txt', 'presigned body', 'text/plain');
			const port = Number(new URL(sb.urls.s3).port);
			const signer = new SignatureV4({
				credentials: creds(sb),
				region: 'us-east-1',
				service: 's3',
				sha256: Sha256,
				uriEscapePath: false,
			});
			const request = {
				method: 'GET',
				protocol: 'http:',
				hostname: '127.0.0.1',
				port,
				path: '/sandbox-media/presigned/report.txt',
				query: {},
				headers: { host: `127.0.0.1:${port}`, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
			};
			const url = async (expiresIn: number, signingDate?: Date) => {
				const signed = await signer.presign(request, { expiresIn, signingDate });
				return `${sb.urls.s3}${signed.path}?${new URLSearchParams(signed.query as Record<string, string>)}`;
			};
			const fresh = await rawRequest(await url(60), 'GET', {});
			expect(fresh.status).toBe(200);
			expect(fresh.text).toBe('presigned body');
			const stale = await rawRequest(await url(60, new Date(Date.now() - 5 * MINUTE)), 'GET', {});
			expect(stale.status).toBe(403);
			expect(stale.text).toContain('<Message>Request has expired</Message>');
			const entry = sb.log
				.entries({ service: 's3', pathPrefix: '/sandbox-media/presigned' })
				.at(-1)!;
			expect(entry.query['X-Amz-Signature']).toBe('[redacted]');
		});
	});

	describe('STS (awsQuery)', () => {
		test('a wrong secret is SignatureDoesNotMatch in an ErrorResponse document', async () => {
			await expect(
				stsClient(sb, wrongSecret()).send(new GetCallerIdentityCommand({})),
			).rejects.toMatchObject({
				name: 'SignatureDoesNotMatch',
				$metadata: { httpStatusCode: 403 },
			});
			const reply = await signedRequest(sb.urls.sts, {
				credentials: wrongSecret(),
				signingName: 'sts',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'Action=GetCallerIdentity&Version=2011-06-15',
			});
			expect(reply.text).toMatch(
				/<ErrorResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">[\s\S]*<Type>Sender<\/Type>[\s\S]*<Code>SignatureDoesNotMatch<\/Code>/,
			);
		});
	});

	test('failed authentications are logged with their status and error type, without an identity', () => {
		const failures = sb.log.entries().filter((e) => e.status === 403);
		expect(failures.length).toBeGreaterThan(5);
		for (const entry of failures) {
			expect(entry.errorType).toEqual(expect.any(String));
			expect(entry.auth).toBeUndefined();
		}
	});
});
