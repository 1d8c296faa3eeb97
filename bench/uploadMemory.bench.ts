/**
 * Memory of HealthScribe Start's upload (issue 10: "a 40 MB upload grows memory by ~346 MB").
 * Runs the built node on a recording (default 200 MiB, UPLOAD_BENCH_MIB to change) held in n8n's
 * filesystem binary mode, against a local sink that discards uploaded bytes (so no emulator copy
 * counts), and reports the peak RSS growth as a ratio of the file size. Streamed, growth stays
 * bounded (GC-lagged chunks only), so the ratio falls as the file grows; buffered, it is ≥ 1×.
 * Small files are dominated by garbage not yet collected: use ≥ 100 MiB.
 * Run: npm run build && node --expose-gc -r tsx/cjs bench/uploadMemory.bench.ts
 */
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { awsCredentials, runNode } from '../test/harness';

const SIZE = Number(process.env.UPLOAD_BENCH_MIB ?? 200) * 1024 * 1024;

async function sink(): Promise<{ url: string; close(): void }> {
	const server = http.createServer((req, res) => {
		req.on('data', () => undefined);
		req.on('end', () => {
			if (req.method === 'PUT') {
				res.writeHead(200, { etag: '"bench"' });
				res.end();
				return;
			}
			res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
			res.end(
				JSON.stringify({
					MedicalScribeJob: { MedicalScribeJobName: 'bench', MedicalScribeJobStatus: 'QUEUED' },
				}),
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => server.close(),
	};
}

async function main(): Promise<void> {
	const storage = mkdtempSync(path.join(tmpdir(), 'upload-bench-'));
	const server = await sink();
	try {
		const service = Container.get(BinaryDataService);
		const { FileSystemManager } = require('n8n-core/dist/binary-data/file-system.manager') as {
			FileSystemManager: new (p: string, r: unknown) => { init(): Promise<void> };
		};
		const manager = new FileSystemManager(storage, { error() {}, warn() {}, info() {} });
		await manager.init();
		service.setManager('filesystem-v2', manager as never);
		(service as unknown as { mode: string }).mode = 'filesystem-v2';
		const file = path.join(storage, 'recording.wav');
		const chunk = Buffer.alloc(1024 * 1024, 7);
		writeFileSync(file, Buffer.alloc(0));
		for (let i = 0; i < SIZE / chunk.length; i++) writeFileSync(file, chunk, { flag: 'a' });
		const binary = await service.store(
			{ type: 'execution', workflowId: 'bench', executionId: 'bench' },
			createReadStream(file),
			{
				data: '',
				mimeType: 'audio/wav',
				fileName: 'visit.wav',
			} as IBinaryData,
		);
		const credentials = {
			awsClinicalApi: awsCredentials({
				urls: {
					transcribe: server.url,
					connectHealth: server.url,
					s3: server.url,
					sts: server.url,
				},
				credentials: { aws: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' } },
			}),
		};
		const parameters = {
			resource: 'medicalScribeJob',
			operation: 'start',
			jobNameMode: 'custom',
			jobName: 'bench-upload',
			mediaSource: 'binary',
			binaryPropertyName: 'data',
			uploadBucket: 'bench-media',
			uploadKeyPrefix: 'in',
			outputBucketName: 'bench-output',
			dataAccessRoleArn: 'arn:aws:iam::111122223333:role/HealthScribeAccess',
			speakerMode: 'speakerLabels',
			maxSpeakers: 2,
		};
		(globalThis as { gc?: () => void }).gc?.();
		const before = process.memoryUsage().rss;
		let peak = before;
		const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
		const { error } = await runNode('awsHealthScribe', parameters, {
			credentials,
			input: [{ json: {}, binary: { data: binary } }],
		});
		clearInterval(timer);
		peak = Math.max(peak, process.memoryUsage().rss);
		if (error) throw new Error(`upload failed: ${error.message}`);
		const growth = peak - before;
		const ratio = growth / SIZE;
		process.stdout.write(
			`| Start upload memory | ${SIZE / 1024 / 1024} MiB recording, filesystem binary mode | peak RSS +${(growth / 1024 / 1024).toFixed(1)} MiB | file ${SIZE / 1024 / 1024} MiB | ${ratio.toFixed(2)}× | ≤ 0.25× the file | ${ratio <= 0.25 ? 'yes' : 'NO'} |\n`,
		);
		if (ratio > 0.25) process.exitCode = 1;
	} finally {
		server.close();
		rmSync(storage, { recursive: true, force: true });
	}
}

void main();
