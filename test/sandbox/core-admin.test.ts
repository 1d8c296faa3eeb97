/** Admin endpoints on every port and the request log as tests read it (in process and over HTTP). */
import {
	GetMedicalScribeJobCommand,
	ListMedicalScribeJobsCommand,
	StartMedicalScribeJobCommand,
} from '@aws-sdk/client-transcribe';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { Sandbox } from '../../sandbox';
import { admin, rawRequest, sandbox, stsClient, transcribeClient } from './core-helpers';

describe('admin endpoints and the request log', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('GET /__sandbox/health answers on every service port, unsigned', async () => {
		for (const [service, url] of Object.entries(sb.urls)) {
			const reply = await admin(url, 'GET', 'health');
			expect(reply.status).toBe(200);
			expect(reply.json).toEqual({
				ok: true,
				service,
				clock: { now: sb.clock.now(), time: new Date(sb.clock.now()).toISOString() },
			});
		}
		expect((await admin(sb.urls.s3, 'GET', 'nothing-here')).status).toBe(404);
	});

	test('POST /__sandbox/clock steps the clock (jobs advance with it) and sets its speed', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new StartMedicalScribeJobCommand({
				MedicalScribeJobName: 'admin-clock',
				Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
				OutputBucketName: 'sandbox-output',
				DataAccessRoleArn: 'arn:aws:iam::111122223333:role/HealthScribeAccess',
				Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
			}),
		);
		const before = sb.clock.now();
		const stepped = await admin(sb.urls.connectHealth, 'POST', 'clock', { advanceMs: 60_000 });
		expect(stepped.json.now).toBe(before + 60_000);
		expect(sb.store.get('sandbox-output', 'admin-clock/summary.json')).toBeDefined();
		expect(
			(await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'admin-clock' })))
				.MedicalScribeJob!.MedicalScribeJobStatus,
		).toBe('COMPLETED');

		await admin(sb.urls.s3, 'POST', 'clock', { speed: 1000 });
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(sb.clock.now()).toBeGreaterThan(before + 60_000 + 10_000);
		await admin(sb.urls.s3, 'POST', 'clock', { speed: 0 });
		expect((await admin(sb.urls.s3, 'POST', 'clock', {})).status).toBe(400);
		expect((await admin(sb.urls.s3, 'POST', 'clock', { advanceMs: -5 })).status).toBe(400);
	});

	test('each request is one entry: service, target, verified auth, parsed JSON body, status, error type; secrets redacted', async () => {
		await admin(sb.urls.transcribe, 'DELETE', 'log');
		const tc = transcribeClient(sb);
		await tc.send(new ListMedicalScribeJobsCommand({ Status: 'COMPLETED', MaxResults: 7 }));
		await tc
			.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'does-not-exist' }))
			.catch(() => undefined);
		const entries = (await admin(sb.urls.s3, 'GET', 'log?service=transcribe')).json.entries;
		expect(entries).toHaveLength(2);
		const [list, get] = entries;
		expect(list).toMatchObject({
			service: 'transcribe',
			method: 'POST',
			path: '/',
			query: {},
			target: 'Transcribe.ListMedicalScribeJobs',
			body: { Status: 'COMPLETED', MaxResults: 7 },
			status: 200,
			auth: {
				accessKeyId: sb.credentials.aws.accessKeyId,
				region: 'us-east-1',
				service: 'transcribe',
			},
			requestId: expect.any(String),
			time: new Date(sb.clock.now()).toISOString(),
		});
		expect(list.headers.authorization).toBe('[redacted]');
		expect(list.headers['x-amz-target']).toBe('Transcribe.ListMedicalScribeJobs');
		expect(list.seq).toBeLessThan(get.seq);
		expect(get).toMatchObject({
			status: 404,
			errorType: 'NotFoundException',
			target: 'Transcribe.GetMedicalScribeJob',
		});
		expect(JSON.stringify(entries)).not.toContain(sb.credentials.aws.secretAccessKey);

		const byTarget = await admin(sb.urls.s3, 'GET', 'log?target=GetMedicalScribeJob');
		expect(byTarget.json.entries.map((e: any) => e.seq)).toEqual([get.seq]);
		expect(
			(await admin(sb.urls.s3, 'GET', `log?since=${list.seq}`)).json.entries.map((e: any) => e.seq),
		).toEqual([get.seq]);
		expect((await admin(sb.urls.s3, 'GET', 'log?service=nope')).status).toBe(400);
	});

	test('form bodies (STS) become fields; the session token header is redacted', async () => {
		const assumed = await stsClient(sb).send(
			new AssumeRoleCommand({
				RoleArn: 'arn:aws:iam::111122223333:role/LogCheck',
				RoleSessionName: 'log-check',
			}),
		);
		const c = assumed.Credentials!;
		await transcribeClient(sb, {
			accessKeyId: c.AccessKeyId!,
			secretAccessKey: c.SecretAccessKey!,
			sessionToken: c.SessionToken!,
		}).send(new ListMedicalScribeJobsCommand({}));
		const sts = sb.log.entries({ service: 'sts' }).at(-1)!;
		expect(sts).toMatchObject({
			target: 'AssumeRole',
			body: {
				Action: 'AssumeRole',
				Version: '2011-06-15',
				RoleArn: 'arn:aws:iam::111122223333:role/LogCheck',
				RoleSessionName: 'log-check',
			},
		});
		const withToken = sb.log.entries({ service: 'transcribe' }).at(-1)!;
		expect(withToken.headers['x-amz-security-token']).toBe('[redacted]');
		expect(JSON.stringify(sb.log.entries())).not.toContain(c.SessionToken!);
	});

	test('multipart bodies are logged as fields and file sizes, other bodies as their size; Heidi keys are redacted', async () => {
		const boundary = 'sandbox-boundary';
		const multipart = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nsynthetic\r\n` +
				`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="visit.wav"\r\nContent-Type: audio/wav\r\n\r\n${'x'.repeat(1234)}\r\n--${boundary}--\r\n`,
		);
		await rawRequest(
			`${sb.urls.fhir}/Binary`,
			'POST',
			{ 'content-type': `multipart/form-data; boundary=${boundary}` },
			multipart,
		);
		expect(sb.log.entries({ service: 'fhir' }).at(-1)!.body).toEqual({
			fields: { note: 'synthetic' },
			files: [{ field: 'file', filename: 'visit.wav', mimeType: 'audio/wav', size: 1234 }],
		});
		await rawRequest(
			`${sb.urls.fhir}/Binary`,
			'POST',
			{ 'content-type': 'application/octet-stream' },
			Buffer.alloc(77),
		);
		expect(sb.log.entries({ service: 'fhir' }).at(-1)!.body).toEqual({ bytes: 77 });
		await rawRequest(`${sb.urls.heidi}/jwt?email=a@example.com&third_party_internal_id=1`, 'GET', {
			'heidi-api-key': sb.credentials.heidi.apiKey,
			cookie: 'c=1',
		});
		const heidi = sb.log.entries({ service: 'heidi' }).at(-1)!;
		expect(heidi.headers['heidi-api-key']).toBe('[redacted]');
		expect(heidi.headers.cookie).toBe('[redacted]');
		expect(heidi.query).toEqual({ email: 'a@example.com', third_party_internal_id: '1' });
		expect(heidi.auth).toBeUndefined();
	});

	test('DELETE /__sandbox/log empties the log for everyone', async () => {
		expect((await admin(sb.urls.heidi, 'DELETE', 'log')).json).toEqual({ cleared: true });
		expect(sb.log.entries()).toEqual([]);
		expect((await admin(sb.urls.transcribe, 'GET', 'log')).json.entries).toEqual([]);
	});
});
