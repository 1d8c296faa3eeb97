/**
 * `npm start`: a clinic's n8n on this machine, ready to try. Builds and packs the package, starts the
 * sandbox (every emulator on its default port) and a local mail catcher, installs the pinned n8n on
 * first use, installs the package into `.n8n-local/n8n-<version>/` the way n8n's community-node
 * install does, imports the sandbox credentials and the example workflows (trigger examples
 * published), creates the owner account once, and runs n8n on http://127.0.0.1:5678 until Ctrl-C.
 * The newest supported n8n unless `--n8n=oldest` (or CLINICAL_SCRIBE_N8N=oldest) asks for 2.8.4; one
 * user folder per version, since n8n migrates its database forward only.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PORTS, startSandbox, type Sandbox } from '../sandbox';
import { CREDENTIALS } from './n8n/credentials';
import { prepareInstance } from './n8n/instance';
import { buildPackage } from './n8n/package';
import { REPO_ROOT, runtimeFromArgs } from './n8n/paths';
import { N8nRest, SANDBOX_OWNER } from './n8n/rest';
import { startSmtpSink, type SmtpSink } from './smtp/sink';

const RUNTIME = runtimeFromArgs();
export const LOCAL_USER_FOLDER = path.join(REPO_ROOT, '.n8n-local', `n8n-${RUNTIME.version}`);
const LOCAL_LABEL = path.relative(REPO_ROOT, LOCAL_USER_FOLDER);
const N8N_PORT = 5678;
const SMTP_PORT = 2525;
const LOG_FILE = path.join(LOCAL_USER_FOLDER, 'n8n.log');

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
	say('building the package');
	await buildPackage();
	let sandbox: Sandbox;
	try {
		sandbox = await startSandbox({ ports: DEFAULT_PORTS });
	} catch (error) {
		throw new Error(
			`the sandbox could not start on ports ${Object.values(DEFAULT_PORTS).join(', ')} (${(error as Error).message}); is \`npm run sandbox\` or another \`npm start\` running?`,
		);
	}
	const smtp: SmtpSink = await startSmtpSink(SMTP_PORT, (mail) =>
		say(`[mail catcher] to ${mail.to.join(', ')}: "${mail.subject}"`),
	);
	const instance = await prepareInstance({
		userFolder: LOCAL_USER_FOLDER,
		sandbox,
		smtpPort: smtp.port,
		port: N8N_PORT,
		log: say,
		runtime: RUNTIME,
	});
	const triggers = instance.examples.filter((e) => e.kind === 'trigger');
	for (const example of triggers) await instance.cli.publishWorkflow(example.id);

	say(`starting n8n ${RUNTIME.version} (log: ${LOCAL_LABEL}/n8n.log)`);
	writeFileSync(LOG_FILE, '');
	const n8n = await instance.cli.start((text) => appendFileSync(LOG_FILE, text));
	const rest = new N8nRest(n8n.url);
	let login = `${SANDBOX_OWNER.email} / ${SANDBOX_OWNER.password}`;
	try {
		await rest.signIn(SANDBOX_OWNER);
	} catch {
		login = `the owner account you set up earlier in ${LOCAL_LABEL} (delete that folder to start over)`;
	}

	let stopping = false;
	const stop = async (code: number): Promise<void> => {
		if (stopping) return;
		stopping = true;
		say('\nstopping n8n and the sandbox');
		await n8n.stop();
		await smtp.stop();
		await sandbox.stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	void n8n.exit().then((code) => {
		if (!stopping) {
			say(`n8n exited unexpectedly (code ${code}); see ${LOCAL_LABEL}/n8n.log`);
			void stop(1);
		}
	});

	say();
	say(`n8n ${RUNTIME.version} is running: ${n8n.url}`);
	say(`Log in as:     ${login}`);
	say();
	say(
		'Installed community package: n8n-nodes-clinical-scribe (AWS HealthScribe, Amazon Connect Health, Heidi and their triggers)',
	);
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
	say(
		`Sandbox (synthetic data only): FHIR receiver ${sandbox.urls.fhir}, mail catcher on 127.0.0.1:${smtp.port} (mails are printed here)`,
	);
	say('Ctrl-C stops n8n and the sandbox.');
}

main().catch((error: Error) => {
	process.stderr.write(`npm start failed: ${error.message}\n`);
	process.exit(1);
});
