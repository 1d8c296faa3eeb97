import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	NODE,
	OUTPUT_BUCKET,
	seedJob,
} from '../healthscribe/helpers';

/**
 * A 200 whose body is cut short (the sandbox's `malformed`: Content-Length matches the half it
 * sends; `cut`: the whole length is announced and the connection dropped half way) is retried for
 * safe operations and, when it stays cut, reported as a named, clean error.
 */
describe('AWS SDK transports: cut answers', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 1 });
		await seedJob(sandbox, 'cut-visit-1', sandbox.seededRecordings[0]);
		sandbox.clock.advance(600_000);
	});
	afterAll(async () => await sandbox.stop());
	afterEach(() => sandbox.faults.clear());

	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	const get = (extra: Record<string, unknown> = {}) => ({
		resource: 'medicalScribeJob',
		operation: 'get',
		jobName: 'cut-visit-1',
		...extra,
	});
	const role = () =>
		`arn:aws:iam::${sandbox.credentials.aws.accountId}:role/ClinicalScribeAutomation`;
	const assumeRole = () => ({
		awsClinicalApi: {
			...credentialsFor(sandbox).awsClinicalApi,
			authentication: 'assumeRole',
			roleArn: role(),
		},
	});
	const noInternals = (text: string) => {
		expect(text).not.toMatch(/Deserialization|\$response|hidden field|SyntaxError|Unexpected end/);
	};

	it.each(['malformed', 'cut'] as const)(
		'Transcribe GetMedicalScribeJob: a %s answer is retried and the job returned',
		async (kind) => {
			const from = since();
			sandbox.faults.failNext({
				kind,
				count: 2,
				service: 'transcribe',
				match: { target: 'GetMedicalScribeJob' },
			});
			const { items, error } = await runNode(NODE, get(), { credentials: credentialsFor(sandbox) });
			expect(error).toBeUndefined();
			expect(items[0].json.MedicalScribeJobName).toBe('cut-visit-1');
			expect(items[0].json.MedicalScribeJobStatus).toBe('COMPLETED');
			const calls = sandbox.log.entries({ since: from, target: 'GetMedicalScribeJob' });
			expect(calls.map((c) => c.fault ?? 'ok')).toEqual([kind, kind, 'ok']);
		},
	);

	it('Transcribe: an answer that stays cut fails with a clear error naming the operation', async () => {
		sandbox.faults.failNext({
			kind: 'malformed',
			count: 50,
			service: 'transcribe',
			match: { target: 'GetMedicalScribeJob' },
		});
		const { items } = await runNode(NODE, get(), {
			credentials: credentialsFor(sandbox),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toContain('GetMedicalScribeJob failed');
		expect(message).toContain('MalformedResponse');
		expect(message).toContain('cut short');
		noInternals(JSON.stringify(items[0].json));
	});

	it.each(['malformed', 'cut'] as const)(
		'S3 GetObject: a %s output download is retried and the note read whole',
		async (kind) => {
			const from = since();
			sandbox.faults.failNext({
				kind,
				count: 2,
				service: 's3',
				match: { method: 'GET', pathPrefix: `/${OUTPUT_BUCKET}/` },
			});
			const { items, error } = await runNode(
				NODE,
				get({ includeOutputs: 'raw', rawAsBinary: true }),
				{ credentials: credentialsFor(sandbox) },
			);
			expect(error).toBeUndefined();
			const transcript = JSON.parse(
				Buffer.from(items[0].binary!.transcript.data, 'base64').toString('utf8'),
			);
			expect(transcript.Conversation.JobName).toBe('cut-visit-1');
			const reads = sandbox.log.entries({ since: from, service: 's3', method: 'GET' });
			expect(reads.map((r) => r.fault ?? 'ok')).toEqual([kind, kind, 'ok', 'ok']);
		},
	);

	it('S3 GetObject: a download that stays cut is a named transient failure, not "not HealthScribe output"', async () => {
		sandbox.faults.failNext({
			kind: 'malformed',
			count: 50,
			service: 's3',
			match: { method: 'GET', pathPrefix: `/${OUTPUT_BUCKET}/` },
		});
		const { items } = await runNode(NODE, get({ includeOutputs: 'raw', rawAsBinary: true }), {
			credentials: credentialsFor(sandbox),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toContain('GetObject failed');
		expect(message).toContain('MalformedResponse');
		expect(message).not.toMatch(/not HealthScribe output|not valid JSON/i);
		noInternals(JSON.stringify(items[0].json));
	});

	it.each(['malformed', 'cut'] as const)(
		'STS AssumeRole: a %s answer is retried and the call made with the role',
		async (kind) => {
			const from = since();
			sandbox.faults.failNext({ kind, count: 2, service: 'sts', match: { target: 'AssumeRole' } });
			const { items, error } = await runNode(NODE, get(), { credentials: assumeRole() });
			expect(error).toBeUndefined();
			expect(items[0].json.MedicalScribeJobName).toBe('cut-visit-1');
			expect(
				sandbox.log
					.entries({ since: from, service: 'sts' })
					.map((e) => `${e.target}:${e.fault ?? 'ok'}`),
			).toEqual([`AssumeRole:${kind}`, `AssumeRole:${kind}`, 'AssumeRole:ok']);
			const call = sandbox.log.entries({ since: from, target: 'GetMedicalScribeJob' });
			expect(call).toHaveLength(1);
			expect(call[0].status).toBe(200);
		},
	);

	it('STS AssumeRole: when it keeps failing the error is a credentials failure, not the operation’s', async () => {
		const from = since();
		sandbox.faults.failNext({
			kind: 'malformed',
			count: 50,
			service: 'sts',
			match: { target: 'AssumeRole' },
		});
		const { items } = await runNode(NODE, get(), {
			credentials: assumeRole(),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toMatch(
			/^Could not get AWS credentials \(AssumeRole\) for GetMedicalScribeJob/,
		);
		expect(message).not.toContain('GetMedicalScribeJob failed');
		noInternals(JSON.stringify(items[0].json));
		expect(sandbox.log.entries({ since: from, target: 'GetMedicalScribeJob' })).toHaveLength(0);
	});

	it('STS AssumeRole denied: named as a credentials failure with the STS error', async () => {
		const creds = assumeRole();
		creds.awsClinicalApi.roleArn = `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/external-id-required-scribe`;
		const { items } = await runNode(NODE, get(), { credentials: creds, continueOnFail: true });
		expect(String(items[0].json.error)).toMatch(
			/^Could not get AWS credentials \(AssumeRole\) for GetMedicalScribeJob \(HTTP 403\): AccessDenied/,
		);
	});
});
