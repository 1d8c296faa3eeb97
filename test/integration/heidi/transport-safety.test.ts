import type { IDataObject } from 'n8n-workflow';
import { MAY_HAVE_BEEN_DONE } from '../../../nodes/common/errors';
import { runNode } from '../../harness';
import {
	calls,
	FAKE_API_KEY,
	FAKE_JWT,
	fakeCredentials,
	fakeHeidi,
	json,
	type FakeServer,
} from './transport-fakes';

const servers: FakeServer[] = [];
async function server(...args: Parameters<typeof fakeHeidi>): Promise<FakeServer> {
	const s = await fakeHeidi(...args);
	servers.push(s);
	return s;
}
afterEach(async () => {
	await Promise.all(servers.splice(0).map((s) => s.close()));
});

const SESSION_ID = '123456789012345678901234567890123456789';
const getSession = {
	resource: 'session',
	operation: 'get',
	sessionId: SESSION_ID,
};
const createSession = { resource: 'session', operation: 'create' };

async function run(parameters: IDataObject, credentials: IDataObject) {
	const { items } = await runNode('heidi', parameters as never, {
		credentials: { heidiApi: credentials as never },
		continueOnFail: true,
	});
	return items[0].json;
}

describe('requests that create something are never repeated once they may have reached Heidi', () => {
	it('a 504 on Create Session sends exactly one POST and says to check before re-running', async () => {
		const heidi = await server(
			(req, res) => req.method === 'POST' && json(res, 504, { detail: 'Gateway Timeout' }),
		);
		const out = await run(createSession, fakeCredentials(heidi.baseUrl));
		expect(out.error).toMatch(/^CreateSession failed \(HTTP 504\)/);
		expect(out.description).toContain(MAY_HAVE_BEEN_DONE);
		expect(calls(heidi).filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	it('a Create Session answer cut short is not repeated and carries the hint', async () => {
		const heidi = await server((req, res) => {
			if (req.method !== 'POST') return false;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"session_id": "12345');
			return true;
		});
		const out = await run(createSession, fakeCredentials(heidi.baseUrl));
		expect(out.error).toMatch(/^CreateSession failed/);
		expect(out.description).toContain(MAY_HAVE_BEEN_DONE);
		expect(calls(heidi)).toHaveLength(1);
	});

	it('a Create Session answer without a session id carries the hint', async () => {
		const heidi = await server((req, res) => req.method === 'POST' && json(res, 200, {}));
		const out = await run(createSession, fakeCredentials(heidi.baseUrl));
		expect(out.error).toBe("CreateSession failed: Heidi's answer had no session_id");
		expect(out.description).toContain(MAY_HAVE_BEEN_DONE);
		expect(calls(heidi)).toHaveLength(1);
	});

	it('a refused connection (nothing sent) gets no hint', async () => {
		const closed = await fakeHeidi();
		await closed.close();
		const withToken = fakeCredentials(closed.baseUrl, {
			sessionToken: FAKE_JWT,
			sessionExpiresAt: '2999-01-01T00:00:00.000Z',
		});
		const out = await run(createSession, withToken);
		expect(out.error).toBe('CreateSession failed: ECONNREFUSED');
		expect(out.description ?? '').not.toContain(MAY_HAVE_BEEN_DONE);
	});

	it('429 (not done) is retried, even for a POST', async () => {
		let posts = 0;
		const heidi = await server((req, res) => {
			if (req.method !== 'POST') return false;
			return ++posts === 1
				? json(res, 429, {
						detail: { msg: 'slow down', type: 'RateLimitExceededError' },
					})
				: json(res, 200, { session_id: SESSION_ID });
		});
		const out = await run(createSession, fakeCredentials(heidi.baseUrl));
		expect(out).toMatchObject({ session_id: SESSION_ID });
		expect(calls(heidi).map((r) => r.method)).toEqual(['POST', 'POST']);
	});
});

describe('a stalled request fails after the configured inactivity timeout', () => {
	const stall = () => undefined; // never answer: the test server keeps the request open

	it('a read that stalls (before or inside the body) is retried and succeeds', async () => {
		let gets = 0;
		const heidi = await server((req, res) => {
			if (req.route !== `/sessions/${SESSION_ID}`) return false;
			gets++;
			if (gets === 1) return (stall(), true);
			if (gets === 2) {
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"session": {"session_id": "');
				return true; // headers and half a body, then silence
			}
			return json(res, 200, {
				session: { session_id: SESSION_ID, session_name: 'Visit' },
			});
		});
		const out = await run(getSession, fakeCredentials(heidi.baseUrl, { requestTimeoutSeconds: 1 }));
		expect(out).toMatchObject({
			session_id: SESSION_ID,
			session_name: 'Visit',
		});
		expect(calls(heidi).length).toBeGreaterThanOrEqual(3);
	});

	it('a create that stalls is not repeated: the error names the timeout and says to check', async () => {
		const heidi = await server((req) => req.method === 'POST');
		const out = await run(
			createSession,
			fakeCredentials(heidi.baseUrl, { requestTimeoutSeconds: 1 }),
		);
		expect(out.error).toMatch(/^CreateSession failed: ETIMEDOUT/);
		expect(out.description).toMatch(/Request Timeout \(Seconds\)/);
		expect(out.description).toContain(MAY_HAVE_BEEN_DONE);
		expect(calls(heidi)).toHaveLength(1);
	});

	it('a bad timeout is named before anything is sent', async () => {
		const heidi = await server();
		const out = await run(
			getSession,
			fakeCredentials(heidi.baseUrl, { requestTimeoutSeconds: -5 }),
		);
		expect(out.error).toMatch(
			/^GetSession was not sent: invalid field "Request Timeout \(Seconds\)"/,
		);
		expect(heidi.received).toHaveLength(0);
	});
});

describe('credentials never follow a redirect', () => {
	it('a redirect of a call to another host: that host receives nothing, the error names the operation', async () => {
		const elsewhere = await server();
		const heidi = await server((req, res) => {
			if (req.route === '/jwt') return false;
			res.writeHead(302, {
				location: `${elsewhere.baseUrl}${req.route}?stolen=1`,
			});
			res.end();
			return true;
		});
		const out = await run(getSession, fakeCredentials(heidi.baseUrl));
		expect(out.error).toMatch(/^GetSession failed \(HTTP 302\): Redirect/);
		expect(out.description).toContain(`redirect to ${elsewhere.origin}`);
		expect(out.description).not.toContain('stolen');
		expect(elsewhere.received).toEqual([]);
		// The call itself carried the token to the base URL's host, and only there.
		expect(calls(heidi)[0].headers.authorization).toBe(`Bearer ${FAKE_JWT}`);
	});

	it('a redirect of the token exchange: the API key is not sent on', async () => {
		const elsewhere = await server();
		const heidi = await server((req, res) => {
			res.writeHead(307, { location: `${elsewhere.baseUrl}/jwt` });
			res.end();
			return true;
		});
		const out = await run(getSession, fakeCredentials(heidi.baseUrl));
		expect(out.error).toMatch(/^GetSession: GetToken failed \(HTTP 307\)/);
		expect(out.description).toMatch(/redirect/);
		expect(heidi.received.map((r) => r.route)).toEqual(['/jwt']);
		expect(heidi.received[0].headers['heidi-api-key']).toBe(FAKE_API_KEY);
		expect(elsewhere.received).toEqual([]);
		expect(JSON.stringify(out)).not.toContain(FAKE_API_KEY);
	});
});

describe('plain http:// is refused for a remote host unless allowed', () => {
	// 0.0.0.0 is not a loopback name, yet reaches this machine's 127.0.0.1 listener on Linux.
	const remote = (s: FakeServer) => s.baseUrl.replace('127.0.0.1', '0.0.0.0');

	it('refuses before any request, naming the field and the switch', async () => {
		const heidi = await server();
		const out = await run(getSession, fakeCredentials(remote(heidi)));
		expect(out.error).toMatch(
			/^GetSession was not sent: invalid field "Base URL" of the Heidi API credential/,
		);
		expect(out.error).toMatch(/turn on the credential field "Allow Unencrypted HTTP"/);
		expect(heidi.received).toEqual([]);
	});

	it('sends when "Allow Unencrypted HTTP" is on', async () => {
		const heidi = await server(
			(req, res) =>
				req.route.startsWith('/sessions/') &&
				json(res, 200, { session: { session_id: SESSION_ID } }),
		);
		const out = await run(getSession, fakeCredentials(remote(heidi), { allowInsecureHttp: true }));
		expect(out).toMatchObject({ session_id: SESSION_ID });
		expect(heidi.received.map((r) => r.route)).toEqual(['/jwt', `/sessions/${SESSION_ID}`]);
	});

	it('loopback http:// needs no switch', async () => {
		const heidi = await server(
			(req, res) =>
				req.route.startsWith('/sessions/') &&
				json(res, 200, { session: { session_id: SESSION_ID } }),
		);
		expect(await run(getSession, fakeCredentials(heidi.baseUrl))).toMatchObject({
			session_id: SESSION_ID,
		});
	});
});
