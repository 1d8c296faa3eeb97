import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { synthesizeTones } from '../../../sandbox/audio/wav';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	startParameters,
} from '../healthscribe/helpers';

interface Manager {
	init(): Promise<void>;
	getAsBuffer(id: string): Promise<Buffer>;
	getAsStream(id: string, chunkSize?: number): Promise<NodeJS.ReadableStream>;
}

/**
 * Start with a binary recording in n8n's filesystem binary mode: the recording is read through the
 * binary stream helpers (never whole into memory) and uploaded as a stream of known length.
 */
describe('HealthScribe Start: streamed upload from filesystem binary data', () => {
	let sandbox: Sandbox;
	let storage: string;
	let service: BinaryDataService;
	let manager: Manager;
	const reads = { buffer: 0, stream: 0 };

	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
		storage = mkdtempSync(path.join(tmpdir(), 'n8n-binary-'));
		service = Container.get(BinaryDataService);
		// n8n's own filesystem manager, as the service's init() would make it for mode "filesystem".
		const { FileSystemManager } = require('n8n-core/dist/binary-data/file-system.manager') as {
			FileSystemManager: new (p: string, r: unknown) => Manager;
		};
		manager = new FileSystemManager(storage, { error() {}, warn() {}, info() {} });
		await manager.init();
		const getAsBuffer = manager.getAsBuffer.bind(manager);
		const getAsStream = manager.getAsStream.bind(manager);
		manager.getAsBuffer = async (id) => {
			reads.buffer++;
			return await getAsBuffer(id);
		};
		manager.getAsStream = async (id, chunkSize) => {
			reads.stream++;
			return await getAsStream(id, chunkSize);
		};
		service.setManager('filesystem-v2', manager as never);
		service.setManager('filesystem' as never, manager as never);
		(service as unknown as { mode: string }).mode = 'filesystem-v2';
	});
	afterAll(async () => {
		(service as unknown as { mode: string }).mode = 'default';
		rmSync(storage, { recursive: true, force: true });
		await sandbox.stop();
	});

	async function storedRecording(seconds: number): Promise<{ binary: IBinaryData; bytes: Buffer }> {
		const bytes = synthesizeTones({
			seconds,
			sampleRate: 16_000,
			tones: [440, 660],
			seed: seconds,
		});
		const binary = await service.store(
			{ type: 'execution', workflowId: 'test-workflow', executionId: 'upload-test' },
			bytes,
			{
				data: '',
				mimeType: 'audio/wav',
				fileName: 'visit.wav',
			} as IBinaryData,
		);
		return { binary, bytes };
	}

	it('uploads the whole recording, byte for byte, read as a stream (no buffer read)', async () => {
		const { binary, bytes } = await storedRecording(20);
		expect(binary.id).toMatch(/^filesystem/);
		reads.buffer = 0;
		reads.stream = 0;
		const from = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items, error } = await runNode(NODE, startParameters(sandbox), {
			credentials: credentialsFor(sandbox),
			input: [{ json: { appointmentId: 'APPT-9001' }, binary: { data: binary } }],
		});
		expect(error).toBeUndefined();
		const key = `healthscribe/input/${createHash('sha256').update(bytes).digest('hex')}.wav`;
		expect(items[0].json.Media).toEqual({ MediaFileUri: `s3://${MEDIA_BUCKET}/${key}` });
		const stored = sandbox.store.get(MEDIA_BUCKET, key);
		expect(stored?.body.equals(bytes)).toBe(true);
		const puts = sandbox.log.entries({ since: from, service: 's3', method: 'PUT' });
		expect(puts).toHaveLength(1);
		expect(reads.buffer).toBe(0);
		expect(reads.stream).toBeGreaterThanOrEqual(2);
	});

	it('a failed upload attempt is retried with the stream opened afresh; the object arrives intact', async () => {
		const { binary, bytes } = await storedRecording(7);
		sandbox.faults.failNext(
			{ kind: '5xx', service: 's3', match: { method: 'PUT' } },
			{ kind: 'reset', service: 's3', match: { method: 'PUT' } },
		);
		const from = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { error } = await runNode(NODE, startParameters(sandbox), {
			credentials: credentialsFor(sandbox),
			input: [{ json: { appointmentId: 'APPT-9002' }, binary: { data: binary } }],
		});
		expect(error).toBeUndefined();
		const puts = sandbox.log.entries({ since: from, service: 's3', method: 'PUT' });
		expect(puts.map((p) => p.fault ?? 'ok')).toEqual(['5xx', 'reset', 'ok']);
		const key = `healthscribe/input/${createHash('sha256').update(bytes).digest('hex')}.wav`;
		expect(sandbox.store.get(MEDIA_BUCKET, key)?.body.equals(bytes)).toBe(true);
	});
});
