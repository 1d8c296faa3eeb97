import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/**
 * A network failure (no complete HTTP answer), with Node's error code (ECONNRESET, ETIMEDOUT, ...).
 * `reached` is false only when no connection was ever made, so the service cannot have seen the
 * request; otherwise it may have acted on it.
 */
export class NetworkError extends Error {
	constructor(
		readonly code: string,
		message: string,
		readonly reached = true,
	) {
		super(message);
	}
}

/**
 * Sends one request exactly as given: the headers passed are the headers signed, nothing is
 * re-encoded or added except what Node itself adds for framing (content-length of an empty POST).
 * `timeoutMs` is an inactivity timeout (connect included): no byte for that long fails the request.
 * Redirects are never followed (Node does not): a 3xx comes back as an answer, and the signed
 * request never reaches another host.
 */
export function sendHttp(
	origin: URL,
	pathAndQuery: string,
	method: string,
	headers: Record<string, string>,
	body: Buffer | undefined,
	timeoutMs: number,
): Promise<HttpResponse> {
	const transport = origin.protocol === 'http:' ? http : https;
	return new Promise((resolve, reject) => {
		let connected = false;
		const fail = (error: NodeJS.ErrnoException) =>
			reject(
				error instanceof NetworkError
					? error
					: new NetworkError(error.code ?? 'ECONNRESET', error.message, connected),
			);
		const request = transport.request(
			{
				protocol: origin.protocol,
				hostname: origin.hostname.replace(/^\[|\]$/g, ''),
				port: origin.port || undefined,
				path: pathAndQuery,
				method,
				headers,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () =>
					resolve({
						status: response.statusCode ?? 0,
						headers: response.headers,
						body: Buffer.concat(chunks),
					}),
				);
				response.on('error', fail);
				// Closed before Content-Length (or the last chunk) arrived: the answer was cut.
				response.on('close', () => {
					if (!response.complete)
						fail(new NetworkError('ECONNRESET', 'The answer was cut short', true));
				});
			},
		);
		request.on('socket', (socket) => {
			// A reused keep-alive socket is already connected.
			if (!socket.connecting) connected = true;
			else socket.once('connect', () => (connected = true));
		});
		request.setTimeout(timeoutMs, () =>
			request.destroy(
				new NetworkError(
					'ETIMEDOUT',
					`No data for ${timeoutMs / 1000} s (Request Timeout)`,
					connected,
				),
			),
		);
		request.on('error', fail);
		request.end(body);
	});
}
