import http, { type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { BASE_PATH } from './helpers';

/** One request a fake server received, as it arrived (before any answer). */
export interface Received {
	method: string;
	/** Path with the Heidi base path cut off. */
	route: string;
	query: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface FakeServer {
	origin: string;
	/** Heidi base URL on this server. */
	baseUrl: string;
	received: Received[];
	close(): Promise<void>;
}

export const FAKE_API_KEY = 'fake-heidi-api-key-0001';
export const FAKE_JWT = 'fake.jwt.token';

/**
 * A tiny Heidi stand-in on 127.0.0.1 for what the sandbox does not do (redirects, stalls, a 504,
 * a note that stays unfinished). `handle` answers a request, or returns false to get the default:
 * `GET /jwt` issues a token, anything else is 404.
 */
export async function fakeHeidi(
	handle: (req: Received, res: ServerResponse) => boolean | Promise<boolean> = () => false,
): Promise<FakeServer> {
	const received: Received[] = [];
	const server = http.createServer((req, res) => {
		const parts: Buffer[] = [];
		req.on('data', (chunk: Buffer) => parts.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://fake');
			const entry: Received = {
				method: req.method ?? 'GET',
				route: url.pathname.replace(BASE_PATH, ''),
				query: url.searchParams,
				headers: req.headers,
				body: Buffer.concat(parts).toString('utf8'),
			};
			received.push(entry);
			void Promise.resolve(handle(entry, res)).then((handled) => {
				if (handled) return;
				if (entry.route === '/jwt')
					json(res, 200, {
						token: FAKE_JWT,
						expiration_time: '2999-01-01T00:00:00.000Z',
					});
				else json(res, 404, { detail: 'Not Found' });
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		origin,
		baseUrl: `${origin}${BASE_PATH}`,
		received,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

export function json(res: ServerResponse, status: number, body: unknown): true {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
	return true;
}

/** Credentials for a fake server's base URL (or any URL). */
export function fakeCredentials(
	baseUrl: string,
	extra: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		apiKey: FAKE_API_KEY,
		environment: 'custom',
		baseUrl,
		email: 'fake.clinician@example.com',
		userId: 'fake-user-1',
		sessionToken: '',
		sessionExpiresAt: '',
		...extra,
	};
}

/** Requests other than the token exchange. */
export const calls = (server: FakeServer) => server.received.filter((r) => r.route !== '/jwt');
