/**
 * The n8n command line for one user folder: import credentials and workflows, publish, execute
 * headless, and run `n8n start` as a child process that can be waited for and stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { n8nEnv, type N8nSettings } from './env';
import { REPO_ROOT, selectedRuntime, type N8nRuntime } from './paths';
import { run, runOrThrow, type RunResult } from './proc';
import type { RunData } from './runData';

/** A credential as `n8n import:credentials` reads it: `data` in plain text, n8n encrypts it. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface ExecuteResult {
	ok: boolean;
	/** The run data n8n printed (`--rawOutput`), when it printed any. */
	data?: RunData;
	/** Everything the command printed, for diagnosis. */
	output: string;
}

/**
 * Parses `--rawOutput`: log lines first, then the execution as JSON from the first line that is
 * exactly `{`; returns its run data.
 */
export function parseRawOutput(stdout: string): RunData | undefined {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return undefined;
	const text = lines.slice(start).join('\n');
	const execution = JSON.parse(text.slice(0, text.lastIndexOf('}') + 1)) as { data?: RunData };
	return execution.data;
}

export class N8nCli {
	/** `runtime`: which installed n8n, run with its Node (default: CLINICAL_SCRIBE_N8N, else the newest). */
	constructor(
		readonly settings: N8nSettings,
		readonly runtime: N8nRuntime = selectedRuntime(),
	) {}

	get env(): NodeJS.ProcessEnv {
		return n8nEnv(this.settings);
	}

	async run(args: string[], timeoutMs = 300_000): Promise<RunResult> {
		return await run(this.runtime.node, [this.runtime.bin, ...args], {
			cwd: REPO_ROOT,
			env: this.env,
			timeoutMs,
		});
	}

	private async runChecked(args: string[]): Promise<RunResult> {
		return await runOrThrow(this.runtime.node, [this.runtime.bin, ...args], {
			cwd: REPO_ROOT,
			env: this.env,
			timeoutMs: 300_000,
		});
	}

	/** Imports (or overwrites, same ids) credentials. */
	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		await this.importFile(
			'import:credentials',
			credentials,
			/Successfully imported \d+ credential/,
		);
	}

	/** Imports (or overwrites, same ids) workflows given as JSON, in one n8n process. */
	async importWorkflows(workflows: object[]): Promise<void> {
		await this.importFile(
			'import:workflow',
			workflows,
			new RegExp(`Successfully imported ${workflows.length} workflow`),
		);
	}

	async publishWorkflow(id: string): Promise<void> {
		await this.runChecked(['publish:workflow', `--id=${id}`]);
	}

	/** Runs a workflow that starts with a Manual Trigger once; `ok` is n8n's exit status. */
	async execute(id: string): Promise<ExecuteResult> {
		const result = await this.run(['execute', `--id=${id}`, '--rawOutput']);
		let data: RunData | undefined;
		try {
			data = parseRawOutput(result.stdout);
		} catch {
			data = undefined;
		}
		return {
			ok: result.code === 0 && data !== undefined,
			data,
			output: `${result.stdout}\n${result.stderr}`,
		};
	}

	/** `n8n start` in the background; resolves once the REST API answers. */
	async start(onOutput?: (text: string) => void): Promise<RunningN8n> {
		if (!this.settings.port) throw new Error('N8nCli.start needs settings.port');
		const child = spawn(this.runtime.node, [this.runtime.bin, 'start'], {
			cwd: REPO_ROOT,
			env: this.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const running = new RunningN8n(child, `http://127.0.0.1:${this.settings.port}`, onOutput);
		await running.waitReady();
		return running;
	}

	/**
	 * `n8n worker` in the background (queue mode: `settings.queue`), with its own task-runner broker
	 * port and health-check port; resolves once its /healthz/readiness answers 200 (database and Redis
	 * connected).
	 */
	async worker(
		own: { brokerPort: number; healthPort: number; concurrency: number; name?: string },
		onOutput?: (text: string) => void,
	): Promise<RunningN8n> {
		if (!this.settings.queue) throw new Error('N8nCli.worker needs settings.queue');
		const env = n8nEnv({
			...this.settings,
			port: undefined,
			brokerPort: own.brokerPort,
			worker: { healthPort: own.healthPort, concurrency: own.concurrency, name: own.name },
		});
		const child = spawn(this.runtime.node, [this.runtime.bin, 'worker'], {
			cwd: REPO_ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const running = new RunningN8n(child, `http://127.0.0.1:${own.healthPort}`, onOutput, 'worker');
		await running.waitReady();
		return running;
	}

	/** The import commands log a failure and still exit 0: success is their closing line. */
	private async importFile(command: string, value: unknown, success: RegExp): Promise<void> {
		const dir = mkdtempSync(path.join(tmpdir(), 'n8n-import-'));
		const file = path.join(dir, 'import.json');
		writeFileSync(file, JSON.stringify(value));
		try {
			const result = await this.runChecked([command, `--input=${file}`]);
			if (!success.test(result.stdout))
				throw new Error(
					`n8n ${command} did not succeed:\n${result.stdout}\n${result.stderr}`.trim(),
				);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
}

export class RunningN8n {
	private text = '';
	private exited: Promise<number>;
	private exitCode: number | undefined;

	constructor(
		private readonly child: ChildProcess,
		readonly url: string,
		onOutput?: (text: string) => void,
		/** `main` (n8n start: ready when the REST API answers) or `worker` (ready when its health check does). */
		readonly role: 'main' | 'worker' = 'main',
	) {
		const collect = (chunk: Buffer): void => {
			this.text += chunk.toString();
			onOutput?.(chunk.toString());
		};
		child.stdout?.on('data', collect);
		child.stderr?.on('data', collect);
		// Never leave n8n behind when this process ends without stopping it (an error, a test timeout).
		const orphanGuard = (): void => {
			child.kill('SIGKILL');
		};
		process.once('exit', orphanGuard);
		this.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				process.removeListener('exit', orphanGuard);
				this.exitCode = code ?? (signal ? 128 : 1);
				resolve(this.exitCode);
			});
		});
	}

	/** Everything n8n printed so far. */
	get log(): string {
		return this.text;
	}

	/** Resolves with the exit code when n8n exits (on its own or after stop()). */
	async exit(): Promise<number> {
		return await this.exited;
	}

	async waitReady(timeoutMs = 120_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.exitCode !== undefined)
				throw new Error(
					`n8n exited with ${this.exitCode} before it was ready:\n${this.text.split('\n').slice(-30).join('\n')}`,
				);
			try {
				// /healthz/readiness answers before the REST API is mounted, and while starting up
				// /rest/settings answers 200 with a plain-text notice: wait for its JSON.
				if (this.role === 'worker') {
					if ((await fetch(`${this.url}/healthz/readiness`)).ok) return;
					throw new Error('not ready');
				}
				const response = await fetch(`${this.url}/rest/settings`);
				const body = response.ok
					? ((await response.json().catch(() => undefined)) as { data?: unknown } | undefined)
					: undefined;
				if (body?.data) return;
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		throw new Error(
			`n8n was not ready after ${timeoutMs / 1000} s:\n${this.text.split('\n').slice(-30).join('\n')}`,
		);
	}

	/** The process id (to stop or kill it from outside, as a crash would). */
	get pid(): number | undefined {
		return this.child.pid;
	}

	/** Ends the process at once with SIGKILL, as a crash or a lost machine would; resolves when it is gone. */
	async kill(): Promise<number> {
		if (this.exitCode === undefined) this.child.kill('SIGKILL');
		return await this.exited;
	}

	/** SIGTERM (n8n shuts down cleanly in a few seconds), SIGKILL if it hangs. */
	async stop(timeoutMs = 20_000): Promise<number> {
		if (this.exitCode !== undefined) return this.exitCode;
		this.child.kill('SIGTERM');
		const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
		try {
			return await this.exited;
		} finally {
			clearTimeout(timer);
		}
	}
}
