import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, NODE } from './helpers';

/**
 * AWS answers GetVocabularyFilter / GetVocabulary with a pre-signed HTTPS link into a service bucket.
 * Here the emulator hands out links of that shape to a tiny local server: the node must GET them as
 * they are, without credentials and without following redirects.
 */
describe('AWS HealthScribe: words downloaded from a pre-signed DownloadUri', () => {
	let sandbox: Sandbox;
	let server: http.Server;
	let base: string;
	const received: Array<{ url: string; headers: http.IncomingHttpHeaders }> = [];
	let redirectNext = false;

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			received.push({ url: req.url ?? '', headers: req.headers });
			if (redirectNext) {
				res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
				return;
			}
			const [path] = (req.url ?? '').split('?');
			const [bucket, ...key] = path.replace(/^\//, '').split('/');
			const object = sandbox.store.get(bucket, key.map(decodeURIComponent).join('/'));
			if (!object) res.writeHead(404).end();
			else res.writeHead(200, { 'content-type': 'text/plain' }).end(object.body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		sandbox = await healthScribeSandbox({ transcribe: { downloadUriBase: base } });
		await runNode(
			NODE,
			{
				resource: 'vocabularyFilter',
				operation: 'create',
				filterName: 'signed-filter',
				filterSource: 'words',
				filterWords: 'darn\nheck',
			},
			{ credentials: credentialsFor(sandbox) },
		);
	});
	afterAll(async () => {
		await sandbox.stop();
		await new Promise((resolve) => server.close(resolve));
	});

	it('reads the words with a plain GET of the link: no AWS signature or session header is added', async () => {
		const { items, error } = await runNode(
			NODE,
			{
				resource: 'vocabularyFilter',
				operation: 'get',
				vocabularyFilter: { __rl: true, mode: 'name', value: 'signed-filter' },
			},
			{ credentials: credentialsFor(sandbox) },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.Words).toEqual(['darn', 'heck']);
		expect(items[0].json.DownloadUri).toMatch(new RegExp(`^${base}/.*X-Amz-Signature=`));
		expect(received).toHaveLength(1);
		expect(received[0].url).toMatch(/X-Amz-Signature=[0-9a-f]{64}$/);
		expect(received[0].headers.authorization).toBeUndefined();
		expect(Object.keys(received[0].headers).filter((h) => h.startsWith('x-amz-'))).toEqual([]);
	});

	it('does not follow a redirect from the download link', async () => {
		redirectNext = true;
		const before = received.length;
		const { items } = await runNode(
			NODE,
			{
				resource: 'vocabularyFilter',
				operation: 'get',
				vocabularyFilter: { __rl: true, mode: 'name', value: 'signed-filter' },
			},
			{ credentials: credentialsFor(sandbox), continueOnFail: true },
		);
		redirectNext = false;
		expect(items[0].json.error).toMatch(/^GetVocabularyFilter download failed: .*302/);
		expect(received.length - before).toBe(1);
	});
});
