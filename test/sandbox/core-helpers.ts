/** Shared helpers for the sandbox core, S3, STS and Transcribe tests: SDK clients and hand-signed requests. */
import { Sha256 } from '@aws-crypto/sha256-js';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { SignatureV4 } from '@smithy/signature-v4';
import http from 'node:http';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox';

export interface AwsCredentials {
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken?: string;
}

/** A sandbox on free ports with a frozen clock (speed 0) unless the test says otherwise. */
export function sandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return startSandbox({ ports: 0, clockSpeed: 0, ...options });
}

export function creds(sb: Sandbox): AwsCredentials {
	return {
		accessKeyId: sb.credentials.aws.accessKeyId,
		secretAccessKey: sb.credentials.aws.secretAccessKey,
	};
}

export function transcribeClient(
	sb: Sandbox,
	credentials: AwsCredentials | (() => Promise<AwsCredentials>) = creds(sb),
	maxAttempts = 1,
): TranscribeClient {
	return new TranscribeClient({
		region: 'us-east-1',
		endpoint: sb.urls.transcribe,
		credentials,
		maxAttempts,
	});
}

export function s3Client(
	sb: Sandbox,
	credentials: AwsCredentials = creds(sb),
	maxAttempts = 1,
): S3Client {
	return new S3Client({
		region: 'us-east-1',
		endpoint: sb.urls.s3,
		forcePathStyle: true,
		credentials,
		maxAttempts,
	});
}

export function stsClient(sb: Sandbox, credentials: AwsCredentials = creds(sb)): STSClient {
	return new STSClient({ region: 'us-east-1', endpoint: sb.urls.sts, credentials, maxAttempts: 1 });
}

export interface SignedRequest {
	method?: string;
	/** Path and query, e.g. `/` or `/bucket/key?x=1`. Sent exactly as given. */
	path?: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	/** Send this body instead of the signed one (tampering). */
	sendBody?: string | Buffer;
	/** Host header to sign and send (e.g. with a `runtime.` prefix); default the URL's host. */
	host?: string;
	credentials?: AwsCredentials;
	region?: string;
	signingName?: string;
	/** Sign as of this time (tests clock skew). */
	signingDate?: Date;
	/** S3 style: sign the path as sent (no double encoding) and send x-amz-content-sha256. */
	s3?: boolean;
}

export interface RawReply {
	status: number;
	headers: Record<string, string>;
	text: string;
	json: any;
}

/** Sends a request exactly as given (raw path, any Host header) over node:http. */
export function rawRequest(
	url: string,
	method: string,
	headers: Record<string, string>,
	body?: string | Buffer,
): Promise<RawReply> {
	const target = new URL(url);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{
				host: target.hostname,
				port: target.port,
				method,
				path: url.slice(target.origin.length) || '/',
				headers,
			},
			(res) => {
				const parts: Buffer[] = [];
				res.on('data', (c: Buffer) => parts.push(c));
				res.on('end', () => {
					const text = Buffer.concat(parts).toString('utf8');
					let json: any;
					try {
						json = text ? JSON.parse(text) : undefined;
					} catch {
						json = undefined;
					}
					const flat: Record<string, string> = {};
					for (const [k, v] of Object.entries(res.headers))
						if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
					resolve({ status: res.statusCode ?? 0, headers: flat, text, json });
				});
				res.on('error', reject);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Signs with @smithy/signature-v4 (the SDK's own signer) and sends the request. */
export async function signedRequest(baseUrl: string, req: SignedRequest): Promise<RawReply> {
	const url = new URL(req.path ?? '/', baseUrl);
	const query: Record<string, string> = {};
	for (const [k, v] of url.searchParams) query[k] = v;
	const body = req.body ?? '';
	const signer = new SignatureV4({
		credentials: req.credentials!,
		region: req.region ?? 'us-east-1',
		service: req.signingName!,
		sha256: Sha256,
		uriEscapePath: !req.s3,
		applyChecksum: !!req.s3,
	});
	const rawPath = (req.path ?? '/').split('?')[0];
	const method = req.method ?? 'POST';
	const signed = await signer.sign(
		{
			method,
			protocol: url.protocol,
			hostname: url.hostname,
			port: Number(url.port),
			path: rawPath,
			query,
			headers: { host: req.host ?? url.host, ...req.headers },
			body,
		},
		{ signingDate: req.signingDate },
	);
	const sent = req.sendBody ?? body;
	const headers = {
		...(signed.headers as Record<string, string>),
		'content-length': String(Buffer.byteLength(sent)),
	};
	return rawRequest(
		`${url.origin}${req.path ?? '/'}`,
		method,
		headers,
		method === 'GET' || method === 'HEAD' ? undefined : sent,
	);
}

/** A signed Transcribe call (awsJson1_1) with chosen credentials/scope. */
export function transcribeCall(
	sb: Sandbox,
	operation: string,
	input: object,
	overrides: Partial<SignedRequest> = {},
): Promise<RawReply> {
	return signedRequest(sb.urls.transcribe, {
		credentials: creds(sb),
		signingName: 'transcribe',
		headers: {
			'content-type': 'application/x-amz-json-1.1',
			'x-amz-target': `Transcribe.${operation}`,
		},
		body: JSON.stringify(input),
		...overrides,
	});
}

/** Plain JSON request to an admin endpoint. */
export async function admin(
	baseUrl: string,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; json: any }> {
	const origin = new URL(baseUrl).origin;
	const res = await fetch(`${origin}/__sandbox/${path}`, {
		method,
		headers: body === undefined ? {} : { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
