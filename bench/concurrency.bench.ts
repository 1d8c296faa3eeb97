/**
 * A batch of per-item calls through the node's bounded pool, against the baseline of the same batch
 * one item at a time (Concurrency = 1), on a sandbox that answers every Transcribe call after 40 ms.
 * Target: the default pool makes a 40-item batch several times faster.
 */
import { startSandbox } from '../sandbox';
import { seedJob } from '../test/integration/healthscribe/helpers';
import { awsCredentials, runNode } from '../test/harness';
import { stopN8nCoreServices } from '../test/harness/teardown';
import { measureAsync, ms, type BenchRow } from './measure';

const ITEMS = 40;

export async function concurrencyBench(): Promise<BenchRow[]> {
	const sandbox = await startSandbox({ ports: 0, clockSpeed: 1000 });
	try {
		const recording = sandbox.seededRecordings[0];
		for (let i = 0; i < ITEMS; i++) await seedJob(sandbox, `bench-job-${i}`, recording);
		sandbox.faults.set({ transcribe: { faultRate: 1, kinds: ['slow'], slowMs: 40 } });
		const input = Array.from({ length: ITEMS }, (_, i) => ({
			json: { jobName: `bench-job-${i}` },
		}));
		const run = (concurrency: number) => async () => {
			const { items, error } = await runNode(
				'awsHealthScribe',
				{
					resource: 'medicalScribeJob',
					operation: 'get',
					jobName: '={{ $json.jobName }}',
					options: { concurrency },
				},
				{ credentials: { awsClinicalApi: awsCredentials(sandbox) }, input },
			);
			if (error || items.length !== ITEMS)
				throw new Error(`bench run failed: ${error?.message ?? items.length}`);
		};
		const sequential = await measureAsync(run(1), { runs: 3 });
		const pooled = await measureAsync(run(5), { runs: 3 });
		const ratio = pooled.medianMs / sequential.medianMs;
		return [
			{
				bench: 'Per-item calls through the pool',
				case: `${ITEMS} × Get, 40 ms per call, Concurrency 5 (default)`,
				value: ms(pooled.medianMs),
				baseline: `Concurrency 1 ${ms(sequential.medianMs)}`,
				ratio,
				target: '≤ 0.35× one at a time',
				ok: ratio <= 0.35,
			},
		];
	} finally {
		await sandbox.stop();
		// n8n-core's SSH tunnel sweep (started by the first node run) would keep `npm run bench` alive.
		stopN8nCoreServices();
	}
}
