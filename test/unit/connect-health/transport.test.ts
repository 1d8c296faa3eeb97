import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INode } from 'n8n-workflow';
import { readAwsSettings } from '../../../nodes/common/aws/settings';
import {
	ConnectHealthClient,
	omitAbsent,
	restPath,
} from '../../../nodes/ConnectHealth/transport/client';
import { sanitizeErrorType } from '../../../nodes/ConnectHealth/transport/errors';
import { resolveEndpoint } from '../../../nodes/ConnectHealth/transport/endpoint';
import { startPatientInsightsJob } from '../../../nodes/ConnectHealth/transport/patientInsights';
import { getDomain, listDomains } from '../../../nodes/ConnectHealth/transport/domains';
import { getListeningSession } from '../../../nodes/ConnectHealth/transport/listeningSessions';
import { untagResource, tagResource } from '../../../nodes/ConnectHealth/transport/tags';
import {
	createSubscription,
	getSubscription,
} from '../../../nodes/ConnectHealth/transport/subscriptions';
import { getPatientInsightsJob } from '../../../nodes/ConnectHealth/transport/patientInsights';
import {
	canonicalRequest,
	readClaim,
	sign,
	signingKey,
	stringToSign,
} from '../../../sandbox/core/sigv4';

/** Independent SigV4 verifier (the sandbox's, written from the published algorithm). */
function verify(received: Received, secret: string): boolean {
	const claim = readClaim(received.headers, new URLSearchParams(received.rawQuery))!;
	const canonical = canonicalRequest({
		method: received.method,
		rawPath: received.rawPath,
		rawQuery: received.rawQuery,
		headers: received.headers,
		signedHeaders: claim.signedHeaders,
		payloadHash: require('node:crypto').createHash('sha256').update(received.body).digest('hex'),
		s3: false,
	});
	return (
		sign(signingKey(secret, claim.scope), stringToSign(claim.amzDate, claim.scope, canonical)) ===
		claim.signature
	);
}

interface Received {
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: Record<string, string>;
	body: Buffer;
}

type Reply = (res: http.ServerResponse, req: Received) => void;

const json =
	(status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
	(res) => {
		res.writeHead(status, {
			'content-type': 'application/json',
			'x-amzn-requestid': 'req-123',
			...headers,
		});
		res.end(body === undefined ? '' : JSON.stringify(body));
	};

/** A stub server answering from a script of replies (the last one repeats). */
async function stub(replies: Reply[]) {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const url = req.url ?? '/';
			const q = url.indexOf('?');
			const entry: Received = {
				method: req.method ?? '',
				rawPath: q < 0 ? url : url.slice(0, q),
				rawQuery: q < 0 ? '' : url.slice(q + 1),
				headers: req.headers as Record<string, string>,
				body: Buffer.concat(chunks),
			};
			received.push(entry);
			replies[Math.min(received.length - 1, replies.length - 1)](res, entry);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const node: INode = {
	id: '1',
	name: 'Connect Health',
	type: 'n8n-nodes-clinical-scribe.amazonConnectHealth',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const waits: number[] = [];

function client(url: string, extra: Record<string, unknown> = {}) {
	const settings = readAwsSettings({
		region: 'eu-west-2',
		accessKeyId: 'AKIDEXAMPLE',
		secretAccessKey: SECRET,
		customEndpoints: true,
		connectHealthEndpoint: url,
		connectHealthHostPrefix: false,
		...extra,
	});
	const identity = async () => ({
		accessKeyId: 'AKIDEXAMPLE',
		secretAccessKey: SECRET,
		...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}),
	});
	return new ConnectHealthClient({
		settings,
		identity,
		node,
		retry: {
			retries: 3,
			baseDelayMs: 100,
			maxDelayMs: 2000,
			wait: async (ms) => void waits.push(ms),
			random: () => 0.5,
		},
	});
}

const DOMAIN = 'dom-abcdefghij0123456789';
const ARN = `arn:aws:health-agent:eu-west-2:123456789012:domain/${DOMAIN}`;

beforeEach(() => (waits.length = 0));

describe('signing and request format', () => {
	test('JSON body: signed with health-agent scope over exactly what was sent, absent members omitted', async () => {
		const server = await stub([
			json(200, {
				jobId: 'job-1',
				jobArn: `${ARN}/patient-insights-job/job-1`,
				creationTime: '2026-11-22T10:00:00.5+01:00',
			}),
		]);
		try {
			const out = await startPatientInsightsJob(client(server.url, { sessionToken: 'TOKEN-abc' }), {
				domainId: DOMAIN,
				patientContext: { patientId: 'P-1', dateOfBirth: undefined },
				insightsContext: { insightsType: 'PRE_VISIT' },
				encounterContext: { encounterReason: 'Cough' },
				userContext: { role: 'CLINICIAN', userId: 'U-1' },
				inputDataConfig: { s3Sources: [{ uri: 's3://in-bucket/x.json' }] },
				outputDataConfig: { s3OutputPath: 's3://out-bucket/insights/' },
			});
			const [req] = server.received;
			expect(req.method).toBe('POST');
			expect(req.rawPath).toBe(`/domain/${DOMAIN}/patient-insights-job`);
			expect(req.headers['content-type']).toBe('application/json');
			expect(req.headers['x-amz-security-token']).toBe('TOKEN-abc');
			expect(req.headers['x-amz-content-sha256']).toBe(
				require('node:crypto').createHash('sha256').update(req.body).digest('hex'),
			);
			expect(req.headers.authorization).toMatch(
				/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-2\/health-agent\/aws4_request, SignedHeaders=/,
			);
			const signed = /SignedHeaders=([^,]+)/.exec(req.headers.authorization)![1].split(';');
			expect(signed).toEqual(
				expect.arrayContaining([
					'content-type',
					'host',
					'x-amz-content-sha256',
					'x-amz-date',
					'x-amz-security-token',
				]),
			);
			expect(verify(req, SECRET)).toBe(true);
			const body = JSON.parse(req.body.toString());
			expect(body.patientContext).toEqual({ patientId: 'P-1' });
			expect(body.clientToken).toMatch(
				/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
			);
			expect(out).toEqual({
				jobId: 'job-1',
				jobArn: `${ARN}/patient-insights-job/job-1`,
				creationTime: '2026-11-22T09:00:00.500Z',
				clientToken: body.clientToken,
			});
		} finally {
			await server.close();
		}
	});

	test('no-body POST sends no body and no content-type; ARN label is escaped once on the wire and signs double-encoded', async () => {
		const server = await stub([
			json(201, {
				domainId: DOMAIN,
				subscriptionId: 'sub-abcdefghijklmnopqrstu',
				arn: 'x',
				status: 'ACTIVE',
				createdAt: 946702799.999,
				lastUpdatedAt: 1700000000,
			}),
			json(204, undefined),
		]);
		try {
			const sub = await createSubscription(client(server.url), { domainId: DOMAIN });
			expect(sub.createdAt).toBe('2000-01-01T04:59:59.999Z');
			expect(sub.lastUpdatedAt).toBe('2023-11-14T22:13:20.000Z');
			await tagResource(client(server.url), {
				resourceArn: `${ARN}/subscription/sub-x`,
				tags: { team: 'front desk' },
			});
			const [create, tag] = server.received;
			expect(create.body.length).toBe(0);
			expect(create.headers['content-type']).toBeUndefined();
			expect(create.headers['x-amz-content-sha256']).toBe(
				'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
			);
			expect(tag.rawPath).toBe(
				'/tags/arn%3Aaws%3Ahealth-agent%3Aeu-west-2%3A123456789012%3Adomain%2Fdom-abcdefghij0123456789%2Fsubscription%2Fsub-x',
			);
			expect(verify(create, SECRET)).toBe(true);
			expect(verify(tag, SECRET)).toBe(true);
			expect(verify(tag, 'another-secret')).toBe(false);
		} finally {
			await server.close();
		}
	});

	test('query: lists repeated, integers decimal, unset members left out, reserved characters escaped', async () => {
		const server = await stub([json(204, undefined), json(200, { domains: [], nextToken: '' })]);
		try {
			await untagResource(client(server.url), {
				resourceArn: ARN,
				tagKeys: ['cost center', 'a&b=c'],
			});
			await listDomains(client(server.url), { maxResults: 25, nextToken: 'abc/+=' });
			const [untag, list] = server.received;
			expect(untag.method).toBe('DELETE');
			expect(untag.rawQuery).toBe('tagKeys=cost%20center&tagKeys=a%26b%3Dc');
			expect(list.rawQuery).toBe('maxResults=25&nextToken=abc%2F%2B%3D');
			expect(verify(untag, SECRET)).toBe(true);
			expect(verify(list, SECRET)).toBe(true);
		} finally {
			await server.close();
		}
	});

	test('restPath escapes every label; omitAbsent never sends null', () => {
		expect(restPath`/domain/${'a b/c:d'}/job/${"x!'()*"}`).toBe(
			'/domain/a%20b%2Fc%3Ad/job/x%21%27%28%29%2A',
		);
		expect(
			omitAbsent({ a: 1, b: null, c: undefined, d: { e: null, f: [1, null, { g: undefined }] } }),
		).toEqual({ a: 1, d: { f: [1, {}] } });
	});

	test('GetPatientInsightsJob drops the echoed FHIR OAuth token', async () => {
		const server = await stub([
			json(200, {
				jobId: 'j',
				jobStatus: 'SUCCEEDED',
				inputDataConfig: {
					fhirServer: { fhirEndpoint: 'https://fhir.example/r4', oauthToken: 'secret-token' },
				},
				updatedTime: '2026-01-01T00:00:00Z',
			}),
		]);
		try {
			const job = await getPatientInsightsJob(client(server.url), { domainId: DOMAIN, jobId: 'j' });
			expect(JSON.stringify(job)).not.toContain('secret-token');
			expect(job.inputDataConfig.fhirServer).toEqual({ fhirEndpoint: 'https://fhir.example/r4' });
			expect(job.updatedTime).toBe('2026-01-01T00:00:00.000Z');
		} finally {
			await server.close();
		}
	});

	test('responses are read member by member: unknown members and an echoed token never reach the output', async () => {
		const unknown = { debugToken: 'leak-1', internalNote: 'leak-2' };
		const server = await stub([
			json(200, {
				jobId: 'j',
				jobStatus: 'IN_PROGRESS',
				...unknown,
				patientContext: { patientId: 'P-1', ...unknown },
				inputDataConfig: {
					fhirServer: {
						fhirEndpoint: 'https://fhir.example/r4',
						oauthToken: 'secret-token',
						...unknown,
					},
					s3Sources: [{ uri: 's3://in-bucket/a.json', ...unknown }],
					...unknown,
				},
			}),
			json(200, {
				domainId: DOMAIN,
				arn: ARN,
				name: 'n',
				status: 'ACTIVE',
				createdAt: 1,
				tags: { team: 'ops' },
				webAppConfiguration: { ehrRole: 'r', idcApplicationId: 'a', idcRegion: 'x', ...unknown },
				...unknown,
			}),
			json(200, {
				subscription: {
					domainId: DOMAIN,
					subscriptionId: 'sub-1',
					status: 'ACTIVE',
					createdAt: 'not a time',
					lastUpdatedAt: 2,
					...unknown,
				},
				...unknown,
			}),
			json(200, {
				medicalScribeListeningSessionDetails: {
					sessionId: 's',
					mediaSampleRateHertz: '16000',
					streamCreationTime: 3,
					channelDefinitions: [{ channelId: 0, participantRole: 'CLINICIAN', ...unknown }],
					postStreamActionResult: {
						clinicalNoteGenerationResult: {
							noteResult: {
								status: 'COMPLETED',
								outputLocation: 's3://out-bucket/n.json',
								...unknown,
							},
							...unknown,
						},
					},
					...unknown,
				},
				...unknown,
			}),
		]);
		try {
			const c = client(server.url);
			const job = await getPatientInsightsJob(c, { domainId: DOMAIN, jobId: 'j' });
			const domain = await getDomain(c, { domainId: DOMAIN });
			const subscription = await getSubscription(c, { domainId: DOMAIN, subscriptionId: 'sub-1' });
			const session = await getListeningSession(c, {
				domainId: DOMAIN,
				subscriptionId: 'sub-1',
				sessionId: 's',
			});
			const all = JSON.stringify([job, domain, subscription, session]);
			for (const secret of [
				'secret-token',
				'oauthToken',
				'leak-1',
				'leak-2',
				'debugToken',
				'internalNote',
			])
				expect(all).not.toContain(secret);
			expect(job).toEqual({
				jobId: 'j',
				jobStatus: 'IN_PROGRESS',
				patientContext: { patientId: 'P-1' },
				inputDataConfig: {
					fhirServer: { fhirEndpoint: 'https://fhir.example/r4' },
					s3Sources: [{ uri: 's3://in-bucket/a.json' }],
				},
			});
			expect(domain).toEqual({
				domainId: DOMAIN,
				arn: ARN,
				name: 'n',
				status: 'ACTIVE',
				createdAt: '1970-01-01T00:00:01.000Z',
				tags: { team: 'ops' },
				webAppConfiguration: { ehrRole: 'r', idcApplicationId: 'a', idcRegion: 'x' },
			});
			// A member of the wrong type (a timestamp that is none) is dropped, not passed on.
			expect(subscription).toEqual({
				domainId: DOMAIN,
				subscriptionId: 'sub-1',
				status: 'ACTIVE',
				lastUpdatedAt: '1970-01-01T00:00:02.000Z',
			});
			expect(session).toEqual({
				sessionId: 's',
				streamCreationTime: '1970-01-01T00:00:03.000Z',
				channelDefinitions: [{ channelId: 0, participantRole: 'CLINICIAN' }],
				postStreamActionResult: {
					clinicalNoteGenerationResult: {
						noteResult: { status: 'COMPLETED', outputLocation: 's3://out-bucket/n.json' },
					},
				},
			});
		} finally {
			await server.close();
		}
	});
});

describe('errors', () => {
	test.each([
		['com.amazonaws.connecthealth#ValidationException', 'ValidationException'],
		[
			'ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/',
			'ValidationException',
		],
		['aws.protocoltests.restjson#FooError:http://x', 'FooError'],
	])('sanitizes %s', (raw, type) => expect(sanitizeErrorType(raw)).toBe(type));

	test.each([
		[
			'header x-amzn-errortype wins',
			json(
				404,
				{ __type: 'Other', message: 'Domain was not found.' },
				{ 'x-amzn-errortype': 'ResourceNotFoundException:http://x' },
			),
			'ResourceNotFoundException',
		],
		[
			'body __type with namespace',
			json(409, { __type: 'com.amazonaws.connecthealth#ConflictException', message: 'busy' }),
			'ConflictException',
		],
		[
			'body code',
			json(402, { code: 'ServiceQuotaExceededException', Message: 'too many' }),
			'ServiceQuotaExceededException',
		],
	])('%s', async (_name, reply, type) => {
		const server = await stub([reply]);
		try {
			const error = await listDomains(client(server.url), {}).catch((e) => e);
			expect(error.message).toContain(`ListDomains failed (HTTP`);
			expect(error.message).toContain(type);
			expect(error.description).toBe('Request ID: req-123');
			expect(server.received).toHaveLength(1);
		} finally {
			await server.close();
		}
	});

	test('the vendor message is redacted: echoed secrets and request values never reach the error', async () => {
		const server = await stub([
			json(
				400,
				{ message: `Patient 'P-778899' with token Bearer abc.def and key ${SECRET} rejected` },
				{ 'x-amzn-errortype': 'ValidationException' },
			),
		]);
		try {
			const error = await listDomains(client(server.url), {}, { secrets: ['P-778899'] }).catch(
				(e) => e,
			);
			expect(error.message).toContain('ValidationException');
			for (const text of ['P-778899', 'abc.def', SECRET])
				expect(
					JSON.stringify({ m: error.message, d: error.description, c: error.context }),
				).not.toContain(text);
		} finally {
			await server.close();
		}
	});

	test('a non-JSON 5xx body does not crash the parser and is retried', async () => {
		const html: Reply = (res) => {
			res.writeHead(502, { 'content-type': 'text/html' });
			res.end('<html>Bad gateway</html>');
		};
		const server = await stub([html]);
		try {
			const error = await listDomains(client(server.url), {}).catch((e) => e);
			expect(error.message).toContain('ListDomains failed (HTTP 502)');
			expect(server.received).toHaveLength(4);
		} finally {
			await server.close();
		}
	});
});

describe('retries', () => {
	test('429/503 and a reset are retried with the same body and clientToken, each attempt signed afresh', async () => {
		const reset: Reply = (res) => res.socket?.destroy();
		const server = await stub([
			json(
				429,
				{ message: 'Rate exceeded' },
				{ 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '1' },
			),
			reset,
			json(503, { message: 'unavailable' }),
			json(200, { jobId: 'job-9', jobArn: 'arn' }),
		]);
		try {
			const out = await startPatientInsightsJob(client(server.url), {
				domainId: DOMAIN,
				patientContext: { patientId: 'P-1' },
				insightsContext: { insightsType: 'PRE_VISIT' },
				encounterContext: { encounterReason: 'Cough' },
				userContext: { role: 'CLINICIAN', userId: 'U-1' },
				inputDataConfig: {},
				outputDataConfig: { s3OutputPath: 's3://out-bucket/x/' },
			});
			expect(out.jobId).toBe('job-9');
			expect(server.received).toHaveLength(4);
			const tokens = server.received.map((r) => JSON.parse(r.body.toString()).clientToken);
			expect(new Set(tokens).size).toBe(1);
			expect(tokens[0]).toBe(out.clientToken);
			for (const r of server.received) expect(verify(r, SECRET)).toBe(true);
			// Retry-After (1 s) is honoured; the others use full jitter (0.5 × base·2^n).
			expect(waits).toEqual([1000, 100, 200]);
		} finally {
			await server.close();
		}
	});

	test('4xx client errors are not retried; retries stop after the configured number', async () => {
		const server = await stub([
			json(400, { message: 'bad' }, { 'x-amzn-errortype': 'ValidationException' }),
		]);
		const busy = await stub([
			json(500, { message: 'oops' }, { 'x-amzn-errortype': 'InternalServerException' }),
		]);
		try {
			await expect(listDomains(client(server.url), {})).rejects.toThrow('ValidationException');
			expect(server.received).toHaveLength(1);
			await expect(listDomains(client(busy.url), {})).rejects.toThrow('InternalServerException');
			expect(busy.received).toHaveLength(4);
		} finally {
			await server.close();
			await busy.close();
		}
	});

	test('an unreadable 2xx body is retried only for idempotent operations', async () => {
		const broken: Reply = (res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"domains": [');
		};
		const server = await stub([
			broken,
			json(200, {
				domains: [{ domainId: DOMAIN, arn: ARN, name: 'n', status: 'ACTIVE', createdAt: 1 }],
			}),
		]);
		const once = await stub([broken, json(201, {})]);
		try {
			const page = await listDomains(client(server.url), {});
			expect(page.items[0].createdAt).toBe('1970-01-01T00:00:01.000Z');
			expect(server.received).toHaveLength(2);
			await expect(createSubscription(client(once.url), { domainId: DOMAIN })).rejects.toThrow(
				'MalformedResponse',
			);
			expect(once.received).toHaveLength(1);
		} finally {
			await server.close();
			await once.close();
		}
	});
});

describe('endpoints', () => {
	const settings = (data: Record<string, unknown>) =>
		readAwsSettings({ accessKeyId: 'a', secretAccessKey: 'b', ...data });
	test.each([
		[{ region: 'us-east-1' }, '', 'https://health-agent.us-east-1.api.aws/'],
		[{ region: 'us-east-1' }, 'runtime.', 'https://runtime.health-agent.us-east-1.api.aws/'],
		[{ region: 'eu-west-2' }, 'streaming.', 'https://streaming.health-agent.eu-west-2.api.aws/'],
		[
			{ region: 'us-gov-west-1', useFips: true },
			'',
			'https://health-agent-fips.us-gov-west-1.api.aws/',
		],
		[
			{ region: 'cn-northwest-1' },
			'',
			'https://health-agent.cn-northwest-1.api.amazonwebservices.com.cn/',
		],
		[
			{
				region: 'us-east-1',
				customEndpoints: true,
				connectHealthEndpoint: 'https://vpce-1.example.com/',
			},
			'runtime.',
			'https://runtime.vpce-1.example.com/',
		],
		[
			{
				region: 'us-east-1',
				customEndpoints: true,
				connectHealthEndpoint: 'http://127.0.0.1:4010',
				connectHealthHostPrefix: false,
			},
			'runtime.',
			'http://127.0.0.1:4010/',
		],
	] as Array<[Record<string, unknown>, '' | 'runtime.' | 'streaming.', string]>)(
		'%j %s → %s',
		(data, prefix, url) => {
			expect(resolveEndpoint(settings(data), prefix).toString()).toBe(url);
		},
	);
});
