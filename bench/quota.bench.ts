/**
 * Quota-aware batches (issue 13): 1,000 HealthScribe Starts (Wait off) against an emulator that
 * answers every Transcribe call after 150 ms and allows 25 StartMedicalScribeJob requests a second
 * (AWS's default StartTranscriptionJob quota; the rate limit runs on real time).
 *  1. Request rate: default Concurrency (5) vs Concurrency 1, as a share of the 25/s limit.
 *     Max Running Jobs is raised to the emulator's quota here, so only the request rate binds.
 *  2. Concurrent-job quota: the same 1,000 with a quota of 50 jobs that last 2 minutes (sandbox
 *     clock ×20, so 6 s real): total time vs the ideal jobs × length / quota.
 * Run alone: npx tsx bench/quota.bench.ts (after npm run build).
 */
import { MEDIA_BUCKET, OUTPUT_BUCKET, startSandbox, type Sandbox } from '../sandbox';
import { awsCredentials, runNode } from '../test/harness';
import type { BenchRow } from './measure';

const ITEMS = 1000;
const RATE = 25;
const LATENCY_MS = 150;
const SLOW_ITEMS = 100;

const startParameters = (sandbox: Sandbox, extra: Record<string, unknown>) => ({
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
	...extra,
});

/** Runs a batch of `count` Starts; returns seconds taken and how many items were not jobs. */
async function batch(
	sandbox: Sandbox,
	offset: number,
	count: number,
	extra: Record<string, unknown>,
): Promise<{ seconds: number; failed: number }> {
	const input = Array.from({ length: count }, (_, i) => ({
		json: { appointmentId: `APPT-${offset + i}` },
	}));
	const began = performance.now();
	const { items, error } = await runNode('awsHealthScribe', startParameters(sandbox, extra), {
		credentials: { awsClinicalApi: awsCredentials(sandbox) },
		input,
		continueOnFail: true,
	});
	const seconds = (performance.now() - began) / 1000;
	if (error) throw new Error(`bench batch failed: ${error.message}`);
	const failed =
		items.filter(
			(item) => item.json.error !== undefined || item.json.MedicalScribeJobStatus === 'NOT_STARTED',
		).length +
		(count - items.length);
	return { seconds, failed };
}

async function withSandbox<T>(
	options: Parameters<typeof startSandbox>[0],
	run: (sandbox: Sandbox) => Promise<T>,
): Promise<T> {
	const sandbox = await startSandbox({ ports: 0, ...options });
	try {
		sandbox.faults.set({
			transcribe: {
				faultRate: 1,
				kinds: ['slow'],
				slowMs: LATENCY_MS,
				operationRateLimits: { StartMedicalScribeJob: RATE },
			},
		});
		return await run(sandbox);
	} finally {
		await sandbox.stop();
	}
}

export async function quotaBench(): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	await withSandbox(
		{ clockSpeed: 1, transcribe: { maxConcurrentJobs: 100_000 } },
		async (sandbox) => {
			const one = await batch(sandbox, 0, SLOW_ITEMS, {
				options: { concurrency: 1 },
				maxRunningJobs: 10_000,
			});
			const pooled = await batch(sandbox, 100_000, ITEMS, { maxRunningJobs: 10_000 });
			// The bucket starts full (one second's worth): those requests are not part of the sustained rate.
			const rate = (ITEMS - RATE) / pooled.seconds;
			const oneRate = SLOW_ITEMS / one.seconds;
			rows.push({
				bench: 'Quota-aware batch: request rate',
				case: `${ITEMS} Starts, Wait off, ${LATENCY_MS} ms per call, ${RATE} Starts/s allowed, Concurrency 5 (default); ${pooled.failed} not started/failed`,
				value: `${rate.toFixed(1)}/s = ${((100 * rate) / RATE).toFixed(0)} % of the limit (${pooled.seconds.toFixed(1)} s)`,
				baseline: `Concurrency 1: ${oneRate.toFixed(1)}/s (${SLOW_ITEMS} items)`,
				ratio: oneRate / rate,
				target: '≥ 95 % of the limit, 0 failed',
				ok: rate >= 0.95 * RATE && pooled.failed === 0 && one.failed === 0,
			});
		},
	);
	const speed = 20;
	const jobMs = 120_000;
	const quota = 50;
	await withSandbox(
		{
			clockSpeed: speed,
			transcribe: { maxConcurrentJobs: quota, queuedMs: 0, processingMs: jobMs },
		},
		async (sandbox) => {
			const run = await batch(sandbox, 200_000, ITEMS, { maxRunningJobs: quota });
			const ideal = (ITEMS * jobMs) / quota / speed / 1000;
			rows.push({
				bench: 'Quota-aware batch: concurrent-job quota',
				case: `${ITEMS} Starts, quota ${quota} jobs of 2 min (clock ×${speed}), ${RATE} Starts/s, ${LATENCY_MS} ms per call; ${run.failed} not started/failed`,
				value: `${run.seconds.toFixed(1)} s`,
				baseline: `ideal ${ideal.toFixed(1)} s (jobs × length / quota)`,
				ratio: run.seconds / ideal,
				target: '≤ 1.2× ideal, none hanging',
				ok: run.seconds <= 1.2 * ideal && run.failed === 0,
			});
		},
	);
	return rows;
}

if (require.main === module) {
	void quotaBench().then((rows) => {
		for (const r of rows)
			process.stdout.write(
				`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.ok ? 'yes' : 'NO'} |\n`,
			);
	});
}
