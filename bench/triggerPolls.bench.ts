/**
 * Trigger polls at scale (issue 13), in a real n8n: each of the three triggers, set up as in its
 * example (02, 04, 06) but alone in a workflow, published on `n8n start` of the pinned n8n against a
 * sandbox that already holds HISTORY finished jobs / sessions. Connect Health runs twice: as in
 * example 06 (the dated output location example 07's Start writes to, history spread over the past
 * HISTORY/100 days, 100 sessions a day) and with an undated location (its own bucket, the same
 * history), which is how the example was set up before. Then k new events are made in the
 * sandbox and the next poll of each trigger is counted: every request the sandbox received for that
 * trigger's service until the log is quiet again, split into listing calls (finding what is new) and
 * the calls for the events' items. The ideal is one listing call per page of new events (at least one)
 * plus the same per-event calls: what a trigger with no history to page past would make.
 *
 * History is spread out in sandbox time (creation times minutes apart near the end), so a poll's
 * look-back window (10 s for HealthScribe) does not hold thousands of jobs, which no clinic produces.
 * Historic HealthScribe jobs point at missing media and so end FAILED: the listing pages through them
 * exactly as through COMPLETED ones, without the emulator storing 10,000 transcripts.
 *
 * Run: npm run build && npx tsx bench/triggerPolls.bench.ts [--history=10000] [--n8n=latest|oldest]
 * (about 6–8 minutes: the triggers poll once a minute).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MEDIA_BUCKET, OUTPUT_BUCKET, startSandbox, type LogEntry, type Sandbox } from '../sandbox';
import { CONNECT_HEALTH_DEMO } from '../sandbox/connect-health/seed';
import { expandDateTokens, listingPrefix } from '../nodes/ConnectHealth/outputs/layout';
import { freePort } from '../scripts/n8n/env';
import type { WorkflowJson } from '../scripts/n8n/examples';
import { prepareInstance } from '../scripts/n8n/instance';
import { runtimeFromArgs } from '../scripts/n8n/paths';
import { N8nRest, SANDBOX_OWNER } from '../scripts/n8n/rest';
import { nodeItems } from '../scripts/n8n/runData';
import { startSmtpSink } from '../scripts/smtp/sink';

const HISTORY = Number(
	process.argv.find((a) => a.startsWith('--history='))?.slice('--history='.length) ?? 10_000,
);
const NEW_EVENTS = [0, 1, 10];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Watched {
	label: string;
	example: string;
	workflowId: string;
	/** Requests of this trigger (by service and bucket). */
	mine(entry: LogEntry): boolean;
	/** The listing calls of a poll. */
	isListing(entry: LogEntry): boolean;
	/** Items per listing page the trigger asks for (the ideal's page size). */
	pageSize: number;
	/** Make k new events. */
	add(sandbox: Sandbox, k: number): Promise<void>;
	/** Trigger parameters that differ from the example's. */
	parameters?: Record<string, unknown>;
}

const CH_BUCKET = 'sandbox-connect-health-output';
const CH_UNDATED_BUCKET = 'sandbox-connect-health-undated';
/** Example 06's watched location (07 starts sessions with it). */
const CH_DATED = `s3://${CH_BUCKET}/scribe/{yyyy}/{mm}/{dd}/`;
const CH_UNDATED = `s3://${CH_UNDATED_BUCKET}/scribe`;
const DAY_MS = 86_400_000;

/** The output URI a session started at sandbox time `at` was given (the Start node fills the tokens with its start date). */
const outputAt = (sandbox: Sandbox, template: string, at: number) =>
	expandDateTokens(template, Date.now() + (at - sandbox.clock.now()));

/**
 * A Connect Health watcher of `template` (example 06's trigger, its location replaced unless it is
 * the example's): its requests are its bucket's and the Gets of the sessions it was given.
 */
function connectHealthWatch(label: string, workflowId: string, template: string): Watched {
	const bucket = listingPrefix(template)!.bucket;
	const sessions = new Set<string>();
	return {
		label,
		example: 'csExChNotes',
		workflowId,
		mine: (e) =>
			(e.service === 'connectHealth' && [...sessions].some((id) => e.path.endsWith(`/${id}`))) ||
			(e.service === 's3' && (e.path === `/${bucket}` || e.path.startsWith(`/${bucket}/`))),
		isListing: (e) => e.service === 's3' && e.method === 'GET' && 'list-type' in e.query,
		pageSize: 1000,
		add: async (sandbox, k) => {
			for (let i = 0; i < k; i++)
				sessions.add(
					sandbox.connectHealth.addListeningSession({
						domainId: CONNECT_HEALTH_DEMO.domainId,
						subscriptionId: CONNECT_HEALTH_DEMO.subscriptionId,
						outputS3Uri: expandDateTokens(template, Date.now()),
					}).sessionId,
				);
			sandbox.connectHealth.advance();
		},
		parameters: template === CH_DATED ? undefined : { outputS3Uri: template },
	};
}

async function startJob(sandbox: Sandbox, name: string, mediaKey: string): Promise<void> {
	const body = {
		MedicalScribeJobName: name,
		Media: { MediaFileUri: `s3://${MEDIA_BUCKET}/${mediaKey}` },
		OutputBucketName: OUTPUT_BUCKET,
		DataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
		Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
	};
	const response = await sandbox.transcribe.handle({
		method: 'POST',
		rawPath: '/',
		path: '/',
		query: new URLSearchParams(),
		headers: {
			'x-amz-target': 'Transcribe.StartMedicalScribeJob',
			'content-type': 'application/x-amz-json-1.1',
		},
		body: Buffer.from(JSON.stringify(body)),
	});
	if (response.status !== 200) throw new Error(`seeding job ${name}: ${response.status}`);
}

const watched: Watched[] = [
	{
		label: 'AWS HealthScribe Trigger (job completed)',
		example: 'csExHsFhir',
		workflowId: 'benchPollHs',
		mine: (e) => e.service === 'transcribe',
		isListing: (e) => e.target === 'Transcribe.ListMedicalScribeJobs',
		pageSize: 100,
		add: async (sandbox, k) => {
			for (let i = 0; i < k; i++)
				await startJob(
					sandbox,
					`bench-new-${Date.now()}-${i}`,
					sandbox.seededRecordings[i % sandbox.seededRecordings.length],
				);
		},
	},
	{
		label: 'Heidi Trigger (note ready)',
		example: 'csExHeidiRoute',
		workflowId: 'benchPollHeidi',
		mine: (e) => e.service === 'heidi',
		isListing: (e) => e.method === 'GET' && e.path.endsWith('/sessions/linked-user'),
		pageSize: 50,
		add: async (sandbox, k) => {
			for (let i = 0; i < k; i++) sandbox.heidi.seedSession({ withNote: true });
		},
	},
	connectHealthWatch(
		'Amazon Connect Health Trigger (session note ready), dated location as in example 06',
		'benchPollCh',
		CH_DATED,
	),
	connectHealthWatch(
		'Amazon Connect Health Trigger (session note ready), undated location',
		'benchPollChUndated',
		CH_UNDATED,
	),
];

/** HISTORY finished jobs and sessions of each vendor, older than anything the triggers will see as new. */
async function seedHistory(sandbox: Sandbox): Promise<void> {
	const dense = HISTORY - 10;
	const chunk = Math.ceil(dense / 30);
	for (let i = 0; i < HISTORY; i++) {
		await startJob(sandbox, `bench-history-${i}`, `missing/history-${i}.wav`);
		// 30 dense chunks 11 s apart, then the last ten jobs 11 s apart each: about 7 minutes of sandbox time.
		if (i >= dense || (i + 1) % chunk === 0) sandbox.clock.advance(11_000);
		if (i % 500 === 0) sandbox.transcribe.tick();
	}
	sandbox.transcribe.tick();
	const past = sandbox.clock.now() - 30 * DAY_MS;
	for (let i = 0; i < HISTORY; i++)
		sandbox.heidi.seedSession({ createdAt: past + i * 60_000, withNote: true });
	// A clinic's 100 sessions a day, up to two hours ago (all finished before activation), so the
	// last two days' partitions hold some: under the dated location and under the undated one.
	const last = sandbox.clock.now() - 2 * 3_600_000;
	for (let i = 0; i < HISTORY; i++) {
		const at = last - (HISTORY - 1 - i) * (DAY_MS / 100);
		for (const template of [CH_DATED, CH_UNDATED])
			sandbox.connectHealth.addListeningSession({
				domainId: CONNECT_HEALTH_DEMO.domainId,
				subscriptionId: CONNECT_HEALTH_DEMO.subscriptionId,
				at,
				outputS3Uri: outputAt(sandbox, template, at),
			});
	}
	sandbox.connectHealth.advance();
}

/** The example's trigger node alone, in a workflow of its own. */
function triggerOnly(examples: WorkflowJson[], w: Watched): WorkflowJson {
	const example = examples.find((e) => e.id === w.example)!;
	const trigger = example.nodes.find(
		(n) => n.type.endsWith('Trigger') && n.type.startsWith('n8n-nodes-clinical-scribe.'),
	)!;
	return {
		id: w.workflowId,
		name: `bench: ${w.label}`,
		nodes: [{ ...trigger, parameters: { ...trigger.parameters, ...w.parameters } }],
		connections: {},
		settings: { executionOrder: 'v1' },
		staticData: null,
		active: false,
	};
}

async function main(): Promise<void> {
	const runtime = runtimeFromArgs();
	const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
	const sandbox = await startSandbox({
		ports: 0,
		transcribe: { maxConcurrentJobs: 1_000_000, queuedMs: 0, processingMs: 1000 },
	});
	const smtp = await startSmtpSink();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-bench-'));
	const lastSeq = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	const rows: string[] = [];
	try {
		log(`seeding ${HISTORY} historic jobs and sessions per vendor`);
		const seeded = Date.now();
		await seedHistory(sandbox);
		log(`seeded in ${((Date.now() - seeded) / 1000).toFixed(0)} s`);
		const instance = await prepareInstance({
			userFolder,
			sandbox,
			smtpPort: smtp.port,
			port: await freePort(),
			brokerPort: await freePort(),
			log,
			runtime,
		});
		const workflows = instance.examples.map((e) => e.workflow);
		const chExample = triggerOnly(workflows, watched.find((w) => w.workflowId === 'benchPollCh')!);
		if (chExample.nodes[0].parameters.outputS3Uri !== CH_DATED)
			throw new Error(`example 06 no longer watches ${CH_DATED}: update the bench`);
		await instance.cli.importWorkflows(watched.map((w) => triggerOnly(workflows, w)));
		for (const w of watched) await instance.cli.publishWorkflow(w.workflowId);
		const startSeq = lastSeq();
		const n8n = await instance.cli.start();
		try {
			const rest = new N8nRest(n8n.url);
			await rest.signIn(SANDBOX_OWNER);
			await rest.useNewApiKey(`bench-${Date.now()}`);
			const emitted = async (w: Watched) => {
				const executions = await rest.executions(w.workflowId);
				const trigger = triggerOnly(workflows, w).nodes[0].name;
				return executions.reduce(
					(sum, execution) => sum + nodeItems(execution.data, trigger).length,
					0,
				);
			};
			/** Waits for a poll of every trigger after `mark`, then for the log to be quiet for 5 s. */
			const settle = async (mark: number) => {
				const deadline = Date.now() + 150_000;
				while (
					!watched.every((w) =>
						sandbox.log.entries({ since: mark }).some((e) => w.mine(e) && w.isListing(e)),
					)
				) {
					if (Date.now() > deadline) throw new Error('a trigger did not poll within 150 s');
					await sleep(1000);
				}
				for (let quiet = lastSeq(); ; ) {
					await sleep(5000);
					if (lastSeq() === quiet) break;
					quiet = lastSeq();
				}
			};
			const record = async (phase: string, k: number, mark: number, before: number[]) => {
				const entries = sandbox.log.entries({ since: mark });
				for (const [i, w] of watched.entries()) {
					const mine = entries.filter(w.mine);
					const listing = mine.filter(w.isListing).length;
					const perEvent = mine.length - listing;
					const ideal = Math.max(1, Math.ceil(k / w.pageSize)) + perEvent;
					const got = (await emitted(w)) - before[i];
					rows.push(
						`| ${w.label} | ${phase} | ${k} | ${got} | ${mine.length} (${listing} listing + ${perEvent} for the items) | ${ideal} | ${(mine.length / ideal).toFixed(2)}× |`,
					);
				}
			};
			log('waiting for the activation polls');
			await settle(startSeq);
			await record(
				`activation (${HISTORY} historic, none emitted)`,
				0,
				startSeq,
				watched.map(() => 0),
			);
			for (const k of NEW_EVENTS) {
				const before = await Promise.all(watched.map(emitted));
				// Start right after a poll, so the events are all there for the next one.
				const mark = lastSeq();
				for (const w of watched) await w.add(sandbox, k);
				if (k > 0) await sleep(3000); // HealthScribe jobs complete after 1 s of processing
				log(`${k} new events each; waiting for the next polls`);
				await settle(mark);
				await record('next poll', k, mark, before);
			}
		} finally {
			await n8n.stop();
		}
		process.stdout.write(
			[
				`Trigger polls with ${HISTORY} historic jobs/sessions per vendor, n8n ${runtime.version}:`,
				'| trigger | poll | k new | emitted | sandbox requests | ideal (k new only) | ratio |',
				'|---|---|---|---|---|---|---|',
				...rows,
				'',
			].join('\n'),
		);
	} catch (error) {
		log(`failed: ${error instanceof Error ? error.message : String(error)}`);
		throw error;
	} finally {
		await smtp.stop();
		await sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
	}
}

void main().catch((error: unknown) => {
	process.stderr.write(
		`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
	);
	process.exitCode = 1;
});
