import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, NODE, seedJob } from '../healthscribe/helpers';
import { localServer, redirectTo, stall, type LocalServer } from './servers';

const CONNECT_HEALTH = 'amazonConnectHealth';

/** Stalls and redirects, from a tiny local server standing in for the service or a proxy. */
describe('AWS transports: request timeout and redirects', () => {
	let sandbox: Sandbox;
	const servers: LocalServer[] = [];
	const start = async (server: Promise<LocalServer>) => {
		const s = await server;
		servers.push(s);
		return s;
	};
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 1 });
		await seedJob(sandbox, 'net-visit-1', sandbox.seededRecordings[0]);
	});
	afterAll(async () => {
		await Promise.all(servers.map((s) => s.close()));
		await sandbox.stop();
	});

	const get = { resource: 'medicalScribeJob', operation: 'get', jobName: 'net-visit-1' };
	const listDomains = { resource: 'domain', operation: 'getAll', returnAll: true, filters: {} };
	const withCredential = (overrides: ICredentialDataDecryptedObject) => ({
		awsClinicalApi: { ...credentialsFor(sandbox).awsClinicalApi, ...overrides },
	});

	it('Transcribe: a stalled answer fails after the configured Request Timeout with a named error', async () => {
		const server = await start(stall());
		const { items } = await runNode(NODE, get, {
			credentials: withCredential({ transcribeEndpoint: server.url, requestTimeoutSeconds: 1 }),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toContain('GetMedicalScribeJob failed');
		expect(message).toContain('TimeoutError');
		expect(message).toContain('Request Timeout');
		expect(message).not.toContain('@smithy');
		// Retried as a transient failure, within the SDK's attempt budget.
		expect(server.seen.length).toBeGreaterThan(1);
		expect(server.seen.length).toBeLessThanOrEqual(6);
	}, 90_000);

	it('Connect Health: a stalled answer fails after the configured Request Timeout with a named error', async () => {
		const server = await start(stall());
		const { items } = await runNode(CONNECT_HEALTH, listDomains, {
			credentials: withCredential({ connectHealthEndpoint: server.url, requestTimeoutSeconds: 1 }),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toContain('ListDomains failed');
		expect(message).toContain('ETIMEDOUT');
		expect(message).toContain('Request Timeout');
		expect(server.seen.length).toBeGreaterThan(1);
	}, 90_000);

	it('Transcribe (AWS SDK): a redirect to another host is not followed; that host receives nothing', async () => {
		const other = await start(localServer((_req, res) => res.end('{}')));
		const proxy = await start(redirectTo(`${other.url}/`));
		const { items } = await runNode(NODE, get, {
			credentials: withCredential({ transcribeEndpoint: proxy.url }),
			continueOnFail: true,
		});
		expect(String(items[0].json.error)).toContain('GetMedicalScribeJob failed (HTTP 307)');
		expect(proxy.seen.length).toBeGreaterThan(0);
		expect(proxy.seen[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
		expect(other.seen).toHaveLength(0);
	});

	it('S3 (AWS SDK): a redirect is not followed', async () => {
		const other = await start(localServer((_req, res) => res.end('{}')));
		const proxy = await start(redirectTo(`${other.url}/`, 302));
		const { items } = await runNode(
			NODE,
			{ ...get, includeOutputs: 'raw' },
			{ credentials: withCredential({ s3Endpoint: proxy.url }), continueOnFail: true },
		);
		expect(String(items[0].json.error)).toContain('GetObject failed (HTTP 302)');
		expect(proxy.seen.length).toBeGreaterThan(0);
		expect(other.seen).toHaveLength(0);
	});

	it('Connect Health: a redirect to another host is not followed; the error says why', async () => {
		const other = await start(localServer((_req, res) => res.end('{}')));
		const proxy = await start(redirectTo(`${other.url}/domain`, 301));
		const { items } = await runNode(CONNECT_HEALTH, listDomains, {
			credentials: withCredential({ connectHealthEndpoint: proxy.url }),
			continueOnFail: true,
		});
		const message = String(items[0].json.error);
		expect(message).toContain('ListDomains failed (HTTP 301): Redirect');
		expect(message).toContain('not followed');
		expect(proxy.seen).toHaveLength(1);
		expect(proxy.seen[0].headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
		expect(other.seen).toHaveLength(0);
	});
});
