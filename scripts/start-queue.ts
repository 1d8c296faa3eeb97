/**
 * `npm run start:queue`: the clinic's n8n in queue mode on this machine, the way a group practice
 * scales it: `n8n start` (editor, webhooks, triggers) plus two `n8n worker` processes that run the
 * executions, Postgres as the database and Redis as the queue (see scripts/n8n/queue.ts for where
 * they are looked for). Like `npm start`: builds and packs the package, starts the sandbox and the
 * mail catcher, installs the package into one user folder all three processes share, imports the
 * sandbox credentials and the example workflows (trigger examples published). The run has its own
 * Postgres database and Redis key prefix; Ctrl-C stops every process it started and drops both.
 * `--n8n=oldest` (or CLINICAL_SCRIBE_N8N) picks another supported n8n, as for `npm start`.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS, startSandbox, type Sandbox } from '../sandbox';
import { QueueCluster } from './n8n/cluster';
import { CREDENTIALS } from './n8n/credentials';
import { freePort } from './n8n/env';
import { prepareInstance } from './n8n/instance';
import { ensureN8n } from './n8n/install';
import { buildPackage } from './n8n/package';
import { REPO_ROOT, runtimeFromArgs } from './n8n/paths';
import { createQueueBackend, type QueueBackend } from './n8n/queue';
import { N8nRest, SANDBOX_OWNER } from './n8n/rest';
import { startSmtpSink, type SmtpSink } from './smtp/sink';

const RUNTIME = runtimeFromArgs();
const USER_FOLDER = path.join(REPO_ROOT, '.n8n-local', `queue-n8n-${RUNTIME.version}`);
const LABEL = path.relative(REPO_ROOT, USER_FOLDER);
const N8N_PORT = 5678;
const SMTP_PORT = 2525;
const WORKERS = 2;

const say = (line = '') => process.stdout.write(`${line}\n`);

let sandbox: Sandbox | undefined;
let smtp: SmtpSink | undefined;
let backend: QueueBackend | undefined;
let cluster: QueueCluster | undefined;
let stopping = false;

/** Stops whatever was started, newest first; the database and Redis keys go last, once no n8n uses them. */
async function stopAll(code: number): Promise<void> {
	if (stopping) return;
	stopping = true;
	say(
		'\nstopping the n8n workers and main, dropping this run’s database and queue, stopping the sandbox',
	);
	await cluster?.stop().catch((error: Error) => say(`stopping n8n: ${error.message}`));
	await backend
		?.drop()
		.catch((error: Error) => say(`dropping the run's database and Redis keys: ${error.message}`));
	await smtp?.stop();
	await sandbox?.stop();
	process.exit(code);
}

async function main(): Promise<void> {
	process.on('SIGINT', () => void stopAll(0));
	process.on('SIGTERM', () => void stopAll(0));
	say('building the package');
	await buildPackage();
	await ensureN8n(say, RUNTIME);
	backend = await createQueueBackend(RUNTIME);
	const { postgres, redis, prefix } = backend.settings;
	say(
		`queue mode: Postgres ${postgres.host}:${postgres.port} database ${postgres.database}, Redis ${redis.host}:${redis.port} prefix ${prefix}`,
	);
	try {
		sandbox = await startSandbox({ ports: DEFAULT_PORTS });
	} catch (error) {
		throw new Error(
			`the sandbox could not start on ports ${Object.values(DEFAULT_PORTS).join(', ')} (${(error as Error).message}); is \`npm run sandbox\` or \`npm start\` running?`,
		);
	}
	smtp = await startSmtpSink(SMTP_PORT, (mail) =>
		say(`[mail catcher] to ${mail.to.join(', ')}: "${mail.subject}"`),
	);
	const instance = await prepareInstance({
		userFolder: USER_FOLDER,
		sandbox,
		smtpPort: smtp.port,
		port: N8N_PORT,
		brokerPort: await freePort(),
		log: say,
		runtime: RUNTIME,
		queue: backend.settings,
	});
	const triggers = instance.examples.filter((e) => e.kind === 'trigger');
	for (const example of triggers) await instance.cli.publishWorkflow(example.id);

	mkdirSync(USER_FOLDER, { recursive: true });
	const logFile = (name: string) => path.join(USER_FOLDER, `${name}.log`);
	for (const name of ['main', ...Array.from({ length: WORKERS }, (_, i) => `worker-${i + 1}`)])
		writeFileSync(logFile(name), '');
	say(
		`starting n8n ${RUNTIME.version}: main + ${WORKERS} workers (logs: ${LABEL}/main.log, worker-N.log)`,
	);
	cluster = await QueueCluster.start(instance.cli, {
		workers: WORKERS,
		onOutput: (name, text) => appendFileSync(logFile(name), text),
	});
	const running = cluster;
	for (const { name, process: proc } of [
		{ name: 'main', process: running.main },
		...running.workers,
	]) {
		void proc.exit().then((code) => {
			if (!stopping) {
				say(`n8n ${name} exited unexpectedly (code ${code}); see ${LABEL}/${name}.log`);
				void stopAll(1);
			}
		});
	}
	await new N8nRest(running.main.url).signIn(SANDBOX_OWNER);

	say();
	say(
		`n8n ${RUNTIME.version} is running in queue mode: ${running.main.url} (executions run on ${WORKERS} workers)`,
	);
	say(`Log in as:     ${SANDBOX_OWNER.email} / ${SANDBOX_OWNER.password}`);
	say(
		`Credentials:   "${CREDENTIALS.aws.name}", "${CREDENTIALS.heidi.name}", "${CREDENTIALS.smtp.name}" (all point at the local sandbox)`,
	);
	say('Workflows:');
	for (const example of instance.examples)
		say(`  ${example.kind === 'trigger' ? '[published]' : '[run it]  '} ${example.name}`);
	say();
	say(
		`Recordings drop folder: ${path.relative(REPO_ROOT, instance.recordingsFolder)}/<today>/   notes: ${path.relative(REPO_ROOT, instance.notesFolder)}/`,
	);
	say('Ctrl-C stops n8n, the workers and the sandbox, and drops this run’s database and queue.');
}

main().catch(async (error: Error) => {
	process.stderr.write(`npm run start:queue failed: ${error.message}\n`);
	await stopAll(1);
});
