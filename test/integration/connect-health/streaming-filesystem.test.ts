/**
 * With n8n's filesystem binary mode (N8N_DEFAULT_BINARY_DATA_MODE=filesystem) the recording is read
 * from the binary store as a stream by its id, never as one buffer.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { IBinaryData } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, run } from './helpers';
import { toneWav } from './streaming.helpers';

let sandbox: Sandbox;
let service: BinaryDataService;
beforeAll(async () => {
	sandbox = await connectHealthSandbox();
	service = Container.get(BinaryDataService);
	Object.assign(
		(service as unknown as { config: { mode: string; localStoragePath: string } }).config,
		{ mode: 'filesystem', localStoragePath: mkdtempSync(path.join(tmpdir(), 'n8n-binary-')) },
	);
	await service.init();
});
afterAll(async () => await sandbox.stop());

test('a recording in the filesystem binary store is streamed by id (getBinaryStream), not loaded whole', async () => {
	const wav = toneWav({ seconds: 2, channels: 2 });
	const stored = (await service.store(
		{ type: 'execution', workflowId: 'test-workflow', executionId: 'test-execution' },
		wav,
		{
			mimeType: 'audio/wav',
			fileName: 'visit.wav',
			data: '',
		} as IBinaryData,
	)) as IBinaryData;
	expect(stored.id).toMatch(/^filesystem/);
	const asStream = jest.spyOn(service, 'getAsStream');
	const asBuffer = jest.spyOn(service, 'getAsBuffer');
	const { items, error, requests } = await run(
		sandbox,
		{
			resource: 'listeningSession',
			operation: 'start',
			domain: byId(DEMO.domainId),
			subscription: byId(DEMO.subscriptionId),
			outputS3Uri: 's3://sandbox-connect-health-output/fs/',
		},
		{ input: [{ json: {}, binary: { data: stored } }] },
	);
	expect(error).toBeUndefined();
	expect(asStream).toHaveBeenCalledWith(stored.id, 64 * 1024);
	expect(asBuffer).not.toHaveBeenCalled();
	expect((requests.find((r) => r.path === '/medical-scribe-stream/')!.body as any).audioBytes).toBe(
		wav.length - 44,
	);
	expect(items[0].json).toMatchObject({
		streamStatus: 'COMPLETED',
		audio: { channels: 2, seconds: 2 },
	});
});
