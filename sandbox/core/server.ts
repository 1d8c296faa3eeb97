/**
 * One HTTP/1.1 server per emulated service on 127.0.0.1. Around the emulator's handler it does
 * what every service shares: body and URL parsing, SigV4 verification, faults and rate limits,
 * the request log, admin endpoints and error rendering in the service's protocol.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import http2 from 'node:http2';
import net, { type AddressInfo, type Socket } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { authenticate, type Authenticated } from './auth';
import { describeBody } from './body';
import { safeDecode } from './sigv4';
import type { CredentialRegistry } from './credentials';
import { ServiceError, hostId, renderError } from './errors';
import type { FaultDecision, Faults } from './faults';
import { queryObject, redactHeaders, type RequestLog } from './log';
import type { ServiceProfile } from './services';
import type { Clock, Handler, SandboxRequest, SandboxResponse } from './types';

export interface ServerContext {
	clock: Clock;
	credentials: CredentialRegistry;
	faults: Faults;
	log: RequestLog;
	region: string;
	/** Run before every emulated request, so time-driven state (job lifecycles) is current. */
	beforeRequest?: () => void;
}

/**
 * A bidirectional HTTP/2 operation (Connect Health's StartMedicalScribeListeningSession): it reads
 * events while it writes its answer, so it is served from the raw HTTP/2 request instead of the
 * buffered handler. `serve` does its own signing checks, faults and request log entry.
 */
export interface StreamRoute {
	matches(method: string, rawPath: string): boolean;
	serve(
		req: http2.Http2ServerRequest,
		res: http2.Http2ServerResponse,
		ctx: ServerContext,
	): Promise<void>;
}

export interface ServiceServer {
	port: number;
	url: string;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const parts: Buffer[] = [];
		req.on('data', (chunk: Buffer) => parts.push(chunk));
		req.on('end', () => resolve(parts.length === 1 ? parts[0] : Buffer.concat(parts)));
		req.on('error', reject);
	});
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The operation a request names: `X-Amz-Target`, or the awsQuery `Action` (query string or form body). */
function operationOf(
	profile: ServiceProfile,
	headers: Record<string, string>,
	query: URLSearchParams,
	body: Buffer,
): string | undefined {
	if (headers['x-amz-target']) return headers['x-amz-target'];
	if (profile.protocol !== 'awsQuery') return undefined;
	const fromQuery = query.get('Action');
	if (fromQuery) return fromQuery;
	if ((headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
		return new URLSearchParams(body.toString('utf8')).get('Action') ?? undefined;
	}
	return undefined;
}

function requestIdHeaders(profile: ServiceProfile, requestId: string): Record<string, string> {
	switch (profile.protocol) {
		case 'restXml':
			return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
		case 'awsJson1_1':
		case 'restJson1':
		case 'awsQuery':
			return { 'x-amzn-requestid': requestId };
		default:
			return { 'x-request-id': requestId };
	}
}

function encodeBody(response: SandboxResponse, headers: Record<string, string>): Buffer {
	const body = response.body;
	if (body === undefined) return Buffer.alloc(0);
	if (Buffer.isBuffer(body)) return body;
	if (typeof body === 'string') return Buffer.from(body, 'utf8');
	headers['content-type'] ??= 'application/json';
	return Buffer.from(JSON.stringify(body), 'utf8');
}

/** A truncated copy of the body, so the client receives something that does not parse. */
function truncate(body: Buffer): Buffer {
	return body.length >= 2 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from('{"');
}

async function writeResponse(
	res: ServerResponse,
	method: string,
	response: SandboxResponse,
	fault: FaultDecision | undefined,
): Promise<void> {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.headers ?? {}))
		headers[name.toLowerCase()] = value;
	if (response.stream) {
		res.writeHead(response.status, headers);
		res.flushHeaders();
		for await (const chunk of response.stream) {
			res.write(chunk);
			if (fault?.kind === 'malformed') break;
			if (fault?.kind === 'cut') {
				res.destroy();
				return;
			}
		}
		res.end();
		return;
	}
	let body = encodeBody(response, headers);
	if (fault?.kind === 'cut' && method !== 'HEAD') {
		headers['content-length'] = String(body.length);
		res.writeHead(response.status, headers);
		res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
		return;
	}
	if (fault?.kind === 'malformed') body = truncate(body);
	if (method === 'HEAD') {
		headers['content-length'] ??= String(body.length);
		res.writeHead(response.status, headers);
		res.end();
		return;
	}
	headers['content-length'] = String(body.length);
	res.writeHead(response.status, headers);
	res.end(body);
}

/** Resolves when the client's connection (or HTTP/2 stream) closes before the answer is sent. */
function closed(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => res.once('close', () => resolve()));
}

/** Drops the connection without an answer (HTTP/1.1 socket, or the HTTP/2 stream). */
function destroyResponse(res: ServerResponse): void {
	const h2 = (res as unknown as { stream?: http2.ServerHttp2Stream }).stream;
	if (h2) h2.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
	else res.destroy();
}

/**
 * One port for HTTP/1.1 and h2c with prior knowledge: a connection that opens with the HTTP/2
 * preface goes to the HTTP/2 server, any other to the HTTP/1.1 server.
 */
function dualProtocolServer(
	h1: http.Server,
	h2: http2.Http2Server,
): { server: net.Server; closeAll(): void } {
	const sockets = new Set<Socket>();
	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
		socket.once('data', (first: Buffer) => {
			socket.pause();
			socket.unshift(first);
			// The HTTP/2 session takes the already-read bytes from the socket's buffer itself; the
			// HTTP/1.1 parser reads them once the socket flows again.
			if (first.toString('latin1', 0, 3) === 'PRI') h2.emit('connection', socket);
			else {
				h1.emit('connection', socket);
				socket.resume();
			}
		});
	});
	return {
		server,
		closeAll() {
			for (const socket of sockets) socket.destroy();
		},
	};
}

export function startServiceServer(
	profile: ServiceProfile,
	handler: Handler,
	ctx: ServerContext,
	port = 0,
	streamRoute?: StreamRoute,
): Promise<ServiceServer> {
	const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const started = performance.now();
		const arrived = ctx.clock.now();
		const raw = await readBody(req);
		const method = (req.method ?? 'GET').toUpperCase();
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		const rawPath = q < 0 ? url : url.slice(0, q);
		const rawQuery = q < 0 ? '' : url.slice(q + 1);
		const query = new URLSearchParams(rawQuery);
		const headers = lowerHeaders(req);
		// HTTP/2 (h2c) requests name their host in the :authority pseudo-header.
		if (headers.host === undefined && headers[':authority'] !== undefined)
			headers.host = headers[':authority'];
		const path = rawPath.split('/').map(safeDecode).join('/');
		const sandboxReq: SandboxRequest = { method, rawPath, path, query, headers, body: raw };

		if (path.startsWith(ADMIN_PREFIX)) {
			await writeResponse(
				res,
				method,
				handleAdmin(
					{ service: profile.name, clock: ctx.clock, faults: ctx.faults, log: ctx.log },
					sandboxReq,
				),
				undefined,
			);
			return;
		}

		const requestId = randomUUID();
		sandboxReq.requestId = requestId;
		const target = operationOf(profile, headers, query, raw);
		let fault: FaultDecision | undefined;
		let response: SandboxResponse;
		let errorType: string | undefined;
		let internalError: string | undefined;
		let authenticated: Authenticated | undefined;
		let dropped = false;
		try {
			if (profile.signingName) {
				authenticated = authenticate(
					{ method, rawPath, rawQuery, query, headers, body: raw },
					{ protocol: profile.protocol, signingName: profile.signingName, region: ctx.region },
					ctx.credentials,
					Date.now(),
					ctx.clock.now(),
				);
				sandboxReq.auth = authenticated.auth;
				sandboxReq.body = authenticated.body;
				for (const [name, value] of Object.entries(authenticated.trailers))
					sandboxReq.headers[name] = value;
			}
			fault = ctx.faults.decide(profile.name, { method, path, target, body: sandboxReq.body });
			// A held request whose client went away is dropped: the service never handles it.
			if (fault?.kind === 'hold') dropped = !(await ctx.faults.waitHeld(fault, closed(res)));
			if (dropped) response = { status: 0 };
			else {
				if (fault?.kind === 'throttle') throw profile.throttle();
				if (fault?.kind === '5xx') throw profile.internal();
				if (fault?.kind === 'slow') await sleep(fault.delayMs);
				ctx.beforeRequest?.();
				response = await handler(sandboxReq);
			}
		} catch (e) {
			let error: ServiceError;
			if (e instanceof ServiceError) error = e;
			else {
				error = profile.internal();
				internalError = e instanceof Error ? e.message : String(e);
			}
			errorType = error.type;
			response = renderError(profile.protocol, error, requestId);
		}
		response = {
			...response,
			headers: { ...requestIdHeaders(profile, requestId), ...response.headers },
		};

		const body = await describeBody(headers, sandboxReq.body);
		const entry = {
			time: new Date(arrived).toISOString(),
			service: profile.name,
			method,
			path,
			query: queryObject(query),
			target,
			headers: redactHeaders(headers),
			body,
			status: fault?.kind === 'reset' || dropped ? 0 : response.status,
			errorType,
			fault: fault?.kind,
			auth: sandboxReq.auth,
			requestId,
			durationMs: 0,
			...(internalError === undefined ? {} : { internalError }),
		};
		if (fault?.kind === 'reset' || dropped) {
			entry.durationMs = performance.now() - started;
			ctx.log.add(entry);
			destroyResponse(res);
			return;
		}
		const logged = ctx.log.add(entry);
		await writeResponse(res, method, response, fault);
		logged.durationMs = performance.now() - started;
	};

	const h1 = http.createServer({ keepAliveTimeout: 5000 }, (req, res) => {
		onRequest(req, res).catch(() => {
			// The client went away mid-response, or a stream failed: nothing left to answer.
			res.destroy();
		});
	});
	let server: net.Server = h1;
	let closeAll = () => h1.closeAllConnections();
	if (streamRoute) {
		// Every operation answers over HTTP/2 too (the official clients use it for all of them).
		const h2 = http2.createServer((req, res) => {
			const rawPath = (req.url ?? '/').split('?')[0];
			const served = streamRoute.matches(req.method, rawPath)
				? streamRoute.serve(req, res, ctx)
				: onRequest(req as unknown as IncomingMessage, res as unknown as ServerResponse);
			served.catch(() => res.stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR));
		});
		const dual = dualProtocolServer(h1, h2);
		server = dual.server;
		closeAll = () => {
			h1.closeAllConnections();
			dual.closeAll();
		};
	}
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			const actual = (server.address() as AddressInfo).port;
			resolve({
				port: actual,
				url: `http://127.0.0.1:${actual}`,
				close: () =>
					new Promise<void>((done) => {
						server.close(() => done());
						closeAll();
					}),
			});
		});
	});
}
