/** Rate limits, random faults (seeded) and the deterministic failNext queue, per service, and their admin endpoint. */
import {
	GetMedicalScribeJobCommand,
	ListMedicalScribeJobsCommand,
	StartMedicalScribeJobCommand,
} from '@aws-sdk/client-transcribe';
import { startSandbox, type Sandbox } from '../../sandbox';
import { createFaults } from '../../sandbox/core/faults';
import {
	admin,
	creds,
	rawRequest,
	sandbox,
	signedRequest,
	transcribeCall,
	transcribeClient,
} from './core-helpers';

const START = (sb: Sandbox, name: string) =>
	new StartMedicalScribeJobCommand({
		MedicalScribeJobName: name,
		Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
		OutputBucketName: 'sandbox-output',
		DataAccessRoleArn: 'arn:aws:iam::111122223333:role/HealthScribeAccess',
		Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
	});

/** Runs `total` calls with `concurrency` in flight; returns each outcome in completion order. */
async function fire<T>(
	total: number,
	concurrency: number,
	call: (i: number) => Promise<T>,
): Promise<T[]> {
	const results: T[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < total) results.push(await call(next++));
		}),
	);
	return results;
}

type Outcome = { status: number; type?: string; text?: string; error?: string; ms: number };

async function listCall(sb: Sandbox): Promise<Outcome> {
	const t = performance.now();
	try {
		const reply = await transcribeCall(sb, 'ListMedicalScribeJobs', { MaxResults: 1 });
		return {
			status: reply.status,
			type: reply.json?.__type,
			text: reply.text,
			ms: performance.now() - t,
		};
	} catch (e) {
		return {
			status: 0,
			error: (e as NodeJS.ErrnoException).code ?? (e as Error).message,
			ms: performance.now() - t,
		};
	}
}

describe('rate limits (token bucket per service)', () => {
	let sb: Sandbox;
	afterEach(() => sb.stop());

	test('Transcribe answers LimitExceededException (429) beyond its rate: a burst of 10 at a negligible refill rate accepts exactly 10 of 400', async () => {
		// The refill rate is tiny so the count never depends on how fast the machine sends; refill itself is stepped below.
		sb = await sandbox({ faults: { transcribe: { rateLimit: 0.001, burst: 10 } } });
		const outcomes = await fire(400, 6, () => listCall(sb));
		const accepted = outcomes.filter((o) => o.status === 200).length;
		const throttled = outcomes.filter((o) => o.status === 429);
		expect(accepted).toBe(10);
		expect(throttled).toHaveLength(390);
		expect(new Set(throttled.map((o) => o.type))).toEqual(new Set(['LimitExceededException']));
		expect(
			sb.log.entries({ service: 'transcribe' }).filter((e) => e.fault === 'throttle'),
		).toHaveLength(throttled.length);
	});

	test('the bucket refills at the rate and holds at most the burst (time stepped explicitly)', () => {
		let now = 0;
		const faults = createFaults({ transcribe: { rateLimit: 40, burst: 10 } }, () => now);
		const take = (n: number) =>
			Array.from(
				{ length: n },
				() => faults.decide('transcribe', { method: 'POST', path: '/' })?.kind ?? 'ok',
			);
		const accepted = (kinds: string[]) => kinds.filter((k) => k === 'ok').length;
		expect(accepted(take(15))).toBe(10); // the burst
		now += 100; // 40/s × 0.1 s = 4 tokens
		expect(accepted(take(10))).toBe(4);
		now += 60_000; // a long pause refills to the burst, not beyond
		expect(accepted(take(50))).toBe(10);
		expect(take(1)).toEqual(['throttle']);
	});

	test('each service throttles in its own wire format', async () => {
		sb = await sandbox({
			faults: {
				s3: { rateLimit: 0.001, burst: 1 },
				connectHealth: { rateLimit: 0.001, burst: 1 },
				heidi: { rateLimit: 0.001, burst: 1 },
				sts: { rateLimit: 0.001, burst: 1 },
			},
		});
		const twice = async (
			send: () => Promise<{ status: number; headers: Record<string, string>; text: string }>,
		) => {
			await send();
			return send();
		};
		const s3 = await twice(() =>
			signedRequest(sb.urls.s3, {
				method: 'GET',
				path: '/sandbox-media',
				credentials: creds(sb),
				signingName: 's3',
				s3: true,
			}),
		);
		expect(s3.status).toBe(503);
		expect(s3.text).toContain('<Code>SlowDown</Code>');
		const ch = await twice(() =>
			signedRequest(sb.urls.connectHealth, {
				method: 'GET',
				path: '/domain',
				credentials: creds(sb),
				signingName: 'health-agent',
			}),
		);
		expect(ch.status).toBe(429);
		expect(ch.headers['x-amzn-errortype']).toBe('ThrottlingException');
		const heidi = await twice(() =>
			rawRequest(`${sb.urls.heidi}/jwt?email=x@example.com&third_party_internal_id=1`, 'GET', {
				'heidi-api-key': sb.credentials.heidi.apiKey,
			}),
		);
		expect(heidi.status).toBe(429);
		expect(JSON.parse(heidi.text)).toEqual({
			detail: { msg: 'Too many requests', type: 'RateLimitExceededError' },
		});
		const sts = await twice(() =>
			signedRequest(sb.urls.sts, {
				credentials: creds(sb),
				signingName: 'sts',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'Action=GetCallerIdentity&Version=2011-06-15',
			}),
		);
		expect(sts.status).toBe(400);
		expect(sts.text).toContain('<Code>Throttling</Code>');
	});
});

describe('random faults from a seeded generator', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('a 25 % 5xx rate hits about 100 of 400 requests, with the service internal error', async () => {
		sb.faults.set({ seed: 42, transcribe: { faultRate: 0.25, kinds: ['5xx'] } });
		const outcomes = await fire(400, 4, () => listCall(sb));
		const failed = outcomes.filter((o) => o.status === 500);
		expect(failed.length).toBeGreaterThanOrEqual(70);
		expect(failed.length).toBeLessThanOrEqual(130);
		expect(outcomes.filter((o) => o.status === 200)).toHaveLength(400 - failed.length);
		expect(new Set(failed.map((o) => o.type))).toEqual(new Set(['InternalFailureException']));
	});

	test('the same seed gives the same fault sequence', async () => {
		const run = async (): Promise<string> => {
			sb.faults.set({ seed: 7, transcribe: { faultRate: 0.3, kinds: ['5xx'] } });
			const outcomes: Outcome[] = [];
			for (let i = 0; i < 60; i++) outcomes.push(await listCall(sb));
			return outcomes.map((o) => (o.status === 500 ? 'x' : '.')).join('');
		};
		const first = await run();
		expect(first).toContain('x');
		expect(await run()).toBe(first);
	});

	test('all kinds appear at a 100 % rate: resets, slow answers, truncated bodies and 5xx', async () => {
		sb.faults.set({
			seed: 3,
			transcribe: { faultRate: 1, kinds: ['5xx', 'reset', 'slow', 'malformed'], slowMs: 40 },
		});
		const outcomes = await fire(80, 4, () => listCall(sb));
		const resets = outcomes.filter((o) => o.status === 0);
		const errors = outcomes.filter((o) => o.status === 500);
		const ok = outcomes.filter((o) => o.status === 200);
		const malformed = ok.filter((o) => {
			try {
				JSON.parse(o.text!);
				return false;
			} catch {
				return true;
			}
		});
		const slow = ok.filter((o) => !malformed.includes(o));
		for (const group of [resets, errors, malformed, slow]) {
			expect(group.length).toBeGreaterThanOrEqual(8);
			expect(group.length).toBeLessThanOrEqual(32);
		}
		expect(new Set(resets.map((o) => o.error))).toEqual(new Set(['ECONNRESET']));
		for (const o of slow) expect(o.ms).toBeGreaterThanOrEqual(35);
		const logged = sb.log.entries({ service: 'transcribe' }).slice(-80);
		expect(logged.filter((e) => e.fault === 'reset').every((e) => e.status === 0)).toBe(true);
		sb.faults.clear();
	});
});

describe('failNext: deterministic failures for tests', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('throttle the next 2 StartMedicalScribeJob calls: other operations pass, the third start succeeds', async () => {
		const tc = transcribeClient(sb);
		sb.faults.failNext({ kind: 'throttle', count: 2, match: { target: 'StartMedicalScribeJob' } });
		await tc.send(new ListMedicalScribeJobsCommand({}));
		for (let i = 0; i < 2; i++) {
			await expect(tc.send(START(sb, 'throttled-start'))).rejects.toMatchObject({
				name: 'LimitExceededException',
				$metadata: { httpStatusCode: 429 },
			});
		}
		const started = await tc.send(START(sb, 'throttled-start'));
		expect(started.MedicalScribeJob!.MedicalScribeJobStatus).toBe('QUEUED');
		expect(sb.faults.get().failNext).toEqual([]);
		expect(
			sb.log.entries({ target: 'StartMedicalScribeJob' }).map((e) => e.fault ?? 'none'),
		).toEqual(['throttle', 'throttle', 'none']);
	});

	test('the SDK retries a throttle and a 5xx on its own: the caller sees one success', async () => {
		const tc = transcribeClient(sb, undefined, 3);
		sb.faults.failNext(
			{ kind: 'throttle', match: { target: 'GetMedicalScribeJob' } },
			{ kind: '5xx', match: { target: 'GetMedicalScribeJob' } },
		);
		const got = await tc.send(
			new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'throttled-start' }),
		);
		expect(got.$metadata.attempts).toBe(3);
	});

	test('a reset after processing loses the answer, not the work: the retry meets a ConflictException', async () => {
		const tc = transcribeClient(sb);
		sb.faults.failNext({
			kind: 'reset',
			service: 'transcribe',
			match: { target: 'Transcribe.StartMedicalScribeJob', method: 'POST', pathPrefix: '/' },
		});
		await expect(tc.send(START(sb, 'reset-start'))).rejects.toThrow();
		await expect(tc.send(START(sb, 'reset-start'))).rejects.toMatchObject({
			name: 'ConflictException',
		});
		const job = await tc.send(
			new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'reset-start' }),
		);
		expect(job.MedicalScribeJob!.MedicalScribeJobName).toBe('reset-start');
	});

	test('slow delays the answer; malformed truncates the body the SDK then cannot parse', async () => {
		sb.faults.failNext({ kind: 'slow', delayMs: 300, match: { target: 'ListMedicalScribeJobs' } });
		const slow = await listCall(sb);
		expect(slow.status).toBe(200);
		expect(slow.ms).toBeGreaterThanOrEqual(290);
		sb.faults.failNext({ kind: 'malformed', match: { target: 'GetMedicalScribeJob' } });
		await expect(
			transcribeClient(sb).send(
				new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'reset-start' }),
			),
		).rejects.toThrow();
		const entry = sb.log.entries({ target: 'GetMedicalScribeJob' }).at(-1)!;
		expect(entry).toMatchObject({ status: 200, fault: 'malformed' });
	});

	test('rules only match their service', async () => {
		sb.faults.failNext({ kind: '5xx', service: 's3' });
		expect((await listCall(sb)).status).toBe(200);
		expect(sb.faults.get().failNext).toEqual([{ kind: '5xx', service: 's3', count: 1 }]);
		const s3 = await signedRequest(sb.urls.s3, {
			method: 'GET',
			path: '/sandbox-media',
			credentials: creds(sb),
			signingName: 's3',
			s3: true,
		});
		expect(s3.status).toBe(500);
		expect(s3.text).toContain('<Code>InternalError</Code>');
	});
});

describe('fault configuration: admin endpoint, environment, validation', () => {
	let sb: Sandbox;
	afterEach(() => sb?.stop());

	test('POST /__sandbox/faults replaces the configuration; fail-next appends; admin calls are never faulted or logged', async () => {
		sb = await sandbox();
		const set = await admin(sb.urls.transcribe, 'POST', 'faults', {
			seed: 5,
			transcribe: { rateLimit: 0.001, burst: 1 },
		});
		expect(set.status).toBe(200);
		expect(set.json).toEqual({ seed: 5, transcribe: { rateLimit: 0.001, burst: 1 }, failNext: [] });
		const queued = await admin(sb.urls.s3, 'POST', 'faults/fail-next', [
			{ kind: '5xx', service: 'transcribe', count: 3 },
		]);
		expect(queued.json.failNext).toEqual([{ kind: '5xx', service: 'transcribe', count: 3 }]);
		const before = sb.log.entries().length;
		for (let i = 0; i < 20; i++)
			expect((await admin(sb.urls.transcribe, 'GET', 'health')).status).toBe(200);
		expect(sb.log.entries()).toHaveLength(before);
		expect((await admin(sb.urls.heidi, 'GET', 'faults')).json.failNext[0].count).toBe(3);
		const invalid = await admin(sb.urls.transcribe, 'POST', 'faults', {
			transcribe: { faultRate: 2 },
		});
		expect(invalid.status).toBe(400);
		expect(invalid.json.error).toMatch(/faultRate/);
		expect((await admin(sb.urls.transcribe, 'POST', 'faults', { nonsense: {} })).status).toBe(400);
		expect(
			(await admin(sb.urls.transcribe, 'POST', 'faults/fail-next', { kind: 'explode' })).status,
		).toBe(400);
	});

	test('SANDBOX_FAULTS (JSON) configures a run when no faults option is given', async () => {
		const saved = process.env.SANDBOX_FAULTS;
		try {
			process.env.SANDBOX_FAULTS = JSON.stringify({ seed: 9, heidi: { faultRate: 0.5 } });
			sb = await startSandbox({ ports: 0 });
			expect(sb.faults.get()).toEqual({ seed: 9, heidi: { faultRate: 0.5 }, failNext: [] });
			process.env.SANDBOX_FAULTS = '{not json';
			await expect(startSandbox({ ports: 0 })).rejects.toThrow(/SANDBOX_FAULTS/);
		} finally {
			if (saved === undefined) delete process.env.SANDBOX_FAULTS;
			else process.env.SANDBOX_FAULTS = saved;
		}
	});
});
