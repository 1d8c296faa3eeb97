/**
 * The package in n8n's queue mode (issue 13), on the newest supported n8n: one main (`n8n start`:
 * editor, webhooks, the trigger examples) and two `n8n worker` processes that run every execution,
 * Postgres as the database and Redis as the queue (a database and a key prefix of this run's own,
 * dropped afterwards). Checks that executions really run on the workers, that a 300-recording batch
 * gives one HealthScribe job per recording also when it is fired twice at once, that the trigger
 * examples execute each event once across a main restart, what a worker killed mid-execution leaves
 * behind (with the main running, and with the main down too) and what a Retry then files, and that
 * tokens and assumed roles are not fetched per item.
 * Needs Redis on 127.0.0.1:6379 and Postgres on 127.0.0.1:5432 (README "Queue mode").
 * No timing assertions: every wait polls for a condition with a generous bound.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MEDIA_BUCKET, OUTPUT_BUCKET, startSandbox, type Sandbox } from '../../sandbox';
import { QueueCluster } from '../../scripts/n8n/cluster';
import { CREDENTIALS } from '../../scripts/n8n/credentials';
import { freePort } from '../../scripts/n8n/env';
import type { WorkflowJson } from '../../scripts/n8n/examples';
import { prepareInstance, type Instance } from '../../scripts/n8n/instance';
import { ensureN8n } from '../../scripts/n8n/install';
import { logProblems } from '../../scripts/n8n/logCheck';
import { packPackage } from '../../scripts/n8n/package';
import { ARTIFACT_DIR, n8nRuntime } from '../../scripts/n8n/paths';
import { createQueueBackend, type QueueBackend } from '../../scripts/n8n/queue';
import { N8nRest, SANDBOX_OWNER, type Execution } from '../../scripts/n8n/rest';
import { nodeItems, runError, type Json } from '../../scripts/n8n/runData';
import { makeOutsideEvents, TRIGGER_KINDS } from '../../scripts/n8n/scenario';
import {
	BATCH_NODE,
	healthScribeBatchWorkflow,
	HEIDI_NODE,
	heidiSessionsWorkflow,
	postItems,
} from '../../scripts/n8n/webhookBatch';
import { startSmtpSink, type SmtpSink } from '../../scripts/smtp/sink';
import type { EncounterNote } from '../../nodes/common/encounterNote';
import { noteUrn } from '../../nodes/common/fhir';

const MINUTE = 60_000;
const runtime = n8nRuntime('latest');
const BATCH = 300;
const ROLE_CREDENTIAL = {
	id: 'csQueueAwsRole',
	name: 'AWS Clinical Services (sandbox, assumed role)',
	type: 'awsClinicalApi',
};
const BATCH_HOOK = 'clinical-scribe-queue-batch';
const HEIDI_HOOK = 'clinical-scribe-queue-heidi';
const TRIGGER_EXAMPLES = ['csExHsFhir', 'csExHeidiRoute', 'csExChNotes'];
/** Example 04 routes Heidi notes by template; H & P notes go to the EHR (FHIR). */
const ROUTE = 'csExHeidiRoute';
const H_AND_P_TEMPLATE_ID = '659b8042fe093d6592b41ef7';

let sandbox: Sandbox;
let smtp: SmtpSink;
let userFolder: string;
let backend: QueueBackend;
let instance: Instance;
let cluster: QueueCluster;
let rest: N8nRest;
const logs: Record<string, string> = {};
/** The two notes of the execution n8n lost when its worker was killed (main running), for the replay test after it. */
let lost:
	| {
			a: { sessionId: string; urn: string };
			b: { sessionId: string; urn: string };
			startedAt: string;
	  }
	| undefined;
const phases: Record<string, number> = {};
const began = Date.now();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor<T>(
	what: string,
	probe: () => Promise<T | undefined> | T | undefined,
	timeoutMs = 3 * MINUTE,
	everyMs = 1500,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined && value !== false) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

const batchWorkflow = (): WorkflowJson =>
	healthScribeBatchWorkflow({
		id: 'csQueueBatch',
		webhookPath: BATCH_HOOK,
		credential: { id: ROLE_CREDENTIAL.id, name: ROLE_CREDENTIAL.name },
		outputBucket: OUTPUT_BUCKET,
		dataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
		wait: false,
	});

const post = async (webhookPath: string, items: unknown[]): Promise<void> =>
	await postItems(cluster.main.url, webhookPath, items);

const recordings = (batch: string, count: number) =>
	Array.from({ length: count }, (_, i) => ({
		appointmentId: `${batch}-${String(i).padStart(3, '0')}`,
		mediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[i % sandbox.seededRecordings.length]}`,
	}));

/** Executions of a workflow (oldest first) once `count` of them have finished, each finished one successful. */
async function finishedExecutions(
	workflowId: string,
	count: number,
	timeoutMs = 4 * MINUTE,
): Promise<Execution[]> {
	// Listed without their run data while waiting (a 300-item execution is large), then read once.
	await waitFor(
		`${count} finished executions of ${workflowId}`,
		async () => {
			const done = (await rest.executions(workflowId, false)).filter(
				(e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting',
			);
			return done.length >= count ? true : undefined;
		},
		timeoutMs,
	);
	return (await rest.executions(workflowId))
		.filter((e) => e.status !== 'running' && e.status !== 'new' && e.status !== 'waiting')
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** Every trigger-started execution of the trigger examples succeeded on exactly one worker. */
async function expectTriggerExecutionsOnWorkers(): Promise<void> {
	for (const id of TRIGGER_EXAMPLES) {
		const executions = (await rest.executions(id)).filter((e) => e.mode === 'trigger');
		expect(executions.length).toBeGreaterThan(0);
		for (const execution of executions)
			expect({
				id: execution.id,
				status: execution.status,
				workers: workerOf(execution.id).length,
			}).toEqual({ id: execution.id, status: 'success', workers: 1 });
	}
}

/** Which worker logged that it started the execution (n8n's "Worker started execution <id>" line). */
const workerOf = (executionId: string): string[] =>
	Object.entries(logs)
		.filter(
			([name, text]) =>
				name.startsWith('worker') &&
				new RegExp(`Worker started execution ${executionId} \\(`).test(text),
		)
		.map(([name]) => name);

const jobsNamed = (prefix: string): string[] =>
	sandbox.transcribe
		.jobs()
		.map((job) => String(job.MedicalScribeJobName))
		.filter((name) => name.startsWith(prefix));
const startedJobNames = (sinceSeq: number) =>
	sandbox.log
		.entries({ service: 'transcribe', target: 'Transcribe.StartMedicalScribeJob', since: sinceSeq })
		.map((entry) => String((entry.body as Json).MedicalScribeJobName));
const lastSeq = () => sandbox.log.entries().at(-1)?.seq ?? 0;
const assumeRoles = (sinceSeq = 0) =>
	sandbox.log
		.entries({ service: 'sts', since: sinceSeq })
		.filter((entry) => entry.target === 'AssumeRole').length;
const jwtExchanges = (sinceSeq = 0) =>
	sandbox.log
		.entries({ service: 'heidi', since: sinceSeq })
		.filter((entry) => entry.path.endsWith('/jwt')).length;

function triggerNode(workflowId: string): { name: string; type: string } {
	const example = instance.examples.find((e) => e.id === workflowId)!;
	const node = example.workflow.nodes.find((n) => n.type in TRIGGER_KINDS)!;
	return { name: node.name, type: node.type };
}
/** Event keys the trigger of a workflow emitted over all its trigger-started executions (retries excluded: same events again). */
async function emitted(workflowId: string): Promise<string[]> {
	const { name, type } = triggerNode(workflowId);
	return (await rest.executions(workflowId))
		.filter((e) => e.mode === 'trigger')
		.flatMap((e) => nodeItems(e.data, name).map((item) => TRIGGER_KINDS[type].eventKey(item)));
}
const onlyOnce = (keys: string[], wanted: string[]) =>
	wanted.map((key) => ({ key, times: keys.filter((k) => k === key).length }));

/** A note finished "in the Heidi app" with the H & P template, and the identifier its FHIR DocumentReference gets. */
function heidiNote(encounterId: string): { sessionId: string; urn: string } {
	const sessionId = sandbox.heidi.seedSession({ encounterId, withNote: false });
	sandbox.heidi.completeConsultNote(sessionId, { template_id: H_AND_P_TEMPLATE_ID });
	const source = { vendor: 'heidi', ids: { sessionId, templateId: H_AND_P_TEMPLATE_ID } };
	return { sessionId, urn: noteUrn({ source } as unknown as EncounterNote, 'document') };
}
/** How many DocumentReferences of that note the EHR (the sandbox's FHIR receiver) holds. */
const filed = (urn: string): number =>
	sandbox.fhir
		.resources('DocumentReference')
		.filter((resource) => JSON.stringify(resource.identifier ?? '').includes(urn)).length;

/**
 * Two notes finished at once (one poll, one execution of example 04): the EHR files the first and
 * holds the second one's request unanswered (sandbox `hold` fault), so the execution is mid-run,
 * on a known worker, for as long as the test needs.
 */
async function executionHeldOnWorker(
	first: { urn: string },
	second: { urn: string },
): Promise<{ executionId: string; worker: string }> {
	const seq = lastSeq();
	await waitFor(
		'the first note filed and the second one held at the EHR',
		() => (filed(first.urn) === 1 && sandbox.faults.held().length === 1) || undefined,
		3 * MINUTE,
	).catch(async (error: Error) => {
		// What happened instead: the workflow's last executions and what the EHR received.
		const executions = (await rest.executions(ROUTE))
			.slice(0, 3)
			.map((e) => `${e.id} ${e.status} ${runError(e.data) ?? ''}`);
		const fhir = sandbox.log
			.entries({ service: 'fhir', since: seq })
			.map((e) => `${e.method} ${e.status} ${e.fault ?? ''}`);
		throw new Error(
			`${error.message}; filed ${filed(first.urn)}, held ${sandbox.faults.held().length}, pending rules ${JSON.stringify(sandbox.faults.get().failNext)}; executions ${executions.join(' | ')}; EHR ${fhir.join(' | ')}`,
		);
	});
	const executionId = await waitFor('the execution filing them, running on a worker', async () => {
		const running = await rest.unfinishedExecutionIds(ROUTE);
		return running.length === 1 && workerOf(running[0]).length === 1 ? running[0] : undefined;
	});
	return { executionId, worker: workerOf(executionId)[0] };
}

/** One execution, once it is no longer running. */
const settledExecution = async (id: string, what: string): Promise<Execution> =>
	await waitFor(
		what,
		async () => {
			const execution = (await rest.executions(ROUTE)).find((e) => e.id === id);
			return execution && !['new', 'running'].includes(execution.status) ? execution : undefined;
		},
		6 * MINUTE,
		3000,
	);

/** Items the trigger handed to an execution that has not run them (still on its execution stack). */
function stackedSessionIds(execution: Execution): string[] {
	const stack =
		(
			execution.data as unknown as {
				executionData?: {
					nodeExecutionStack?: Array<{ data?: { main?: Array<Array<{ json: Json }> | null> } }>;
				};
			}
		)?.executionData?.nodeExecutionStack ?? [];
	return stack.flatMap((entry) =>
		(entry.data?.main?.[0] ?? []).map((item) => String(item.json.session_id)),
	);
}

/** Of these events, those example 04's trigger emitted again, read after a poll later than `sinceSeq` (once none of its executions runs). */
async function emittedAgain(sinceSeq: number, sessionIds: string[]): Promise<string[]> {
	const poll = TRIGGER_KINDS[triggerNode(ROUTE).type];
	await waitFor(
		'a poll of example 04',
		() => sandbox.log.entries({ since: sinceSeq }).some((e) => poll.isPoll(e)) || undefined,
		3 * MINUTE,
	);
	await waitFor('no execution of example 04 running', async () =>
		(await rest.unfinishedExecutionIds(ROUTE)).length === 0 ? true : undefined,
	);
	return (await emitted(ROUTE)).filter((key) => sessionIds.includes(key));
}

/** Polls of example 04's trigger begun after `sinceSeq` (each poll reads the session list from its first page, asked without a page number). */
const pollsSince = (sinceSeq: number): number =>
	sandbox.log
		.entries({ since: sinceSeq })
		.filter((e) => TRIGGER_KINDS[triggerNode(ROUTE).type].isPoll(e) && !('page' in e.query)).length;

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	try {
		return await work();
	} finally {
		phases[label] = (Date.now() - started) / 1000;
	}
}

beforeAll(async () => {
	await ensureN8n((text) => process.stderr.write(`[queue e2e] ${text}\n`), runtime);
	sandbox = await startSandbox({ ports: 0, transcribe: { maxConcurrentJobs: 100_000 } });
	smtp = await startSmtpSink();
	userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-queue-'));
	backend = await createQueueBackend(runtime);
	const tarball = await timed('pack', () => packPackage(path.join(userFolder, 'package')));
	const aws = sandbox.credentials.aws;
	const roleCredential = {
		...ROLE_CREDENTIAL,
		data: {
			region: aws.region,
			authentication: 'assumeRole',
			roleCredentialsSource: 'accessKeys',
			accessKeyId: aws.accessKeyId,
			secretAccessKey: aws.secretAccessKey,
			roleArn: `arn:aws:iam::${aws.accountId}:role/ClinicalScribeBatch`,
			roleSessionName: 'n8n-queue-test',
			roleDurationSeconds: 3600,
			customEndpoints: true,
			transcribeEndpoint: sandbox.urls.transcribe,
			connectHealthEndpoint: sandbox.urls.connectHealth,
			connectHealthHostPrefix: false,
			s3Endpoint: sandbox.urls.s3,
			stsEndpoint: sandbox.urls.sts,
		},
	};
	instance = await timed('prepare', async () =>
		prepareInstance({
			userFolder,
			sandbox,
			smtpPort: smtp.port,
			port: await freePort(),
			brokerPort: await freePort(),
			tarball,
			log: () => undefined,
			runtime,
			queue: backend.settings,
			extraCredentials: [roleCredential],
			extraWorkflows: [
				batchWorkflow(),
				heidiSessionsWorkflow('csQueueHeidi', HEIDI_HOOK, {
					id: CREDENTIALS.heidi.id,
					name: CREDENTIALS.heidi.name,
				}),
			],
		}),
	);
	const startSeq = lastSeq();
	cluster = await timed('clusterStart', () =>
		QueueCluster.start(instance.cli, {
			workers: 2,
			onOutput: (name, text) => (logs[name] = (logs[name] ?? '') + text),
		}),
	);
	rest = new N8nRest(cluster.main.url);
	await rest.signIn(SANDBOX_OWNER);
	await rest.useNewApiKey(`queue-${Date.now()}`);
	// Published on the running main (one API call each instead of one n8n command each).
	await timed('publish', async () => {
		for (const id of [...TRIGGER_EXAMPLES, 'csQueueBatch', 'csQueueHeidi'])
			await rest.activateWorkflow(id);
	});
	// Activation polls once: what exists then is history. Events of the tests come after it.
	await timed('firstPolls', () =>
		waitFor(
			'the first poll of every trigger example',
			() =>
				TRIGGER_EXAMPLES.every((id) =>
					sandbox.log
						.entries({ since: startSeq })
						.some((e) => TRIGGER_KINDS[triggerNode(id).type].isPoll(e)),
				) || undefined,
			2 * MINUTE,
			500,
		),
	);
}, 15 * MINUTE);

afterAll(async () => {
	await cluster?.stop();
	await backend?.drop();
	await smtp?.stop();
	await sandbox?.stop();
	if (userFolder) rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(ARTIFACT_DIR, { recursive: true });
	for (const [name, text] of Object.entries(logs))
		writeFileSync(path.join(ARTIFACT_DIR, `queue-${runtime.version}-${name}.log`), text);
	// When each trigger polled (real time), to tell a missed poll from a missed event.
	if (sandbox && instance) {
		const polls = TRIGGER_EXAMPLES.map(
			(id) =>
				`${id}: ${sandbox.log
					.entries()
					.filter((e) => TRIGGER_KINDS[triggerNode(id).type].isPoll(e))
					.map((e) => e.time.slice(11, 19))
					.join(' ')}`,
		);
		writeFileSync(
			path.join(ARTIFACT_DIR, `queue-${runtime.version}-polls.log`),
			`${polls.join('\n')}\n`,
		);
	}
	process.stderr.write(
		`[queue e2e] phases (s): ${JSON.stringify(phases)}; whole suite ${((Date.now() - began) / 1000).toFixed(0)} s\n`,
	);
}, 2 * MINUTE);

describe(`queue mode on n8n ${runtime.version}: main + 2 workers, Postgres, Redis`, () => {
	test('the main and both workers load the package; the workers run the executions', async () => {
		for (const worker of cluster.workers)
			expect(logs[worker.name]).toContain('n8n worker is now ready');
		expect(await rest.nodeTypeNames()).toEqual(
			expect.arrayContaining([
				'n8n-nodes-clinical-scribe.awsHealthScribe',
				'n8n-nodes-clinical-scribe.heidiTrigger',
			]),
		);
		expect((await rest.activeWorkflowIds()).sort()).toEqual(
			[...TRIGGER_EXAMPLES, 'csQueueBatch', 'csQueueHeidi'].sort(),
		);
	});

	test(
		'each trigger example executes every new event once on a worker (polls of the main on their schedule)',
		async () => {
			await timed('triggerEvents', async () => {
				// Notes finished in Heidi, a Connect Health session, two HealthScribe jobs (started through the batch webhook).
				const outside = makeOutsideEvents(sandbox);
				const seq = lastSeq();
				await post(BATCH_HOOK, recordings('event-1', 2));
				const jobs = await waitFor('two HealthScribe jobs started', () => {
					const names = [...new Set(startedJobNames(seq))];
					return names.length === 2 ? names : undefined;
				});
				const wanted: Record<string, string[]> = {
					csExHsFhir: jobs,
					csExHeidiRoute: [outside.heidiSessionId, outside.heidiCustomTemplateSessionId],
					csExChNotes: [outside.connectHealthSessionId],
				};
				for (const [id, keys] of Object.entries(wanted))
					await waitFor(`${id} to emit ${keys.join(', ')}`, async () =>
						(await emitted(id)).filter((k) => keys.includes(k)).length >= keys.length
							? true
							: undefined,
					);
				for (const id of TRIGGER_EXAMPLES)
					expect(onlyOnce(await emitted(id), wanted[id])).toEqual(
						wanted[id].map((key) => ({ key, times: 1 })),
					);
				await expectTriggerExecutionsOnWorkers();
			});
		},
		5 * MINUTE,
	);

	test(
		'a main restart: events made while the main was down are executed once, earlier ones not again',
		async () => {
			await timed('mainRestart', async () => {
				const before = Object.fromEntries(
					await Promise.all(TRIGGER_EXAMPLES.map(async (id) => [id, await emitted(id)] as const)),
				);
				await cluster.main.stop();
				const during = makeOutsideEvents(sandbox);
				cluster.main = await instance.cli.start((text) => (logs.main = (logs.main ?? '') + text));
				await rest.signIn(SANDBOX_OWNER);
				// The main polls on activation: its cursors are in Postgres.
				const wanted: Record<string, string[]> = {
					csExHeidiRoute: [during.heidiSessionId, during.heidiCustomTemplateSessionId],
					csExChNotes: [during.connectHealthSessionId],
				};
				for (const [id, keys] of Object.entries(wanted))
					await waitFor(`${id} to emit ${keys.join(', ')} after the restart`, async () =>
						(await emitted(id)).filter((k) => keys.includes(k)).length >= keys.length
							? true
							: undefined,
					);
				for (const id of TRIGGER_EXAMPLES) {
					const keys = [...before[id], ...(wanted[id] ?? [])];
					expect(onlyOnce(await emitted(id), keys)).toEqual(keys.map((key) => ({ key, times: 1 })));
				}
				await expectTriggerExecutionsOnWorkers();
			});
		},
		8 * MINUTE,
	);

	test(
		'a worker killed mid-execution while the main runs: the execution ends in error and a Retry has nothing left to run',
		async () => {
			await timed('workerKilled', async () => {
				const [a, b] = [heidiNote('enc-queue-kill-1a'), heidiNote('enc-queue-kill-1b')];
				sandbox.faults.failNext({
					kind: 'hold',
					service: 'fhir',
					match: { method: 'POST', bodyIncludes: b.urn },
				});
				const { executionId, worker } = await executionHeldOnWorker(a, b);
				await cluster.killWorker(worker);
				const killedAt = lastSeq();
				// The EHR never handled the held request: its client is gone.
				await waitFor(
					'the held request dropped',
					() => sandbox.faults.held().length === 0 || undefined,
				);
				await cluster.addWorker('worker-3');
				// The other worker's stalled-job check fails the job (n8n runs Bull with maxStalledCount 0,
				// nothing hands it to another worker); the main hears it and ends the execution in error.
				const ended = await settledExecution(executionId, 'the killed execution to end');
				expect({ status: ended.status, error: runError(ended.data) }).toEqual({
					status: 'error',
					error: expect.stringContaining('failed to be processed too many times'),
				});
				// n8n saved the error in place of the execution's data: the trigger's items are gone from it.
				expect(stackedSessionIds(ended)).toEqual([]);
				// The trigger does not emit the two notes again: its cursor moved on when it emitted them.
				expect(await emittedAgain(killedAt, [a.sessionId, b.sessionId])).toEqual([]);
				// Retry (Executions → Retry) has nothing to run: the retry ends with the same error, the held note stays unfiled.
				const retried = await rest.retryExecution(executionId);
				const retry = (await rest.executions(ROUTE)).find((e) => e.id === retried.id);
				process.stderr.write(
					`[queue e2e] ${worker} killed while it ran execution ${executionId}: ${ended.status} (${runError(ended.data)}); its retry ${retried.id}: ${retried.status} (${runError(retry?.data)})\n`,
				);
				expect({ status: retried.status, error: runError(retry?.data) }).toEqual({
					status: 'error',
					error: expect.stringContaining('failed to be processed too many times'),
				});
				expect({ a: filed(a.urn), b: filed(b.urn) }).toEqual({ a: 1, b: 0 });
				lost = { a, b, startedAt: ended.startedAt };
			});
		},
		12 * MINUTE,
	);

	test(
		'the way back: Replay Events Since on the trigger, set to before the lost execution started, runs its notes again once; the second note is filed, the first stays filed once',
		async () => {
			await timed('replay', async () => {
				expect(lost).toBeDefined();
				const { a, b, startedAt } = lost!;
				const trigger = triggerNode(ROUTE).name;
				const triggerRuns = async () =>
					(await rest.executions(ROUTE, false)).filter((e) => e.mode === 'trigger');
				const before = (await triggerRuns()).length;
				// As README "When a process dies" says: a little before the lost execution started. Its
				// notes were finished before the poll that started it (every minute): two poll intervals back.
				const since = new Date(Date.parse(startedAt) - 2 * MINUTE).toISOString();
				// Set and saved through the public API, whose PUT also publishes a published workflow again
				// (the editor's Save then Publish).
				const workflow = await rest.workflow(ROUTE);
				const node = workflow.nodes.find((n) => n.name === trigger)!;
				node.parameters.options = { ...(node.parameters.options as object), replaySince: since };
				await rest.saveWorkflow(workflow);
				// The trigger restarts and polls: one execution with every note finished since then.
				const replay = await waitFor(
					'the replaying execution to finish',
					async () =>
						(await rest.executions(ROUTE)).find(
							(e) =>
								e.mode === 'trigger' &&
								!['new', 'running'].includes(e.status) &&
								nodeItems(e.data, trigger).some((item) => item.session_id === b.sessionId),
						),
					4 * MINUTE,
					3000,
				);
				expect({ status: replay.status, workers: workerOf(replay.id).length }).toEqual({
					status: 'success',
					workers: 1,
				});
				// The first note is in the replay too: its conditional create found it filed.
				expect(onlyOnce(await emitted(ROUTE), [a.sessionId, b.sessionId])).toEqual([
					{ key: a.sessionId, times: 1 },
					{ key: b.sessionId, times: 1 },
				]);
				expect({ a: filed(a.urn), b: filed(b.urn) }).toEqual({ a: 1, b: 1 });
				// Done once: the trigger remembers the time it replayed, and the option stays set (as a clinic
				// may leave it; the next test's main restart then polls with it set too).
				const saved = await rest.workflow(ROUTE);
				expect(saved.staticData?.[`node:${trigger}`]?.replayed).toBe(Date.parse(since));
				// A later poll does not replay: two more polls begun (so the first has ended), no execution more.
				const afterReplay = lastSeq();
				const started = (await triggerRuns()).length;
				await waitFor(
					'two more polls of example 04',
					() => pollsSince(afterReplay) >= 2 || undefined,
					3 * MINUTE,
				);
				await waitFor('no execution of example 04 running', async () =>
					(await rest.unfinishedExecutionIds(ROUTE)).length === 0 ? true : undefined,
				);
				process.stderr.write(
					`[queue e2e] replay since ${since}: execution ${replay.id} (${replay.status}); trigger executions ${before} before, ${started} after it, ${(await triggerRuns()).length} two polls later\n`,
				);
				expect({
					replays: started - before,
					later: (await triggerRuns()).length - started,
				}).toEqual({
					replays: 1,
					later: 0,
				});
				expect(onlyOnce(await emitted(ROUTE), [a.sessionId, b.sessionId])).toEqual([
					{ key: a.sessionId, times: 1 },
					{ key: b.sessionId, times: 1 },
				]);
				expect({ a: filed(a.urn), b: filed(b.urn) }).toEqual({ a: 1, b: 1 });
			});
		},
		8 * MINUTE,
	);

	test(
		'a worker killed while the main is down: the main marks the execution Crashed when it starts, the trigger does not emit its events again, a Retry files each note once',
		async () => {
			await timed('workerKilledMainDown', async () => {
				const [c, d] = [heidiNote('enc-queue-kill-2c'), heidiNote('enc-queue-kill-2d')];
				sandbox.faults.failNext({
					kind: 'hold',
					service: 'fhir',
					match: { method: 'POST', bodyIncludes: d.urn },
				});
				const { executionId, worker } = await executionHeldOnWorker(c, d);
				expect(await backend.activeExecutionIds()).toContain(executionId);
				// The main first: nobody then hears Bull fail the job, as when the main restarts or crashes too.
				await cluster.main.kill();
				await cluster.killWorker(worker);
				const replacement = cluster.addWorker('worker-4');
				await waitFor(
					'the held request dropped',
					() => sandbox.faults.held().length === 0 || undefined,
				);
				// The surviving worker's stalled-job check fails the job once its lock has expired.
				await waitFor(
					"the job to leave Bull's active list",
					async () => !(await backend.activeExecutionIds()).includes(executionId) || undefined,
					5 * MINUTE,
					2000,
				);
				await replacement;
				const mainLogFrom = (logs.main ?? '').length;
				const restartedAt = lastSeq();
				await cluster.startMain();
				await rest.signIn(SANDBOX_OWNER);
				const crashed = await settledExecution(executionId, 'the queue recovery of the main');
				const stacked = stackedSessionIds(crashed);
				const again = await emittedAgain(restartedAt, [c.sessionId, d.sessionId]);
				const before = { c: filed(c.urn), d: filed(d.urn) };
				const retried = await rest.retryExecution(executionId);
				process.stderr.write(
					`[queue e2e] ${worker} killed while it ran execution ${executionId}, the main down: ${crashed.status}; its retry ${retried.id} on ${workerOf(retried.id).join(', ')}: ${retried.status}\n`,
				);
				expect(crashed.status).toBe('crashed');
				// Marked by the main's queue recovery at start-up (not by a worker: each has its own event log).
				expect(logs.main.slice(mainLogFrom)).toContain('recovered dangling executions');
				expect(stacked.sort()).toEqual([c.sessionId, d.sessionId].sort());
				// Replay Events Since is still set (test before): the main's first poll did not replay either.
				expect(again).toEqual([]);
				expect(before).toEqual({ c: 1, d: 0 });
				expect(retried.status).toBe('success');
				expect(workerOf(retried.id)).toHaveLength(1);
				expect({ c: filed(c.urn), d: filed(d.urn) }).toEqual({ c: 1, d: 1 });
			});
		},
		12 * MINUTE,
	);

	test(
		`a batch of ${BATCH} recordings from a webhook runs on a worker: one HealthScribe job per recording, one assumed role for the execution`,
		async () => {
			await timed('batch', async () => {
				// From here on the HealthScribe trigger would file every job of the batches: unpublish it.
				await rest.deactivateWorkflow('csExHsFhir');
				const seq = lastSeq();
				const before = (await rest.executions('csQueueBatch')).length;
				await post(BATCH_HOOK, recordings('batch-a', BATCH));
				const [execution] = (await finishedExecutions('csQueueBatch', before + 1)).slice(before);
				expect(execution.status).toBe('success');
				expect(workerOf(execution.id)).toHaveLength(1);
				const items = nodeItems(execution.data, BATCH_NODE);
				expect(items).toHaveLength(BATCH);
				const names = new Set(items.map((item) => String(item.MedicalScribeJobName)));
				expect(names.size).toBe(BATCH);
				expect(new Set(startedJobNames(seq))).toEqual(names);
				// The role is assumed once for the execution, not once per item.
				expect(assumeRoles(seq)).toBe(1);
			});
		},
		6 * MINUTE,
	);

	test(
		`the same ${BATCH} recordings fired twice at once: both workers race on the same items, still one job per recording`,
		async () => {
			await timed('race', async () => {
				const seq = lastSeq();
				const before = (await rest.executions('csQueueBatch')).length;
				const batch = recordings('batch-b', BATCH);
				await Promise.all([post(BATCH_HOOK, batch), post(BATCH_HOOK, batch)]);
				const executions = (await finishedExecutions('csQueueBatch', before + 2)).slice(before);
				expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
				const workers = executions.flatMap((e) => workerOf(e.id));
				expect(workers).toHaveLength(2);
				const [first, second] = executions.map((e) =>
					nodeItems(e.data, BATCH_NODE).map((item) => String(item.MedicalScribeJobName)),
				);
				expect(first).toHaveLength(BATCH);
				expect(second).toEqual(first);
				// Deterministic names: whichever Start came second found the job the first one made (ConflictException → Get).
				const jobs = new Set(jobsNamed('queue').filter((name) => first.includes(name)));
				expect(jobs.size).toBe(BATCH);
				expect(new Set(startedJobNames(seq))).toEqual(new Set(first));
				expect(
					sandbox.log
						.entries({
							service: 'transcribe',
							target: 'Transcribe.StartMedicalScribeJob',
							since: seq,
						})
						.filter((e) => e.status === 200),
				).toHaveLength(BATCH);
				// At most one AssumeRole per execution, whichever worker ran it.
				expect(assumeRoles(seq)).toBeLessThanOrEqual(2);
				process.stderr.write(`[queue e2e] the two executions ran on: ${workers.join(', ')}\n`);
			});
		},
		6 * MINUTE,
	);

	test(
		'Heidi tokens: after every token is revoked, two executions at once renew once each, not once per request',
		async () => {
			await timed('heidiTokens', async () => {
				const sessions = Array.from({ length: 40 }, () => ({
					sessionId: sandbox.heidi.seedSession({ withNote: true }),
				}));
				sandbox.heidi.revokeTokens();
				const seq = lastSeq();
				const before = (await rest.executions('csQueueHeidi')).length;
				await Promise.all([post(HEIDI_HOOK, sessions), post(HEIDI_HOOK, sessions)]);
				const executions = (await finishedExecutions('csQueueHeidi', before + 2)).slice(before);
				expect(executions.map((e) => e.status)).toEqual(['success', 'success']);
				for (const execution of executions) {
					expect(nodeItems(execution.data, HEIDI_NODE).map((item) => item.session_id)).toEqual(
						sessions.map((s) => s.sessionId),
					);
					expect(workerOf(execution.id)).toHaveLength(1);
				}
				const gets = sandbox.log
					.entries({ service: 'heidi', method: 'GET', since: seq })
					.filter((e) => sessions.some((s) => e.path.endsWith(`/sessions/${s.sessionId}`)));
				expect(gets.filter((e) => e.status === 200)).toHaveLength(2 * sessions.length);
				// One renewal per execution (the main's Heidi trigger may poll in between and renew its own once).
				expect(jwtExchanges(seq)).toBeGreaterThanOrEqual(1);
				expect(jwtExchanges(seq)).toBeLessThanOrEqual(3);
			});
		},
		4 * MINUTE,
	);

	test('no process printed an error or warning about the package', () => {
		for (const [name, text] of Object.entries(logs)) {
			const problems = logProblems(text, runtime.version).filter((line) =>
				/clinical-scribe|healthscribe|heidi|connect ?health|awsClinicalApi/i.test(line),
			);
			expect({ name, problems }).toEqual({ name, problems: [] });
		}
	});
});
