/**
 * The listening-session transport against tiny local HTTP/2 servers with odd behaviour: a stream
 * that stalls after the 200 (the request timeout ends it, naming the session), and a 503 before the
 * stream (retried, no audio sent on the refused attempt).
 */
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { INode } from 'n8n-workflow';
import { readAwsSettings } from '../../../nodes/common/aws/settings';
import { ConnectHealthClient } from '../../../nodes/ConnectHealth/transport/client';
import { startListeningSessionStream } from '../../../nodes/ConnectHealth/transport/streamingSession';

const NODE: INode = {
	id: '1',
	name: 'Connect Health',
	type: 'amazonConnectHealth',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const SESSION = '2b7e1516-28ae-4d2a-a6ab-f7158809cf4f';
const HEADERS = {
	sessionId: SESSION,
	domainId: 'dom-abcdefghij0123456789',
	subscriptionId: 'sub-abcdefghijklmnopqrstu',
	languageCode: 'en-US',
	mediaSampleRateHertz: 16000,
	mediaEncoding: 'pcm',
};
const CONFIG = {
	postStreamActionSettings: {
		outputS3Uri: 's3://out-bucket/x/',
		clinicalNoteGenerationSettings: {
			noteTemplateSettings: { managedTemplate: { templateType: 'SIRP' } },
		},
	},
};

async function* chunks(count: number) {
	for (let i = 0; i < count; i++) yield Buffer.alloc(3200, i);
}
const audio = (count: number) => ({
	chunks: chunks(count),
	secondsOf: (bytes: number) => bytes / 32000,
});

async function serve(
	onStream: (stream: http2.ServerHttp2Stream, attempt: number) => void,
): Promise<{ url: string; close(): Promise<void>; received: number[] }> {
	const server = http2.createServer();
	const received: number[] = [];
	let attempt = 0;
	server.on('stream', (stream) => {
		const n = attempt++;
		received[n] = 0;
		stream.on('data', (chunk: Buffer) => (received[n] += chunk.length));
		onStream(stream, n);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const sessions = new Set<http2.ServerHttp2Session>();
	server.on('session', (s) => sessions.add(s));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				for (const s of sessions) s.destroy();
				server.close(() => resolve());
			}),
	};
}

function client(url: string, timeoutMs: number) {
	const settings = readAwsSettings({
		region: 'us-east-1',
		accessKeyId: 'AKIDEXAMPLE',
		secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
		customEndpoints: true,
		connectHealthEndpoint: url,
		connectHealthHostPrefix: false,
	});
	return new ConnectHealthClient({
		settings,
		identity: async () => ({
			accessKeyId: 'AKIDEXAMPLE',
			secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
		}),
		node: NODE,
		retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 },
		timeoutMs,
	});
}

test('a stream that stalls after the 200 ends at the request timeout with the session ID; no second attempt', async () => {
	const server = await serve((stream) =>
		stream.respond({ ':status': 200, 'content-type': 'application/vnd.amazon.eventstream' }),
	);
	try {
		const error = await startListeningSessionStream(
			client(server.url, 300),
			HEADERS,
			CONFIG,
			audio(3),
		).catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).toContain(
			'StartMedicalScribeListeningSession failed: ETIMEDOUT',
		);
		expect((error as Error).message).toContain(
			`Listening session ${SESSION}: the stream stopped after 3 audio events`,
		);
		expect(server.received).toHaveLength(1);
	} finally {
		await server.close();
	}
});

test('a 503 before the stream is retried; the refused attempt carried the configuration event only', async () => {
	const server = await serve((stream, attempt) => {
		if (attempt === 0) {
			stream.respond({ ':status': 503, 'content-type': 'application/json' });
			stream.end(JSON.stringify({ message: 'Service unavailable' }));
			return;
		}
		stream.respond({ ':status': 200, 'content-type': 'application/vnd.amazon.eventstream' });
		stream.on('end', () => stream.end());
	});
	try {
		const outcome = await startListeningSessionStream(
			client(server.url, 5000),
			HEADERS,
			CONFIG,
			audio(4),
		);
		expect(outcome.streamStatus).toBe('COMPLETED');
		expect(outcome.progress).toMatchObject({ audioEvents: 4, audioBytes: 12800 });
		expect(server.received).toHaveLength(2);
		// Attempt 1: at most the signed configuration frame; attempt 2: configuration, 4 audio frames, END_OF_SESSION, end frame.
		expect(server.received[0]).toBeLessThan(1000);
		expect(server.received[1]).toBeGreaterThan(4 * 3200);
	} finally {
		await server.close();
	}
});
