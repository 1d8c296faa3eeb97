/**
 * AWS Signature Version 4, written from the published algorithm, for verifying requests.
 * The canonical request is rebuilt from the raw request line and headers exactly as received.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_SHA256 = sha256Hex('');

/** Special `x-amz-content-sha256` values that stand in for the payload hash (S3). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';

export interface CredentialScope {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
}

/** What a request claims: from the Authorization header or from presigned query parameters. */
export interface SignatureClaim {
	scope: CredentialScope;
	signedHeaders: string[];
	signature: string;
	/** `YYYYMMDDTHHMMSSZ` */
	amzDate: string;
	sessionToken?: string;
	/** Presigned URLs only: validity in seconds. */
	expiresSeconds?: number;
	presigned: boolean;
}

export class MalformedAuthError extends Error {}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters, upper-case hex. */
export function uriEncode(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** decodeURIComponent that leaves invalid percent-encoding as it is. */
export function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

function parseScope(credential: string): CredentialScope {
	const parts = credential.split('/');
	if (parts.length !== 5 || parts[4] !== 'aws4_request' || parts.some((p) => p.length === 0)) {
		throw new MalformedAuthError(
			`Credential should have five slash-separated parts ending in aws4_request, got '${credential}'`,
		);
	}
	const [accessKeyId, date, region, service] = parts;
	return { accessKeyId, date, region, service };
}

/**
 * Reads the signature claim from the request, or undefined when the request carries none.
 * Throws MalformedAuthError when a claim is present but cannot be parsed.
 */
export function readClaim(
	headers: Record<string, string>,
	query: URLSearchParams,
): SignatureClaim | undefined {
	const authorization = headers['authorization'];
	if (authorization !== undefined) {
		if (!authorization.startsWith(`${ALGORITHM} `))
			throw new MalformedAuthError(`Unsupported authorization type`);
		const fields: Record<string, string> = {};
		for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
			const eq = part.indexOf('=');
			if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
		}
		for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
			if (!fields[name])
				throw new MalformedAuthError(`Authorization header requires '${name}' parameter.`);
		}
		const amzDate = headers['x-amz-date'] ?? dateHeaderToAmz(headers['date']);
		if (!amzDate)
			throw new MalformedAuthError(
				`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`,
			);
		return {
			scope: parseScope(fields.Credential),
			signedHeaders: fields.SignedHeaders.split(';'),
			signature: fields.Signature,
			amzDate,
			sessionToken: headers['x-amz-security-token'],
			presigned: false,
		};
	}
	if (query.get('X-Amz-Algorithm') !== null) {
		if (query.get('X-Amz-Algorithm') !== ALGORITHM)
			throw new MalformedAuthError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
		const required = ['X-Amz-Credential', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Date'];
		for (const name of required) {
			if (!query.get(name))
				throw new MalformedAuthError(`Query-string authentication requires the ${name} parameter`);
		}
		const expires = query.get('X-Amz-Expires');
		return {
			scope: parseScope(query.get('X-Amz-Credential')!),
			signedHeaders: query.get('X-Amz-SignedHeaders')!.split(';'),
			signature: query.get('X-Amz-Signature')!,
			amzDate: query.get('X-Amz-Date')!,
			sessionToken: query.get('X-Amz-Security-Token') ?? undefined,
			expiresSeconds: expires === null ? undefined : Number(expires),
			presigned: true,
		};
	}
	return undefined;
}

function dateHeaderToAmz(date: string | undefined): string | undefined {
	if (!date) return undefined;
	const ms = Date.parse(date);
	return Number.isNaN(ms) ? undefined : toAmzDate(ms);
}

export function toAmzDate(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

export function parseAmzDate(amzDate: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
	if (!m) return Number.NaN;
	return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

/**
 * The canonical URI. S3 signs the path exactly as sent (encoded once); every other service
 * normalises the path and encodes each segment again (double encoding).
 */
export function canonicalUri(rawPath: string, s3: boolean): string {
	if (s3) return rawPath || '/';
	const segments: string[] = [];
	for (const segment of rawPath.split('/')) {
		if (segment === '' || segment === '.') continue;
		if (segment === '..') segments.pop();
		else segments.push(segment);
	}
	const trailing = segments.length > 0 && rawPath.endsWith('/') ? '/' : '';
	return `/${segments.map(uriEncode).join('/')}${trailing}`;
}

/** Sorted, re-encoded query string; the signature parameter of presigned URLs is left out. */
export function canonicalQuery(rawQuery: string): string {
	const pairs: Array<[string, string]> = [];
	for (const part of rawQuery.split('&')) {
		if (part === '') continue;
		const eq = part.indexOf('=');
		const key = uriEncode(safeDecode(eq < 0 ? part : part.slice(0, eq)));
		const value = eq < 0 ? '' : uriEncode(safeDecode(part.slice(eq + 1)));
		if (key === 'X-Amz-Signature') continue;
		pairs.push([key, value]);
	}
	pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
	return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

export function canonicalHeaders(headers: Record<string, string>, signedHeaders: string[]): string {
	return signedHeaders
		.map((name) => `${name}:${(headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
		.join('');
}

export interface CanonicalInput {
	method: string;
	rawPath: string;
	rawQuery: string;
	headers: Record<string, string>;
	signedHeaders: string[];
	payloadHash: string;
	s3: boolean;
}

export function canonicalRequest(input: CanonicalInput): string {
	return [
		input.method,
		canonicalUri(input.rawPath, input.s3),
		canonicalQuery(input.rawQuery),
		canonicalHeaders(input.headers, input.signedHeaders),
		input.signedHeaders.join(';'),
		input.payloadHash,
	].join('\n');
}

export function scopeString(scope: CredentialScope): string {
	return `${scope.date}/${scope.region}/${scope.service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
	return [ALGORITHM, amzDate, scopeString(scope), sha256Hex(canonical)].join('\n');
}

export function signingKey(secret: string, scope: CredentialScope): Buffer {
	const kDate = hmac(`AWS4${secret}`, scope.date);
	const kRegion = hmac(kDate, scope.region);
	const kService = hmac(kRegion, scope.service);
	return hmac(kService, 'aws4_request');
}

export function sign(key: Buffer, data: string): string {
	return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, given: string): boolean {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(given, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** Chained signature of one aws-chunked chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD). */
export function chunkSignature(
	key: Buffer,
	amzDate: string,
	scope: CredentialScope,
	previous: string,
	chunk: Buffer,
): string {
	return sign(
		key,
		[
			'AWS4-HMAC-SHA256-PAYLOAD',
			amzDate,
			scopeString(scope),
			previous,
			EMPTY_SHA256,
			sha256Hex(chunk),
		].join('\n'),
	);
}

/** Signature over the trailing headers of a signed aws-chunked body. */
export function trailerSignature(
	key: Buffer,
	amzDate: string,
	scope: CredentialScope,
	previous: string,
	trailers: string,
): string {
	return sign(
		key,
		['AWS4-HMAC-SHA256-TRAILER', amzDate, scopeString(scope), previous, sha256Hex(trailers)].join(
			'\n',
		),
	);
}
