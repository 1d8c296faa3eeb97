/**
 * Measures sandbox start-up time and sustained Transcribe throughput with SigV4 from the real SDK.
 * Run: npx tsx sandbox/bench-load.ts [--seconds=10] [--concurrency=16]
 * The sandbox runs in its own process (the CLI), as it does for n8n; the load comes from this one.
 */
import {
	GetMedicalScribeJobCommand,
	StartMedicalScribeJobCommand,
	TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSandbox } from './index';

function arg(name: string, fallback: number): number {
	const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
	return hit ? Number(hit.split('=')[1]) : fallback;
}

interface Printed {
	urls: Record<string, string>;
	credentials: { aws: { accessKeyId: string; secretAccessKey: string } };
	seededRecordings: string[];
}

/** Starts the CLI on free ports; resolves with what it printed and the ms until it was ready. */
function startCli(): Promise<{ printed: Printed; readyMs: number; stop: () => Promise<void> }> {
	const root = path.join(__dirname, '..');
	const env = { ...process.env };
	for (const name of ['S3', 'TRANSCRIBE', 'CONNECT_HEALTH', 'HEIDI', 'STS', 'FHIR'])
		env[`SANDBOX_PORT_${name}`] = '0';
	const started = performance.now();
	const child = spawn(
		path.join(root, 'node_modules', '.bin', 'tsx'),
		['sandbox/cli.ts', '--json'],
		{ cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] },
	);
	return new Promise((resolve, reject) => {
		let out = '';
		child.stdout.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const end = out.indexOf('\n');
			if (end < 0) return;
			resolve({
				printed: JSON.parse(out.slice(0, end)) as Printed,
				readyMs: performance.now() - started,
				stop: () =>
					new Promise((done) => {
						child.on('exit', () => done());
						child.kill('SIGTERM');
					}),
			});
		});
		child.on('exit', (code) => reject(new Error(`sandbox CLI exited with ${code}`)));
	});
}

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
	const seconds = arg('seconds', 10);
	const concurrency = arg('concurrency', 16);

	const t0 = performance.now();
	const inProcess = await startSandbox({ ports: 0 });
	const inProcessMs = performance.now() - t0;
	await inProcess.stop();

	const cli = await startCli();
	const { urls, credentials, seededRecordings } = cli.printed;
	const client = new TranscribeClient({
		region: 'us-east-1',
		endpoint: urls.transcribe,
		credentials: credentials.aws,
		maxAttempts: 1,
	});
	await client.send(
		new StartMedicalScribeJobCommand({
			MedicalScribeJobName: 'bench-job',
			Media: { MediaFileUri: `s3://sandbox-media/${seededRecordings[0]}` },
			OutputBucketName: 'sandbox-output',
			DataAccessRoleArn: 'arn:aws:iam::111122223333:role/HealthScribeAccess',
			Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
		}),
	);

	const latencies: number[] = [];
	let failures = 0;
	const deadline = performance.now() + seconds * 1000;
	const loadStart = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < deadline) {
				const t = performance.now();
				try {
					await client.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'bench-job' }));
					latencies.push(performance.now() - t);
				} catch {
					failures++;
				}
			}
		}),
	);
	const elapsed = (performance.now() - loadStart) / 1000;
	await cli.stop();

	latencies.sort((a, b) => a - b);
	const lines = [
		`startSandbox() in process:            ${inProcessMs.toFixed(0)} ms`,
		`CLI process spawn → ready (tsx):      ${cli.readyMs.toFixed(0)} ms`,
		`Transcribe GetMedicalScribeJob, SDK + SigV4, ${concurrency} in flight for ${elapsed.toFixed(1)} s:`,
		`  ${(latencies.length / elapsed).toFixed(0)} requests/s sustained (${latencies.length} ok, ${failures} failed)`,
		`  latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`bench-load: ${error.message}\n`);
	process.exit(1);
});
