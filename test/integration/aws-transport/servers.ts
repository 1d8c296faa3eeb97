import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

export interface LocalServer {
	url: string;
	seen: Seen[];
	close(): Promise<void>;
}

/** A tiny server on 127.0.0.1 (port 0) that records every request and answers with `reply`. */
export async function localServer(
	reply: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<LocalServer> {
	const seen: Seen[] = [];
	const server = http.createServer((req, res) => {
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		req.on('end', () => reply(req, res));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		seen,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Accepts the request and never answers (a stalled service or proxy). */
export const stall = () => localServer(() => undefined);

/** Answers every request with a redirect to `location`. */
export const redirectTo = (location: string, status = 307) =>
	localServer((_req, res) => {
		res.writeHead(status, { location, 'content-length': '0' });
		res.end();
	});
