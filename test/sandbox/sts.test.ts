import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
	ListMedicalScribeJobsCommand,
	StartMedicalScribeJobCommand,
} from '@aws-sdk/client-transcribe';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { Sandbox } from '../../sandbox';
import {
	creds,
	s3Client,
	sandbox,
	signedRequest,
	stsClient,
	transcribeCall,
	transcribeClient,
} from './core-helpers';

const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/HealthScribeNodeRole`;

describe('STS emulator', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('GetCallerIdentity names the sandbox user and account', async () => {
		const who = await stsClient(sb).send(new GetCallerIdentityCommand({}));
		expect(who).toMatchObject({
			Account: ACCOUNT,
			Arn: `arn:aws:iam::${ACCOUNT}:user/sandbox-user`,
			UserId: expect.stringMatching(/^AIDA/),
		});
		expect(who.$metadata.requestId).toEqual(expect.any(String));
	});

	test('the n8n-style credential test (POST with the action in the query string) works', async () => {
		const reply = await signedRequest(sb.urls.sts, {
			path: '/?Action=GetCallerIdentity&Version=2011-06-15',
			credentials: creds(sb),
			signingName: 'sts',
		});
		expect(reply.status).toBe(200);
		expect(reply.headers['content-type']).toBe('text/xml');
		expect(reply.text).toMatch(
			/<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/">[\s\S]*<Account>111122223333<\/Account>[\s\S]*<RequestId>/,
		);
		expect(sb.log.entries({ service: 'sts' }).at(-1)!.target).toBe('GetCallerIdentity');
	});

	test('AssumeRole issues ASIA… credentials that every AWS emulator accepts, as the assumed role', async () => {
		const assumed = await stsClient(sb).send(
			new AssumeRoleCommand({
				RoleArn: ROLE,
				RoleSessionName: 'n8n-workflow',
				DurationSeconds: 900,
			}),
		);
		const c = assumed.Credentials!;
		expect(c.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(c.SessionToken).toEqual(expect.any(String));
		expect(c.Expiration).toEqual(new Date(Math.floor(sb.clock.now() / 1000) * 1000 + 900_000));
		expect(assumed.AssumedRoleUser).toEqual({
			Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/HealthScribeNodeRole/n8n-workflow`,
			AssumedRoleId: expect.stringMatching(/^AROA\w+:n8n-workflow$/),
		});

		const temporary = {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		};
		expect((await stsClient(sb, temporary).send(new GetCallerIdentityCommand({}))).Arn).toBe(
			assumed.AssumedRoleUser!.Arn,
		);
		await transcribeClient(sb, temporary).send(new ListMedicalScribeJobsCommand({}));
		await s3Client(sb, temporary).send(
			new PutObjectCommand({ Bucket: 'sandbox-media', Key: 'from-role.txt', Body: 'ok' }),
		);
		const entry = sb.log.entries({ service: 's3' }).at(-1)!;
		expect(entry.auth?.accessKeyId).toBe(c.AccessKeyId);
		expect(entry.headers['x-amz-security-token']).toBe('[redacted]');
	});

	test('fromTemporaryCredentials (credential-providers) drives Transcribe with the assumed role', async () => {
		const provider = fromTemporaryCredentials({
			params: { RoleArn: ROLE, RoleSessionName: 'provider-session' },
			clientConfig: { region: 'us-east-1', endpoint: sb.urls.sts },
			masterCredentials: creds(sb),
		});
		const tc = transcribeClient(sb, provider as never);
		await tc.send(
			new StartMedicalScribeJobCommand({
				MedicalScribeJobName: 'started-by-role',
				Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
				OutputBucketName: 'sandbox-output',
				DataAccessRoleArn: ROLE,
				Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
			}),
		);
		const start = sb.log.entries({ target: 'StartMedicalScribeJob' }).at(-1)!;
		expect(start.status).toBe(200);
		expect(start.auth?.accessKeyId).toMatch(/^ASIA/);
		expect(sb.log.entries({ service: 'sts', target: 'AssumeRole' }).at(-1)!.body).toMatchObject({
			Action: 'AssumeRole',
			RoleArn: ROLE,
			RoleSessionName: 'provider-session',
		});
	});

	test('a role in another account is AccessDenied (403)', async () => {
		await expect(
			stsClient(sb).send(
				new AssumeRoleCommand({
					RoleArn: 'arn:aws:iam::999988887777:role/Elsewhere',
					RoleSessionName: 's1',
				}),
			),
		).rejects.toMatchObject({
			name: 'AccessDenied',
			message: `User: arn:aws:iam::${ACCOUNT}:user/sandbox-user is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999988887777:role/Elsewhere`,
			$metadata: { httpStatusCode: 403 },
		});
	});

	test('a role that requires an external id refuses a missing or wrong one and accepts sandbox-external-id', async () => {
		const RoleArn = `arn:aws:iam::${ACCOUNT}:role/partner-external-id-required`;
		for (const ExternalId of [undefined, 'wrong-external-id']) {
			await expect(
				stsClient(sb).send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 's1', ExternalId })),
			).rejects.toMatchObject({ name: 'AccessDenied' });
		}
		const ok = await stsClient(sb).send(
			new AssumeRoleCommand({ RoleArn, RoleSessionName: 's1', ExternalId: 'sandbox-external-id' }),
		);
		expect(ok.Credentials?.AccessKeyId).toMatch(/^ASIA/);
	});

	test.each([
		[
			'a session name with spaces',
			{ RoleArn: ROLE, RoleSessionName: 'my session' },
			/roleSessionName/,
		],
		[
			'a duration under 900 s',
			{ RoleArn: ROLE, RoleSessionName: 's1', DurationSeconds: 60 },
			/durationSeconds.*greater than or equal to 900/,
		],
		[
			'a duration over the role maximum',
			{ RoleArn: ROLE, RoleSessionName: 's1', DurationSeconds: 7200 },
			/MaxSessionDuration/,
		],
		[
			'a malformed role ARN',
			{ RoleArn: 'arn:aws:iam::111122223333:user/someone', RoleSessionName: 's1' },
			/is invalid/,
		],
		['no role ARN', { RoleSessionName: 's1' }, /Value null at 'roleArn'/],
	])('%s is a ValidationError (400)', async (_, input, message) => {
		await expect(stsClient(sb).send(new AssumeRoleCommand(input as never))).rejects.toMatchObject({
			name: 'ValidationError',
			message: expect.stringMatching(message),
			$metadata: { httpStatusCode: 400 },
		});
	});

	test('once the session expires on the sandbox clock its credentials are refused with the expired-token error of each protocol', async () => {
		const assumed = await stsClient(sb).send(
			new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'short', DurationSeconds: 900 }),
		);
		const c = assumed.Credentials!;
		const temporary = {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		};
		await transcribeClient(sb, temporary).send(new ListMedicalScribeJobsCommand({}));
		sb.clock.advance(901_000);
		await expect(
			transcribeClient(sb, temporary).send(new ListMedicalScribeJobsCommand({})),
		).rejects.toMatchObject({
			name: 'ExpiredTokenException',
			message: 'The security token included in the request is expired',
			$metadata: { httpStatusCode: 403 },
		});
		await expect(
			stsClient(sb, temporary).send(new GetCallerIdentityCommand({})),
		).rejects.toMatchObject({ name: 'ExpiredToken', $metadata: { httpStatusCode: 403 } });
		await expect(
			s3Client(sb, temporary).send(
				new PutObjectCommand({ Bucket: 'sandbox-media', Key: 'late.txt', Body: 'x' }),
			),
		).rejects.toMatchObject({ name: 'ExpiredToken' });
	});

	test('a temporary key with a session token that is not its own is refused as an invalid token', async () => {
		const assumed = await stsClient(sb).send(
			new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'tamper' }),
		);
		const c = assumed.Credentials!;
		const reply = await transcribeCall(
			sb,
			'ListMedicalScribeJobs',
			{},
			{
				credentials: {
					accessKeyId: c.AccessKeyId!,
					secretAccessKey: c.SecretAccessKey!,
					sessionToken: 'SandboxSessionToken/forged',
				},
			},
		);
		expect(reply.status).toBe(403);
		expect(reply.json).toEqual({
			__type: 'UnrecognizedClientException',
			message: 'The security token included in the request is invalid.',
		});
		const noToken = await transcribeCall(
			sb,
			'ListMedicalScribeJobs',
			{},
			{ credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey! } },
		);
		expect(noToken.json.__type).toBe('UnrecognizedClientException');
	});

	test('an unknown action is InvalidAction', async () => {
		const reply = await signedRequest(sb.urls.sts, {
			credentials: creds(sb),
			signingName: 'sts',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'Action=GetSessionTokenz&Version=2011-06-15',
		});
		expect(reply.status).toBe(400);
		expect(reply.text).toContain('<Code>InvalidAction</Code>');
	});
});
