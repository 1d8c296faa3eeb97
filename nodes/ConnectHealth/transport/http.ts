import http from 'node:http';
import https from 'node:https';

export interface HttpResponse {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: Buffer;
}

/** A network failure (no HTTP answer), with Node's error code (ECONNRESET, ETIMEDOUT, ...). */
export class NetworkError extends Error {
	constructor(
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

/**
 * Sends one request exactly as given: the headers passed are the headers signed, nothing is
 * re-encoded or added except what Node itself adds for framing (content-length of an empty POST).
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
				response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
				response.on('error', (error: NodeJS.ErrnoException) => reject(new NetworkError(error.code ?? 'ECONNRESET', error.message)));
			},
		);
		request.setTimeout(timeoutMs, () => request.destroy(new NetworkError('ETIMEDOUT', `No answer within ${timeoutMs} ms`)));
		request.on('error', (error: NodeJS.ErrnoException) =>
			reject(error instanceof NetworkError ? error : new NetworkError(error.code ?? 'ECONNRESET', error.message)),
		);
		request.end(body);
	});
}
