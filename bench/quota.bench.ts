/**
 * Quota-aware batches (issue 13), in a real n8n: `n8n start` of a pinned n8n (2.41.1 unless
 * `--n8n=oldest`) with the packed package installed as a community package, against the sandbox.
 * Each case is a published workflow Webhook → Split Out (`body.items`) → AWS HealthScribe Start
 * (Wait for Completion off, S3 media, job names derived from `appointmentId`, On Error: continue),
 * timed from the POST of the items until n8n's execution stopped; the per-item results are read from
 * the saved execution, the Starts from the sandbox's request log. Every Transcribe call is answered
 * after 150 ms and StartMedicalScribeJob is limited to 25 requests a second (AWS's default
 * StartTranscriptionJob quota; the limit runs on real time).
 *  1. Request rate: default Concurrency (5) on 1,000 items vs Concurrency 1 on 100 (compared per
 *     item). The sandbox's concurrent-job quota is raised out of the way and so is the node's Max
 *     Running Jobs, so only the request rate binds.
 *  2. Concurrent-job quota: 1,000 items with a quota of 50 jobs in the sandbox and Max Running Jobs
 *     50, jobs lasting 2 minutes of sandbox time on a clock 20× real time (6 s real; the node's own
 *     sleeps and the 150 ms per call are not compressed): the time from the POST until the last job
 *     completed vs the ideal jobs × length / quota. (With Wait off the execution itself ends once the
 *     last job has started, about one job length earlier; printed too.)
 * A warm-up batch first (n8n requires the node's code on its first use).
 * Run: npm run build && npx tsx bench/quota.bench.ts [--items=1000] [--n8n=latest|oldest]
 * (about 6 minutes; needs the n8n install of `npm start`, not part of `npm run bench`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { MEDIA_BUCKET, OUTPUT_BUCKET, startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIALS } from '../scripts/n8n/credentials';
import { freePort } from '../scripts/n8n/env';
import type { WorkflowJson } from '../scripts/n8n/examples';
import { prepareInstance } from '../scripts/n8n/instance';
import { runtimeFromArgs } from '../scripts/n8n/paths';
import { N8nRest, SANDBOX_OWNER } from '../scripts/n8n/rest';
import { nodeItems } from '../scripts/n8n/runData';
import { postItems, webhookWorkflow } from '../scripts/n8n/webhookBatch';
import { startSmtpSink } from '../scripts/smtp/sink';
import type { BenchRow } from './measure';

const arg = (name: string, fallback: number): number =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ITEMS = arg('items', 1000);
const ONE_ITEMS = Math.min(ITEMS, 100);
const WARM_UP_ITEMS = 5;
const RATE = 25;
const LATENCY_MS = 150;
const CLOCK_SPEED = 20;
const JOB_MS = 120_000;
const QUOTA = 50;
const START = 'HealthScribe: Start';
const START_TARGET = 'Transcribe.StartMedicalScribeJob';
const say = (line: string) => process.stderr.write(`[quota bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () =>
	os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ');

interface Case {
	workflowId: string;
	hook: string;
	/** Start parameters besides the common ones. */
	extra: Record<string, unknown>;
}

const CASES = {
	one: {
		workflowId: 'csBenchQuotaOne',
		hook: 'clinical-scribe-bench-quota-one',
		extra: { maxRunningJobs: 10_000, options: { concurrency: 1 } },
	},
	pooled: {
		workflowId: 'csBenchQuotaPooled',
		hook: 'clinical-scribe-bench-quota-pooled',
		extra: { maxRunningJobs: 10_000, options: {} },
	},
	capped: {
		workflowId: 'csBenchQuotaCapped',
		hook: 'clinical-scribe-bench-quota-capped',
		extra: { maxRunningJobs: QUOTA, options: {} },
	},
} satisfies Record<string, Case>;

function startWorkflow(sandbox: Sandbox, c: Case): WorkflowJson {
	return webhookWorkflow(c.workflowId, `bench: quota-aware batch (${c.workflowId})`, c.hook, {
		name: START,
		type: 'n8n-nodes-clinical-scribe.awsHealthScribe',
		credentials: { awsClinicalApi: { id: CREDENTIALS.aws.id, name: CREDENTIALS.aws.name } },
		onError: 'continueRegularOutput',
		parameters: {
			resource: 'medicalScribeJob',
			operation: 'start',
			jobNameMode: 'derive',
			jobNamePrefix: 'bench',
			identifyingFields: 'appointmentId',
			mediaSource: 's3',
			mediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[0]}`,
			outputBucketName: OUTPUT_BUCKET,
			dataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
			speakerMode: 'speakerLabels',
			maxSpeakers: 2,
			noteTemplate: 'HISTORY_AND_PHYSICAL',
			waitForCompletion: false,
			additionalFields: {},
			...c.extra,
		},
	});
}

interface BatchResult {
	/** From the POST to the end of n8n's execution. */
	seconds: number;
	posted: number;
	/** Names of the jobs the node output (started, found or not started). */
	names: string[];
	failed: number;
	notStarted: number;
	/** Items the node did not output at all. */
	missing: number;
	/** StartMedicalScribeJob requests the sandbox received, by answer (accepted, throttled by the rate limit, or the error type). */
	starts: Record<string, number>;
	/** GetMedicalScribeJob requests (the node's reads of running jobs while waiting for a slot). */
	gets: number;
	/** Accepted Starts per real second at the sandbox, from the first accepted to the last (0 for small batches). */
	acceptedRate: number;
}

/** The executions of a workflow; n8n answers 503 "Database is not ready" while a health check of a busy SQLite is late: ask again. */
async function executions(rest: N8nRest, workflowId: string, includeData: boolean) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await rest.executions(workflowId, includeData);
		} catch (error) {
			if (attempt >= 20 || !/answered 503/.test((error as Error).message)) throw error;
			await sleep(1000);
		}
	}
}

/** The first execution of the case's workflow not in `before` once it has finished, with its data. */
async function finishedExecution(rest: N8nRest, c: Case, before: Set<string>, deadline: number) {
	for (;;) {
		const done = (await executions(rest, c.workflowId, false)).find(
			(e) => !before.has(e.id) && !['new', 'running', 'waiting'].includes(e.status),
		);
		if (done) break;
		if (Date.now() > deadline)
			throw new Error(`${c.workflowId}: no execution finished in time (an item hanging?)`);
		await sleep(500);
	}
	return (await executions(rest, c.workflowId, true)).find((e) => !before.has(e.id))!;
}

/** Posts `count` items to the case's webhook and waits for its execution; reads the items and the sandbox's log of it. */
async function batch(
	sandbox: Sandbox,
	rest: N8nRest,
	c: Case,
	label: string,
	count: number,
): Promise<BatchResult> {
	const before = new Set((await executions(rest, c.workflowId, false)).map((e) => e.id));
	const mark = sandbox.log.entries().at(-1)?.seq ?? 0;
	const items = Array.from({ length: count }, (_, i) => ({ appointmentId: `${label}-${i}` }));
	const posted = Date.now();
	await postItems(rest.url, c.hook, items);
	const execution = await finishedExecution(rest, c, before, posted + 30 * 60_000);
	if (execution.status !== 'success' || !execution.stoppedAt)
		throw new Error(`${c.workflowId}: execution ${execution.id} ended ${execution.status}`);
	const out = nodeItems(execution.data, START);
	const entries = sandbox.log.entries({ since: mark, service: 'transcribe' });
	const starts: Record<string, number> = {};
	const accepted: number[] = [];
	for (const e of entries.filter((e) => e.target === START_TARGET)) {
		const answer =
			e.status === 200
				? 'accepted'
				: e.fault === 'throttle'
					? `throttled (${e.errorType}, over ${RATE}/s)`
					: (e.errorType ?? String(e.status));
		starts[answer] = (starts[answer] ?? 0) + 1;
		if (e.status === 200) accepted.push(Date.parse(e.time));
	}
	// Log times are sandbox-clock times; the clock runs CLOCK_SPEED× real time and is never stepped here.
	const span = accepted.length > 1 ? (accepted.at(-1)! - accepted[0]) / CLOCK_SPEED / 1000 : 0;
	return {
		seconds: (Date.parse(execution.stoppedAt) - posted) / 1000,
		posted,
		names: out.map((item) => String(item.MedicalScribeJobName)),
		failed: out.filter((item) => item.error !== undefined).length,
		notStarted: out.filter((item) => item.MedicalScribeJobStatus === 'NOT_STARTED').length,
		missing: count - out.length,
		starts,
		gets: entries.filter((e) => e.target === 'Transcribe.GetMedicalScribeJob').length,
		// Past the bucket's first second's worth, as for the rate from the items' side.
		acceptedRate: span > 0 && accepted.length > RATE ? (accepted.length - RATE) / span : 0,
	};
}

const describeStarts = (r: BatchResult) =>
	`${Object.values(r.starts).reduce((a, b) => a + b, 0)} Starts received (${Object.entries(r.starts)
		.map(([answer, n]) => `${n} ${answer}`)
		.join(', ')})`;

const problems = (r: BatchResult) =>
	`${r.failed} failed, ${r.notStarted} not started${r.missing ? `, ${r.missing} missing` : ''}`;

const quantile = (sorted: number[], q: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * When the batch's jobs ran, in real seconds from the POST (sandbox-clock times ÷ CLOCK_SPEED; the
 * clock is never stepped here): until the last one completed, and how long a slot stayed free, i.e.
 * from a job's end to the start of the job that took its place (the i-th start after the first
 * QUOTA replaced the i-th job to end). Call once the jobs have all finished.
 */
function jobTimeline(sandbox: Sandbox, r: BatchResult) {
	const names = new Set(r.names);
	const jobs = sandbox.transcribe
		.jobs()
		.filter((job) => names.has(String(job.MedicalScribeJobName)));
	const real = (epochSeconds: unknown) =>
		(Date.now() - r.posted) / 1000 -
		(sandbox.clock.now() - Number(epochSeconds) * 1000) / CLOCK_SPEED / 1000;
	const created = jobs.map((job) => real(job.CreationTime)).sort((a, b) => a - b);
	const ended = jobs.map((job) => real(job.CompletionTime)).sort((a, b) => a - b);
	const gaps = created
		.slice(QUOTA)
		.map((at, i) => at - ended[i])
		.sort((a, b) => a - b);
	return {
		jobs: jobs.length,
		firstStart: created[0] ?? 0,
		lastDone: ended.at(-1) ?? 0,
		gapMedian: quantile(gaps, 0.5),
		gapP90: quantile(gaps, 0.9),
		gapMean: gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length),
	};
}

/**
 * Posts no items until n8n has registered the published workflow's webhook (it answers 404 until
 * then), and waits for that empty execution to finish so a timed batch does not take it for its own.
 */
async function awaitWebhook(rest: N8nRest, c: Case): Promise<void> {
	const before = await executions(rest, c.workflowId, false);
	const deadline = Date.now() + 120_000;
	for (;;) {
		try {
			await postItems(rest.url, c.hook, []);
			break;
		} catch (error) {
			if (Date.now() > deadline || !/answered 404/.test((error as Error).message)) throw error;
			await sleep(1000);
		}
	}
	await finishedExecution(rest, c, new Set(before.map((e) => e.id)), deadline);
}

/** Waits until no job is queued or running in the sandbox (the previous case's jobs). */
async function drainJobs(sandbox: Sandbox): Promise<void> {
	for (;;) {
		sandbox.transcribe.tick();
		const active = sandbox.transcribe
			.jobs()
			.filter((job) => ['QUEUED', 'IN_PROGRESS'].includes(String(job.MedicalScribeJobStatus)));
		if (active.length === 0) return;
		await sleep(500);
	}
}

export async function quotaBench(): Promise<BenchRow[]> {
	const runtime = runtimeFromArgs();
	const sandbox = await startSandbox({
		ports: 0,
		clockSpeed: CLOCK_SPEED,
		transcribe: { maxConcurrentJobs: 100_000, queuedMs: 0, processingMs: JOB_MS },
	});
	sandbox.faults.set({
		transcribe: {
			faultRate: 1,
			kinds: ['slow'],
			slowMs: LATENCY_MS,
			operationRateLimits: { StartMedicalScribeJob: RATE },
		},
	});
	const smtp = await startSmtpSink();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-bench-quota-'));
	try {
		const instance = await prepareInstance({
			userFolder,
			sandbox,
			smtpPort: smtp.port,
			port: await freePort(),
			brokerPort: await freePort(),
			log: say,
			runtime,
			extraWorkflows: Object.values(CASES).map((c) => startWorkflow(sandbox, c)),
		});
		const n8n = await instance.cli.start();
		try {
			const rest = new N8nRest(n8n.url);
			await rest.signIn(SANDBOX_OWNER);
			await rest.useNewApiKey(`bench-${Date.now()}`);
			for (const c of Object.values(CASES)) await rest.activateWorkflow(c.workflowId);
			for (const c of Object.values(CASES)) await awaitWebhook(rest, c);
			say(`n8n ${runtime.version} up; load average ${load()}`);

			const warm = await batch(sandbox, rest, CASES.pooled, 'warm', WARM_UP_ITEMS);
			say(`warm-up: ${warm.seconds.toFixed(1)} s, ${problems(warm)}`);
			// Each case starts with the sandbox's rate bucket full again (one second's worth).
			await sleep(2000);
			const one = await batch(sandbox, rest, CASES.one, 'one', ONE_ITEMS);
			say(
				`Concurrency 1: ${ONE_ITEMS} items in ${one.seconds.toFixed(1)} s, ${problems(one)}; load ${load()}`,
			);
			await sleep(2000);
			const pooled = await batch(sandbox, rest, CASES.pooled, 'pooled', ITEMS);
			say(
				`default: ${ITEMS} items in ${pooled.seconds.toFixed(1)} s, ${problems(pooled)}, ${describeStarts(pooled)}; load ${load()}`,
			);

			sandbox.transcribe.setMaxConcurrentJobs(QUOTA);
			await drainJobs(sandbox);
			await sleep(2000);
			const capped = await batch(sandbox, rest, CASES.capped, 'capped', ITEMS);
			say(
				`quota ${QUOTA}: ${ITEMS} items in ${capped.seconds.toFixed(1)} s, ${problems(capped)}, ${describeStarts(capped)}, ${capped.gets} Gets; load ${load()}`,
			);

			await drainJobs(sandbox);
			const timeline = jobTimeline(sandbox, capped);
			say(
				`quota ${QUOTA}: ${timeline.jobs} jobs, first Start at ${timeline.firstStart.toFixed(1)} s, last job done at ${timeline.lastDone.toFixed(1)} s; a freed slot waited ${timeline.gapMedian.toFixed(2)} s (median), ${timeline.gapP90.toFixed(2)} s (p90), ${timeline.gapMean.toFixed(2)} s (mean) for the next Start`,
			);

			// The bucket starts full (one second's worth): those requests are not part of the sustained rate.
			const rate = (ITEMS - RATE) / pooled.seconds;
			const oneRate = ONE_ITEMS / one.seconds;
			const ideal = (ITEMS * JOB_MS) / QUOTA / CLOCK_SPEED / 1000;
			return [
				{
					bench: 'Quota-aware batch: request rate',
					case: `n8n ${runtime.version}: ${ITEMS} Starts, Wait off, ${LATENCY_MS} ms per call, ${RATE} Starts/s allowed, Concurrency 5 (default); ${problems(pooled)}; ${describeStarts(pooled)}, accepted at ${pooled.acceptedRate.toFixed(1)}/s at the sandbox`,
					value: `${rate.toFixed(1)}/s = ${((100 * rate) / RATE).toFixed(0)} % of the limit (${pooled.seconds.toFixed(1)} s)`,
					baseline: `Concurrency 1: ${oneRate.toFixed(1)}/s (${ONE_ITEMS} items, ${one.seconds.toFixed(1)} s; ${problems(one)})`,
					ratio: oneRate / rate,
					target: '≥ 95 % of the limit, 0 failed',
					ok:
						rate >= 0.95 * RATE &&
						[pooled, one].every((r) => r.failed + r.notStarted + r.missing === 0),
				},
				{
					bench: 'Quota-aware batch: concurrent-job quota',
					case: `n8n ${runtime.version}: ${ITEMS} Starts, quota ${QUOTA} jobs of 2 min (clock ×${CLOCK_SPEED}), ${RATE} Starts/s, ${LATENCY_MS} ms per call; ${problems(capped)}; ${describeStarts(capped)}, ${capped.gets} Gets; a freed slot waited ${timeline.gapMedian.toFixed(2)} s median / ${timeline.gapP90.toFixed(2)} s p90 for the next Start`,
					value: `last job done ${timeline.lastDone.toFixed(1)} s after the POST (execution ended at ${capped.seconds.toFixed(1)} s, once the last job had started)`,
					baseline: `ideal ${ideal.toFixed(1)} s (jobs × length / quota)`,
					ratio: timeline.lastDone / ideal,
					target: '≤ 1.2× ideal, none hanging',
					ok:
						timeline.lastDone <= 1.2 * ideal &&
						timeline.jobs + capped.notStarted === ITEMS &&
						capped.failed + capped.missing === 0,
				},
			];
		} finally {
			await n8n.stop();
		}
	} finally {
		await smtp.stop();
		await sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
	}
}

if (require.main === module) {
	say(`load average at start ${load()}`);
	void quotaBench().then(
		(rows) => {
			say(`load average at end ${load()}`);
			for (const r of rows)
				process.stdout.write(
					`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.ok ? 'yes' : 'NO'} |\n`,
				);
			if (rows.some((r) => !r.ok)) process.exitCode = 1;
		},
		(error: Error) => {
			process.stderr.write(`quota bench failed: ${error.stack ?? error.message}\n`);
			process.exitCode = 1;
		},
	);
}
