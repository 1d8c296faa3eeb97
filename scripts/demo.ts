/**
 * `npm run demo`: the main command, headless. Builds and packs the package, starts the sandbox and
 * a mail catcher, installs n8n if needed, sets up a fresh n8n user folder like a clinic's (package,
 * credentials, examples), runs every example once — action workflows with `n8n execute`, trigger
 * workflows published on a running n8n until they have seen their events — prints a short summary of
 * each result and exits non-zero if any failed. The newest supported n8n unless `--n8n=oldest` (or
 * CLINICAL_SCRIBE_N8N=oldest) asks for 2.8.4.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startSandbox } from '../sandbox';
import { freePort } from './n8n/env';
import { prepareInstance } from './n8n/instance';
import { runtimeFromArgs } from './n8n/paths';
import { buildPackage } from './n8n/package';
import { summarizeShowcase } from './n8n/report';
import { runShowcase } from './n8n/showcase';
import { startSmtpSink } from './smtp/sink';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
	const started = Date.now();
	const runtime = runtimeFromArgs();
	say(`n8n ${runtime.version} (${runtime.label})`);
	say('building the package');
	await buildPackage();
	const sandbox = await startSandbox({ ports: 0 });
	const smtp = await startSmtpSink();
	const userFolder = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-demo-'));
	try {
		const instance = await prepareInstance({
			userFolder,
			sandbox,
			smtpPort: smtp.port,
			port: await freePort(),
			brokerPort: await freePort(),
			log: say,
			runtime,
		});
		const report = await runShowcase({ instance, sandbox, log: say });
		const { lines, failures } = summarizeShowcase(report, sandbox, smtp);
		say('');
		for (const line of lines) say(line);
		say(
			`\n${failures.length ? `${failures.length} problem(s):\n- ${failures.join('\n- ')}` : 'All examples ran correctly.'} (${Math.round((Date.now() - started) / 1000)} s)`,
		);
		return failures.length ? 1 : 0;
	} finally {
		await smtp.stop();
		await sandbox.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error: Error) => {
		process.stderr.write(`demo failed: ${error.message}\n`);
		process.exit(1);
	},
);
