import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { awsSession, AWS_CREDENTIAL } from '../../../nodes/common/aws/clients';
import { credentialUpdates, registerTestNode, runNode } from '../../harness';

/** A node that only exists here: it authenticates with both credentials against a local server. */
class CredentialProbe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Credential Probe',
		name: 'credentialProbe',
		group: ['transform'],
		version: 1,
		description: 'Test only',
		defaults: { name: 'Credential Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'heidiApi', required: true },
			{ name: AWS_CREDENTIAL, required: true },
		],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const heidi = await this.getCredentials('heidiApi');
		const whoami = (await this.helpers.httpRequestWithAuthentication.call(this, 'heidiApi', {
			method: 'GET',
			url: `${heidi.baseUrl}/whoami`,
			json: true,
		})) as { user: string };
		const identity = await (await awsSession(this)).identity();
		return [
			[
				{
					json: { heidiUser: whoami.user, awsKeyPrefix: identity.accessKeyId.slice(0, 4) },
					pairedItem: { item: 0 },
				},
			],
		];
	}
}

registerTestNode('test.credentialProbe', new CredentialProbe());

describe('workflow test harness', () => {
	let server: Server;
	let base: string;
	const seen: Array<{ path: string; headers: IncomingMessage['headers'] }> = [];
	let tokenVersion = 0;

	beforeAll(async () => {
		server = createServer((req, res) => {
			seen.push({ path: req.url ?? '', headers: req.headers });
			const url = new URL(req.url ?? '/', 'http://x');
			if (url.pathname === '/jwt') {
				const ok =
					req.headers['heidi-api-key'] === 'probe-key' &&
					url.searchParams.get('email') === 'probe@example.org';
				res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
				tokenVersion++;
				res.end(
					JSON.stringify(
						ok
							? {
									token: `jwt-${tokenVersion}`,
									expiration_time: new Date(Date.now() + 3_600_000).toISOString(),
								}
							: { detail: { msg: 'bad key', type: 'Unauthorized' } },
					),
				);
				return;
			}
			// Only the second token is accepted, so the first request proves the refresh-on-401 path.
			const authorised = req.headers.authorization === 'Bearer jwt-2';
			res.writeHead(authorised ? 200 : 401, { 'content-type': 'application/json' });
			res.end(
				JSON.stringify(
					authorised
						? { user: 'probe-user' }
						: { detail: { msg: 'expired', type: 'Unauthorized' } },
				),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('runs a node in-process with both credentials: Heidi pre-authentication (incl. refresh on 401) and AWS keys', async () => {
		const { items, error } = await runNode(
			'test.credentialProbe',
			{},
			{
				credentials: {
					heidiApi: {
						apiKey: 'probe-key',
						environment: 'custom',
						baseUrl: base,
						email: 'probe@example.org',
						userId: 'u-1',
						sessionToken: '',
						sessionExpiresAt: '',
					},
					awsClinicalApi: {
						region: 'us-east-1',
						authentication: 'accessKeys',
						accessKeyId: 'AKIAPROBEEXAMPLE0001',
						secretAccessKey: 'probe-secret',
					},
				},
			},
		);
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { heidiUser: 'probe-user', awsKeyPrefix: 'AKIA' }, pairedItem: { item: 0 } },
		]);
		// Token exchange on the empty token, a 401 with it, a second exchange, then success.
		expect(seen.map((s) => s.path.split('?')[0])).toEqual(['/jwt', '/whoami', '/jwt', '/whoami']);
		expect(seen[0].headers['heidi-api-key']).toBe('probe-key');
		expect(seen[3].headers.authorization).toBe('Bearer jwt-2');
		expect(credentialUpdates.map((u) => u.data.sessionToken)).toEqual(['jwt-1', 'jwt-2']);
	});

	it('turns a refused API key into a plain error without the key', async () => {
		const { error } = await runNode(
			'test.credentialProbe',
			{},
			{
				credentials: {
					heidiApi: {
						apiKey: 'wrong-key-123456',
						environment: 'custom',
						baseUrl: base,
						email: 'probe@example.org',
						userId: 'u-1',
						sessionToken: '',
					},
					awsClinicalApi: {
						region: 'us-east-1',
						accessKeyId: 'AKIAPROBEEXAMPLE0001',
						secretAccessKey: 'probe-secret',
					},
				},
			},
		);
		// n8n words the 401 itself; our explanation travels in the description.
		expect(`${error?.message} ${error?.description}`).toMatch(
			/Heidi token exchange failed \(HTTP 401\)/,
		);
		expect(JSON.stringify(error)).not.toContain('wrong-key-123456');
	});
});
