/**
 * Medical Scribe Listening Session → Start on a 30-minute two-channel recording (16 kHz, 16-bit
 * PCM WAV, 110 MiB) read from S3 and streamed unpaced to the sandbox over HTTP/2, in one process.
 * Measured: peak extra memory (RSS above the level before the run, sampled every 10 ms) against
 * the recording's size, and speed against real time. Targets (issue 11): < 64 MiB extra, ≥ 20×.
 * Standalone: npx tsx bench/streaming.bench.ts
 */
import { startSandbox } from '../sandbox';
import { CONNECT_HEALTH_DEMO as DEMO } from '../sandbox/connect-health';
import { awsCredentials, runNode } from '../test/harness';
import type { BenchRow } from './measure';

const MINUTES = 30;
const RATE = 16000;
const CHANNELS = 2;

/** A WAV of tones (no voice), written sample by sample into one buffer: the S3 object. */
function recording(seconds: number): Buffer {
	const frames = seconds * RATE;
	const wav = Buffer.alloc(44 + frames * CHANNELS * 2);
	wav.write('RIFF', 0, 'latin1');
	wav.writeUInt32LE(wav.length - 8, 4);
	wav.write('WAVEfmt ', 8, 'latin1');
	wav.writeUInt32LE(16, 16);
	wav.writeUInt16LE(1, 20);
	wav.writeUInt16LE(CHANNELS, 22);
	wav.writeUInt32LE(RATE, 24);
	wav.writeUInt32LE(RATE * CHANNELS * 2, 28);
	wav.writeUInt16LE(CHANNELS * 2, 32);
	wav.writeUInt16LE(16, 34);
	wav.write('data', 36, 'latin1');
	wav.writeUInt32LE(frames * CHANNELS * 2, 40);
	for (let i = 0; i < frames; i++) {
		wav.writeInt16LE(Math.round(Math.sin(i / 5) * 3000), 44 + i * 4);
		wav.writeInt16LE(Math.round(Math.sin(i / 7) * 3000), 46 + i * 4);
	}
	return wav;
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export async function streamingBench(): Promise<BenchRow[]> {
	const sandbox = await startSandbox({ ports: 0, clockSpeed: 0 });
	try {
		const seconds = MINUTES * 60;
		const wav = recording(seconds);
		sandbox.store.ensureBucket('bench-recordings');
		sandbox.store.ensureBucket('bench-output');
		sandbox.store.put('bench-recordings', 'visit-30min.wav', wav, 'audio/wav');
		const parameters = {
			resource: 'listeningSession',
			operation: 'start',
			domain: { __rl: true, mode: 'id', value: DEMO.domainId },
			subscription: { __rl: true, mode: 'id', value: DEMO.subscriptionId },
			audioSource: 's3',
			audioS3Uri: 's3://bench-recordings/visit-30min.wav',
			outputS3Uri: 's3://bench-output/{yyyy}/{mm}/{dd}/',
		};
		const credentials = { awsClinicalApi: awsCredentials(sandbox) };
		// Warm-up on a short recording: module loading and JIT are not part of the measurement.
		sandbox.store.put('bench-recordings', 'warmup.wav', recording(5), 'audio/wav');
		await runNode(
			'amazonConnectHealth',
			{ ...parameters, audioS3Uri: 's3://bench-recordings/warmup.wav' },
			{ credentials },
		);

		(global as { gc?: () => void }).gc?.();
		const before = process.memoryUsage().rss;
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
		const started = performance.now();
		const { items, error } = await runNode('amazonConnectHealth', parameters, { credentials });
		const elapsedMs = performance.now() - started;
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage().rss);
		if (error || items[0]?.json.streamStatus !== 'COMPLETED')
			throw new Error(`bench run failed: ${error?.message ?? JSON.stringify(items[0]?.json)}`);
		const audio = items[0].json.audio as { seconds: number; events: number };
		const extra = peak - before;
		const speed = (seconds * 1000) / elapsedMs;
		return [
			{
				bench: 'Listening session stream (unpaced, HTTP/2, signed events)',
				case: `${MINUTES} min, 2 channels, 16 kHz WAV from S3 (${mib(wav.length)}), ${audio.events} events: peak extra memory`,
				value: mib(extra),
				baseline: `recording ${mib(wav.length)}`,
				ratio: extra / wav.length,
				target: '< 64 MiB extra',
				ok: extra < 64 * 1024 * 1024,
			},
			{
				bench: 'Listening session stream (unpaced, HTTP/2, signed events)',
				case: `${MINUTES} min, 2 channels, 16 kHz: time to stream and read the transcript`,
				value: `${(elapsedMs / 1000).toFixed(1)} s`,
				baseline: `real time ${seconds} s`,
				ratio: speed,
				target: '≥ 20× real time (ratio = speed-up)',
				ok: speed >= 20,
			},
		];
	} finally {
		await sandbox.stop();
	}
}

if (require.main === module) {
	void streamingBench().then((rows) => {
		// --json: rows for bench/run.ts, which runs this bench in a process of its own.
		if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(rows));
		else
			for (const r of rows)
				process.stdout.write(
					`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(3)}× | ${r.target} | ${r.ok ? 'yes' : 'NO'} |\n`,
				);
		process.exit(0);
	});
}
