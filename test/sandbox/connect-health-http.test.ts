import http from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { startSandbox, type Sandbox } from '../../sandbox';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health';
import { jobBody } from './connect-health.helpers';

/**
 * Every Connect Health operation over real HTTP, signed with SigV4 (service `health-agent`) the
 * way @smithy/signature-v4 signs for the SDK: documented status and body, and a modelled error each.
 */

let sandbox: Sandbox;
const MAX_DOMAINS = 6;

beforeAll(async () => {
	sandbox = await startSandbox({
		ports: 0,
		clockSpeed: 0,
		connectHealth: { quotas: { maxDomains: MAX_DOMAINS } },
	});
});
afterAll(async () => {
	await sandbox.stop();
});

interface SendOptions {
	query?: Record<string, string | string[]>;
	body?: unknown;
	/** `runtime.` / `streaming.` host prefix, as the SDK puts it in front of the endpoint's host. */
	hostPrefix?: string;
	headers?: Record<string, string>;
	secretAccessKey?: string;
	service?: string;
}

interface HttpReply {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	body: any;
}

async function send(method: string, path: string, opts: SendOptions = {}): Promise<HttpReply> {
	const url = new URL(sandbox.urls.connectHealth);
	const aws = sandbox.credentials.aws;
	const hostname = `${opts.hostPrefix ?? ''}${url.hostname}`;
	const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
	const signer = new SignatureV4({
		service: opts.service ?? 'health-agent',
		region: aws.region,
		credentials: {
			accessKeyId: aws.accessKeyId,
			secretAccessKey: opts.secretAccessKey ?? aws.secretAccessKey,
		},
		sha256: Sha256,
	});
	const signed = await signer.sign({
		method,
		protocol: 'http:',
		hostname,
		port: Number(url.port),
		path,
		query: opts.query ?? {},
		headers: {
			host: `${hostname}:${url.port}`,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...opts.headers,
		},
		body,
	});
	const qs = new URLSearchParams();
	for (const [k, v] of Object.entries(opts.query ?? {}))
		for (const item of Array.isArray(v) ? v : [v]) qs.append(k, item);
	const fullPath = qs.size > 0 ? `${path}?${qs.toString().replace(/\+/g, '%20')}` : path;
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port: Number(url.port),
				method,
				path: fullPath,
				headers: signed.headers,
			},
			(res) => {
				const parts: Buffer[] = [];
				res.on('data', (c: Buffer) => parts.push(c));
				res.on('end', () => {
					const text = Buffer.concat(parts).toString('utf8');
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						text,
						body: text ? JSON.parse(text) : undefined,
					});
				});
			},
		);
		req.on('error', reject);
		if (body !== undefined) req.write(body);
		req.end();
	});
}

/** The restJson1 error shape: type in `x-amzn-errortype`, `{"message"}` in the body. */
function expectError(reply: HttpReply, status: number, type: string): void {
	expect(reply.status).toBe(status);
	expect(reply.headers['x-amzn-errortype']).toBe(type);
	expect(reply.body).toEqual({ message: expect.any(String) });
}

const arnPath = (arn: string): string => `/tags/${encodeURIComponent(arn)}`;
const demo = CONNECT_HEALTH_DEMO;

describe('Connect Health over signed HTTP', () => {
	it('rejects a request signed with a wrong secret, or for another service, before any operation runs', async () => {
		const before = (await send('GET', '/domain')).body.domains.length;
		const badSecret = await send('POST', '/domain', {
			body: { name: 'should-not-exist' },
			secretAccessKey: 'not-the-sandbox-secret',
		});
		expectError(badSecret, 403, 'InvalidSignatureException');
		const wrongService = await send('GET', '/domain', { service: 'connecthealth' });
		expectError(wrongService, 403, 'InvalidSignatureException');
		expect((await send('GET', '/domain')).body.domains.length).toBe(before);
		const entry = sandbox.log
			.entries({ service: 'connectHealth', method: 'POST', pathPrefix: '/domain' })
			.pop()!;
		expect(entry).toMatchObject({ status: 403, errorType: 'InvalidSignatureException' });
		expect(entry.headers.authorization).toBe('[redacted]');
	});

	it('CreateDomain 201 / GetDomain 200 / ListDomains 200 / DeleteDomain 200, with their modelled errors', async () => {
		const created = await send('POST', '/domain', {
			body: { name: 'HTTP Clinic', tags: { via: 'http' } },
		});
		expect(created.status).toBe(201);
		expect(created.headers['content-type']).toContain('application/json');
		expect(created.headers['x-amzn-requestid']).toEqual(expect.any(String));
		expect(created.body).toMatchObject({
			name: 'HTTP Clinic',
			status: 'ACTIVE',
			createdAt: sandbox.clock.now() / 1000,
		});
		const { domainId, arn } = created.body;

		const got = await send('GET', `/domain/${domainId}`);
		expect(got.status).toBe(200);
		expect(got.body).toMatchObject({ domainId, arn, tags: { via: 'http' } });
		expectError(
			await send('GET', '/domain/dom-zzzzzzzzzzzzzzzzzzzz'),
			404,
			'ResourceNotFoundException',
		);

		const list = await send('GET', '/domain', { query: { maxResults: '1' } });
		expect(list.status).toBe(200);
		expect(list.body.domains).toHaveLength(1);
		expect(list.body.domains[0].domainId).toBe(demo.domainId);
		const next = await send('GET', '/domain', {
			query: { maxResults: '100', nextToken: list.body.nextToken },
		});
		expect(next.body.domains.map((d: any) => d.domainId)).toContain(domainId);
		expectError(
			await send('GET', '/domain', { query: { status: 'GONE' } }),
			400,
			'ValidationException',
		);

		const deleted = await send('DELETE', `/domain/${domainId}`);
		expect(deleted.status).toBe(200);
		expect(deleted.body).toEqual({ domainId, arn, status: 'DELETING' });
		expectError(
			await send('DELETE', '/domain/dom-zzzzzzzzzzzzzzzzzzzz'),
			404,
			'ResourceNotFoundException',
		);
	});

	it('CreateDomain answers 402 ServiceQuotaExceededException past the domain quota', async () => {
		let reply: HttpReply | undefined;
		for (let i = 0; i <= MAX_DOMAINS; i++) {
			reply = await send('POST', '/domain', { body: { name: `quota-${i}` } });
			if (reply.status !== 201) break;
		}
		expectError(reply!, 402, 'ServiceQuotaExceededException');
	});

	it('CreateSubscription 201 (no body, flat) / Get / List / Deactivate / Activate 200, with their modelled errors', async () => {
		const created = await send('POST', `/domains/${demo.domainId}/subscriptions`);
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ domainId: demo.domainId, status: 'ACTIVE' });
		const base = `/domains/${demo.domainId}/subscriptions/${created.body.subscriptionId}`;

		const got = await send('GET', base);
		expect(got.status).toBe(200);
		expect(got.body.subscription).toEqual(created.body);
		const list = await send('GET', `/domains/${demo.domainId}/subscriptions`, {
			query: { maxResults: '100' },
		});
		expect(list.status).toBe(200);
		expect(list.body.subscriptions.map((s: any) => s.subscriptionId)).toEqual([
			demo.subscriptionId,
			demo.inactiveSubscriptionId,
			created.body.subscriptionId,
		]);

		const off = await send('POST', `${base}/deactivate`);
		expect(off.status).toBe(200);
		expect(off.body.subscription.status).toBe('INACTIVE');
		const on = await send('POST', `${base}/activate`);
		expect(on.status).toBe(200);
		expect(on.body.subscription.status).toBe('ACTIVE');

		expectError(
			await send('POST', '/domains/dom-zzzzzzzzzzzzzzzzzzzz/subscriptions'),
			404,
			'ResourceNotFoundException',
		);
		expectError(
			await send('GET', `/domains/${demo.domainId}/subscriptions/sub-bad`),
			400,
			'ValidationException',
		);
		expectError(
			await send('GET', '/domains/dom-zzzzzzzzzzzzzzzzzzzz/subscriptions'),
			404,
			'ResourceNotFoundException',
		);
		expectError(
			await send(
				'POST',
				`/domains/${demo.domainId}/subscriptions/sub-000000000000000000000/activate`,
			),
			404,
			'ResourceNotFoundException',
		);
		expectError(
			await send(
				'POST',
				`/domains/${demo.domainId}/subscriptions/sub-000000000000000000000/deactivate`,
			),
			404,
			'ResourceNotFoundException',
		);
	});

	it('StartPatientInsightsJob / GetPatientInsightsJob on the runtime. host: lifecycle on the clock, idempotent clientToken, errors', async () => {
		sandbox.store.ensureBucket('http-records');
		sandbox.store.put(
			'http-records',
			'p/1.json',
			'{"priorEncounter":"enc-primary-care-001"}',
			'application/json',
		);
		const body = jobBody({
			inputDataConfig: { s3Sources: [{ uri: 's3://http-records/p/1.json' }] },
			outputDataConfig: { s3OutputPath: `${demo.insightsOutputPath}/http/` },
			clientToken: 'http-token-1',
		});
		const path = `/domain/${demo.domainId}/patient-insights-job`;
		const start = await send('POST', path, { body, hostPrefix: 'runtime.' });
		expect(start.status).toBe(200);
		expect(start.body).toEqual({
			jobArn: expect.stringMatching(/patient-insights-job\//),
			jobId: expect.any(String),
			creationTime: new Date(sandbox.clock.now()).toISOString(),
		});
		expect((await send('POST', path, { body, hostPrefix: 'runtime.' })).body).toEqual(start.body);
		expectError(
			await send('POST', path, {
				body: { ...body, userContext: { role: 'CLINICIAN', userId: 'someone-else' } },
				hostPrefix: 'runtime.',
			}),
			409,
			'ConflictException',
		);
		expectError(
			await send('POST', path, {
				body: { ...body, clientToken: undefined, insightsContext: {} },
				hostPrefix: 'runtime.',
			}),
			400,
			'ValidationException',
		);

		const jobPath = `${path}/${start.body.jobId}`;
		expect((await send('GET', jobPath, { hostPrefix: 'runtime.' })).body.jobStatus).toBe(
			'SUBMITTED',
		);
		sandbox.clock.advance(60_000);
		const done = await send('GET', jobPath, { hostPrefix: 'runtime.' });
		expect(done.status).toBe(200);
		expect(done.body).toMatchObject({
			jobId: start.body.jobId,
			jobStatus: 'SUCCEEDED',
			creationTime: start.body.creationTime,
		});
		expect(
			done.body.insightsOutput.uri.startsWith(`${demo.insightsOutputPath}/http/patient-insights/`),
		).toBe(true);
		expectError(
			await send('GET', `${path}/nope`, { hostPrefix: 'runtime.' }),
			404,
			'ResourceNotFoundException',
		);
		expectError(
			await send('GET', `${path}/${'x'.repeat(40)}`, { hostPrefix: 'runtime.' }),
			400,
			'ValidationException',
		);
		expectError(
			await send('GET', jobPath, { hostPrefix: 'streaming.' }),
			404,
			'UnknownOperationException',
		);

		const logged = sandbox.log.entries({
			service: 'connectHealth',
			method: 'POST',
			pathPrefix: path,
		})[0];
		expect(logged.auth).toEqual({
			accessKeyId: sandbox.credentials.aws.accessKeyId,
			region: 'us-east-1',
			service: 'health-agent',
		});
		expect(logged.headers.host).toMatch(/^runtime\./);
	});

	it('GetMedicalScribeListeningSession on the streaming. host returns the seeded session and its artifact URIs', async () => {
		const path = `/medical-scribe-stream/domain/${demo.domainId}/subscription/${demo.subscriptionId}/session/${demo.sessionIds[0]}`;
		const reply = await send('GET', path, { hostPrefix: 'streaming.' });
		expect(reply.status).toBe(200);
		const details = reply.body.medicalScribeListeningSessionDetails;
		expect(details).toMatchObject({ sessionId: demo.sessionIds[0], streamStatus: 'COMPLETED' });
		const note = details.postStreamActionResult.clinicalNoteGenerationResult.noteResult;
		expect(note.status).toBe('COMPLETED');
		const key = note.outputLocation.slice('s3://sandbox-connect-health-output/'.length);
		expect(
			JSON.parse(sandbox.store.get('sandbox-connect-health-output', key)!.body.toString())
				.ClinicalDocumentation.SessionId,
		).toBe(demo.sessionIds[0]);
		expectError(
			await send('GET', path.replace(demo.sessionIds[0], '00000000-0000-4000-8000-0000000000ff'), {
				hostPrefix: 'streaming.',
			}),
			404,
			'ResourceNotFoundException',
		);
	});

	it('StartMedicalScribeListeningSession over HTTP/1.1 validates its headers, then answers that it needs HTTP/2', async () => {
		expectError(
			await send('POST', '/medical-scribe-stream/', { hostPrefix: 'streaming.' }),
			400,
			'ValidationException',
		);
		const headers = {
			'x-amzn-medscribe-session-id': '0d5f3a2c-8e1b-4c7d-9a6f-3b2e1d0c9f55',
			'x-amzn-medscribe-domain-id': demo.domainId,
			'x-amzn-medscribe-subscription-id': demo.subscriptionId,
			'x-amzn-medscribe-language-code': 'en-US',
			'x-amzn-medscribe-sample-rate': '16000',
			'x-amzn-medscribe-media-encoding': 'pcm',
		};
		expectError(
			await send('POST', '/medical-scribe-stream/', { hostPrefix: 'streaming.', headers }),
			505,
			'HttpVersionNotSupported',
		);
	});

	it('TagResource 204 / UntagResource 204 / ListTagsForResource 200 on a percent-encoded ARN label', async () => {
		const path = arnPath(
			`arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${demo.domainId}/subscription/${demo.subscriptionId}`,
		);
		const tagged = await send('POST', path, {
			body: { tags: { team: 'front-desk', site: 'north' } },
		});
		expect(tagged.status).toBe(204);
		expect(tagged.text).toBe('');
		const untagged = await send('DELETE', path, { query: { tagKeys: ['site', 'absent'] } });
		expect(untagged.status).toBe(204);
		const listed = await send('GET', path);
		expect(listed.status).toBe(200);
		expect(listed.body).toEqual({ tags: { team: 'front-desk' } });

		const unknown = arnPath(
			'arn:aws:health-agent:us-east-1:111122223333:domain/dom-zzzzzzzzzzzzzzzzzzzz',
		);
		expectError(await send('GET', unknown), 404, 'ResourceNotFoundException');
		expectError(
			await send('POST', unknown, { body: { tags: { a: 'b' } } }),
			404,
			'ResourceNotFoundException',
		);
		expectError(await send('DELETE', path), 400, 'ValidationException');
	});
});
