/**
 * Queue mode vs one process (issue 13), in a real n8n (the newest supported): two HealthScribe batches
 * posted at once to a webhook-started workflow (Start with Wait for Completion, EncounterNote out, one
 * job per recording), timed from the two POSTs until both executions have finished.
 *  - queue mode: main + two `n8n worker` processes, Postgres + Redis (a database and prefix of the run's own);
 *  - one process: `n8n start` in regular mode on its SQLite database, as a single clinic runs it.
 * Same sandbox for both (HealthScribe jobs of 2 + 4 minutes on a clock 20× real time), the same
 * workflow and item counts; each mode gets a warm-up batch, then `--rounds` timed rounds (median).
 * Ratio = queue mode / one process: below 1 means two workers finish the pair sooner.
 * Run: npm run build && npx tsx bench/queueMode.bench.ts [--items=150] [--rounds=2]
 * Needs the n8n install of `npm start` and Redis + Postgres (README "Queue mode").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MEDIA_BUCKET, OUTPUT_BUCKET, startSandbox, type Sandbox } from '../sandbox';
import { QueueCluster } from '../scripts/n8n/cluster';
import { CREDENTIALS } from '../scripts/n8n/credentials';
import { freePort } from '../scripts/n8n/env';
import { prepareInstance, type Instance } from '../scripts/n8n/instance';
import { ensureN8n } from '../scripts/n8n/install';
import { packPackage } from '../scripts/n8n/package';
import { n8nRuntime } from '../scripts/n8n/paths';
import { createQueueBackend } from '../scripts/n8n/queue';
import { N8nRest, SANDBOX_OWNER } from '../scripts/n8n/rest';
import { nodeItems } from '../scripts/n8n/runData';
import { BATCH_NODE, healthScribeBatchWorkflow, postItems } from '../scripts/n8n/webhookBatch';
import { startSmtpSink } from '../scripts/smtp/sink';
import type { BenchRow } from './measure';

const arg = (name: string, fallback: number): number =>
	Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ITEMS = arg('items', 150);
const ROUNDS = arg('rounds', 2);
const WORKFLOW = 'csBenchQueue';
const HOOK = 'clinical-scribe-bench-batch';
const CLOCK_SPEED = 20;
const say = (line: string) => process.stderr.write(`[queue bench] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const batch = (sandbox: Sandbox, label: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({
		appointmentId: `${label}-${i}`,
		mediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[i % sandbox.seededRecordings.length]}`,
	}));

/** The executions of the bench workflow; n8n answers 503 "Database is not ready" while a health check of a busy SQLite is late: ask again. */
async function executions(rest: N8nRest, includeData: boolean) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await rest.executions(WORKFLOW, includeData);
		} catch (error) {
			if (attempt >= 20 || !/answered 503/.test((error as Error).message)) throw error;
			await sleep(1000);
		}
	}
}

/** Posts two batches at once; seconds until both executions finished, after checking every item became a completed job. */
async function pair(
	sandbox: Sandbox,
	rest: N8nRest,
	url: string,
	label: string,
	count: number,
): Promise<number> {
	const before = new Set((await executions(rest, false)).map((e) => e.id));
	const began = performance.now();
	await Promise.all([
		postItems(url, HOOK, batch(sandbox, `${label}-a`, count)),
		postItems(url, HOOK, batch(sandbox, `${label}-b`, count)),
	]);
	for (;;) {
		const finished = (await executions(rest, false)).filter(
			(e) => !before.has(e.id) && !['new', 'running', 'waiting'].includes(e.status),
		);
		if (finished.length >= 2) {
			const seconds = (performance.now() - began) / 1000;
			const fresh = (await executions(rest, true)).filter((e) => !before.has(e.id));
			for (const execution of fresh) {
				const items = nodeItems(execution.data, BATCH_NODE);
				if (
					execution.status !== 'success' ||
					items.length !== count ||
					items.some((item) => item.MedicalScribeJobStatus !== 'COMPLETED')
				)
					throw new Error(
						`bench execution ${execution.id} did not complete every job (${execution.status}, ${items.length} items)`,
					);
			}
			return seconds;
		}
		await sleep(250);
	}
}

async function measureMode(
	mode: 'queue' | 'single',
	sandbox: Sandbox,
	smtpPort: number,
	tarball: string,
): Promise<number[]> {
	const runtime = n8nRuntime('latest');
	const userFolder = mkdtempSync(path.join(tmpdir(), `clinical-scribe-bench-${mode}-`));
	const backend = mode === 'queue' ? await createQueueBackend(runtime) : undefined;
	const workflow = healthScribeBatchWorkflow({
		id: WORKFLOW,
		webhookPath: HOOK,
		credential: { id: CREDENTIALS.aws.id, name: CREDENTIALS.aws.name },
		outputBucket: OUTPUT_BUCKET,
		dataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
		wait: true,
	});
	let stop: () => Promise<unknown> = async () => undefined;
	try {
		const instance: Instance = await prepareInstance({
			userFolder,
			sandbox,
			smtpPort,
			port: await freePort(),
			brokerPort: await freePort(),
			tarball,
			log: () => undefined,
			runtime,
			queue: backend?.settings,
			extraWorkflows: [workflow],
		});
		await instance.cli.publishWorkflow(WORKFLOW);
		let url: string;
		if (backend) {
			const cluster = await QueueCluster.start(instance.cli, { workers: 2 });
			stop = () => cluster.stop();
			url = cluster.main.url;
		} else {
			const main = await instance.cli.start();
			stop = () => main.stop();
			url = main.url;
		}
		const rest = new N8nRest(url);
		await rest.signIn(SANDBOX_OWNER);
		await rest.useNewApiKey(`bench-${Date.now()}`);
		say(`${mode}: warm-up`);
		await pair(sandbox, rest, url, `${mode}-warm`, 5);
		const times: number[] = [];
		for (let round = 1; round <= ROUNDS; round++) {
			times.push(await pair(sandbox, rest, url, `${mode}-${round}`, ITEMS));
			say(`${mode}: round ${round}: ${times.at(-1)!.toFixed(1)} s`);
		}
		return times;
	} finally {
		await stop();
		await backend?.drop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function queueModeBench(): Promise<BenchRow[]> {
	const runtime = n8nRuntime('latest');
	await ensureN8n(say, runtime);
	const sandbox = await startSandbox({
		ports: 0,
		clockSpeed: CLOCK_SPEED,
		transcribe: { maxConcurrentJobs: 100_000 },
	});
	const smtp = await startSmtpSink();
	const packDir = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-bench-pack-'));
	try {
		const tarball = await packPackage(packDir);
		const single = await measureMode('single', sandbox, smtp.port, tarball);
		const queue = await measureMode('queue', sandbox, smtp.port, tarball);
		const ratio = median(queue) / median(single);
		return [
			{
				bench: 'Queue mode: two batches at once',
				case: `2 × ${ITEMS} recordings posted at once to a webhook workflow (HealthScribe Start and Wait, EncounterNote), n8n ${runtime.version}; ${ROUNDS} rounds, median`,
				value: `main + 2 workers: ${median(queue).toFixed(1)} s (${queue.map((t) => t.toFixed(1)).join(', ')})`,
				baseline: `one process: ${median(single).toFixed(1)} s (${single.map((t) => t.toFixed(1)).join(', ')})`,
				ratio,
				target: 'measured (no target)',
				ok: true,
			},
		];
	} finally {
		await smtp.stop();
		await sandbox.stop();
		rmSync(packDir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	void queueModeBench().then(
		(rows) => {
			for (const r of rows)
				process.stdout.write(
					`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} |\n`,
				);
		},
		(error: Error) => {
			process.stderr.write(`queue bench failed: ${error.message}\n`);
			process.exitCode = 1;
		},
	);
}
