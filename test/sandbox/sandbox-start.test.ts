/** startSandbox(): ports, seed data, stop(); and the CLI that `npm run sandbox` runs. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health';
import { startSandbox, type Sandbox } from '../../sandbox';
import { EXAMPLE_RECORDINGS } from '../../sandbox/audio/examples';
import { detectAudioContainer } from '../../sandbox/audio/detect';
import { ENCOUNTERS } from '../../sandbox/data/encounters';
import { admin } from './core-helpers';

const ROOT = path.join(__dirname, '..', '..');

async function freePorts(n: number): Promise<number[]> {
	const servers = await Promise.all(
		Array.from(
			{ length: n },
			() =>
				new Promise<net.Server>((resolve) => {
					const server = net.createServer();
					server.listen(0, '127.0.0.1', () => resolve(server));
				}),
		),
	);
	const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
	await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
	return ports;
}

function refused(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.on('connect', () => {
			socket.destroy();
			resolve(false);
		});
		socket.on('error', () => resolve(true));
	});
}

describe('startSandbox', () => {
	let sb: Sandbox;
	afterEach(() => sb?.stop());

	test('ports: 0 gives six distinct 127.0.0.1 ports; the result carries URLs, credentials and the emulators', async () => {
		sb = await startSandbox({ ports: 0 });
		const urls = Object.values(sb.urls);
		expect(urls.every((u) => u.startsWith('http://127.0.0.1:'))).toBe(true);
		expect(new Set(urls.map((u) => new URL(u).port)).size).toBe(6);
		expect(sb.urls.heidi).toMatch(/\/api\/v2\/ml-scribe\/open-api$/);
		expect(sb.urls.fhir).toMatch(/\/fhir$/);
		expect(sb.credentials).toEqual({
			aws: {
				accessKeyId: 'AKIASANDBOXLOCAL0001',
				secretAccessKey: expect.any(String),
				region: 'us-east-1',
				accountId: '111122223333',
			},
			heidi: {
				apiKey: expect.any(String),
				email: expect.stringContaining('@'),
				userId: expect.any(String),
			},
		});
		for (const part of [sb.transcribe, sb.connectHealth, sb.heidi, sb.fhir])
			expect(typeof part.handle).toBe('function');
		expect(typeof sb.faults.failNext).toBe('function');
	});

	test('seed: demo buckets, one WAV per encounter under recordings/<today>/ (the committed example files), the Connect Health demo', async () => {
		sb = await startSandbox({ ports: 0 });
		const today = new Date(sb.clock.now()).toISOString().slice(0, 10);
		expect(sb.store.hasBucket('sandbox-output')).toBe(true);
		expect(sb.seededRecordings).toHaveLength(ENCOUNTERS.length);
		for (const recording of EXAMPLE_RECORDINGS) {
			const key = `recordings/${today}/${recording.fileName}`;
			expect(sb.seededRecordings).toContain(key);
			const object = sb.store.get('sandbox-media', key)!;
			expect(object.contentType).toBe('audio/wav');
			expect(detectAudioContainer(object.body)).toBe('wav');
			expect(object.body.readUInt32LE(24)).toBe(16000);
			expect(
				object.body.equals(readFileSync(path.join(ROOT, 'examples', 'audio', recording.fileName))),
			).toBe(true);
		}
		expect(sb.store.list('sandbox-connect-health-output').length).toBeGreaterThan(0);
		expect(sb.connectHealth.seedDemo().domainId).toBe(CONNECT_HEALTH_DEMO.domainId);
	});

	test('seed: false starts empty', async () => {
		sb = await startSandbox({ ports: 0, seed: false });
		expect(sb.store.buckets()).toEqual([]);
		expect(sb.seededRecordings).toEqual([]);
	});

	test('ports per service are honoured; a port in use fails the start', async () => {
		const [s3, busy] = await freePorts(2);
		sb = await startSandbox({ ports: { s3 } });
		expect(sb.urls.s3).toBe(`http://127.0.0.1:${s3}`);
		await sb.stop();
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', resolve));
		try {
			await expect(startSandbox({ ports: { transcribe: busy } })).rejects.toMatchObject({
				code: 'EADDRINUSE',
			});
		} finally {
			await new Promise((resolve) => blocker.close(resolve));
		}
	});

	test('stop() closes every port', async () => {
		sb = await startSandbox({ ports: 0 });
		const ports = Object.values(sb.urls).map((u) => Number(new URL(u).port));
		await sb.stop();
		for (const port of ports) expect(await refused(port)).toBe(true);
	});
});

describe('sandbox CLI', () => {
	test('starts on the ports from SANDBOX_PORT_*, prints URLs and credentials, stops cleanly on SIGTERM', async () => {
		const ports = await freePorts(6);
		const names = ['S3', 'TRANSCRIBE', 'CONNECT_HEALTH', 'HEIDI', 'STS', 'FHIR'];
		const env = {
			...process.env,
			...Object.fromEntries(names.map((n, i) => [`SANDBOX_PORT_${n}`, String(ports[i])])),
		};
		// `node --import tsx`, not the tsx CLI: the CLI relays SIGTERM to its child and SIGKILLs it when the
		// child has not confirmed within 30 ms, which a busy machine misses; here the signal reaches cli.ts itself.
		const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--json'], {
			cwd: ROOT,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const firstLine = await new Promise<string>((resolve, reject) => {
			let out = '';
			child.stdout.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				if (out.includes('\n')) resolve(out.slice(0, out.indexOf('\n')));
			});
			child.on('exit', (code) => reject(new Error(`cli exited early with ${code}`)));
		});
		const printed = JSON.parse(firstLine);
		expect(printed.urls.s3).toBe(`http://127.0.0.1:${ports[0]}`);
		expect(printed.urls.transcribe).toBe(`http://127.0.0.1:${ports[1]}`);
		expect(printed.urls.connectHealth).toBe(`http://127.0.0.1:${ports[2]}`);
		expect(printed.credentials.aws.accessKeyId).toBe('AKIASANDBOXLOCAL0001');
		expect(printed.credentials.heidi.apiKey).toEqual(expect.any(String));
		expect((await admin(printed.urls.sts, 'GET', 'health')).json.ok).toBe(true);
		const exitCode = await new Promise<number | null>((resolve) => {
			child.removeAllListeners('exit');
			child.on('exit', (code) => resolve(code));
			child.kill('SIGTERM');
		});
		expect(exitCode).toBe(0);
		expect(await refused(ports[1])).toBe(true);
	});

	test('an unknown option exits 1 with a message', async () => {
		const child = spawn(
			path.join(ROOT, 'node_modules', '.bin', 'tsx'),
			['sandbox/cli.ts', '--frobnicate'],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let err = '';
		child.stderr.on('data', (c: Buffer) => (err += c.toString()));
		const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
		expect(code).toBe(1);
		expect(err).toContain('unknown option --frobnicate');
	});
});
