/**
 * The processes of one queue-mode n8n on this machine: `n8n start` (the main: editor, REST API,
 * webhooks, triggers) and `n8n worker` processes, all on one user folder (the installed package) and
 * one queue-mode configuration (queue.ts). Each process writes its output to a callback of its own.
 */
import type { N8nCli, RunningN8n } from './cli';
import { freePort } from './env';

export interface ClusterOptions {
	workers: number;
	/** Executions each worker runs at once (n8n's default is 10). */
	concurrency?: number;
	/** Where each process's output goes, by name (`main`, `worker-1`, ...). */
	onOutput?: (name: string, text: string) => void;
}

export class QueueCluster {
	private constructor(
		private readonly cli: N8nCli,
		private readonly options: ClusterOptions,
		public main: RunningN8n,
		readonly workers: Array<{ name: string; process: RunningN8n }>,
	) {}

	/** Starts the main and the workers (the workflows, credentials and package must be in place). */
	static async start(cli: N8nCli, options: ClusterOptions): Promise<QueueCluster> {
		if (!cli.settings.queue)
			throw new Error('a queue cluster needs queue settings on the n8n command line');
		const main = await cli.start((text) => options.onOutput?.('main', text));
		const cluster = new QueueCluster(cli, options, main, []);
		try {
			// One after the other: each takes its ports just before it starts (n8n binds them late).
			for (let i = 1; i <= options.workers; i++) await cluster.addWorker(`worker-${i}`);
		} catch (error) {
			await cluster.stop();
			throw error;
		}
		return cluster;
	}

	/** Starts one more worker under `name`. */
	async addWorker(name: string): Promise<RunningN8n> {
		const worker = await this.cli.worker(
			{
				brokerPort: await freePort(),
				healthPort: await freePort(),
				concurrency: this.options.concurrency ?? 10,
				name,
			},
			(text) => this.options.onOutput?.(name, text),
		);
		this.workers.push({ name, process: worker });
		return worker;
	}

	/** Ends a worker at once (SIGKILL, as a crash or a lost machine would) and forgets it. */
	async killWorker(name: string): Promise<void> {
		const index = this.workers.findIndex((worker) => worker.name === name);
		if (index < 0) throw new Error(`no worker named ${name}`);
		await this.workers[index].process.kill();
		this.workers.splice(index, 1);
	}

	/** Starts the main again after it stopped or was killed (same port, database and queue). */
	async startMain(): Promise<void> {
		this.main = await this.cli.start((text) => this.options.onOutput?.('main', text));
	}

	/** Stops the main (SIGTERM) and starts it again on the same port and database. */
	async restartMain(): Promise<void> {
		await this.main.stop();
		this.main = await this.cli.start((text) => this.options.onOutput?.('main', text));
	}

	/** Stops every process it started: workers first (they finish or hand back their jobs), then the main. */
	async stop(): Promise<void> {
		await Promise.all(this.workers.map((worker) => worker.process.stop()));
		await this.main.stop();
	}
}
