/** Object operations: PutObject, CopyObject, GetObject (with Range), HeadObject, DeleteObject. */
import { createHash } from 'node:crypto';
import { ServiceError } from '../core/errors';
import type { EmulatorContext, SandboxRequest, SandboxResponse, StoredObject } from '../core/types';
import { requireBucket } from './buckets';
import { CHECKSUM_ALGORITHMS, checksum, type ChecksumAlgorithm } from './checksums';
import { badDigest, invalidArgument, noSuchBucket, noSuchKey } from './errors';
import { xmlElement, xmlResponse } from './xml';

/** Checksums clients sent with an upload, kept beside the object so GetObject can return them. */
const checksums = new WeakMap<StoredObject, { algorithm: ChecksumAlgorithm; value: string }>();

function userMetadata(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers))
		if (name.startsWith('x-amz-meta-')) out[name.slice('x-amz-meta-'.length)] = value;
	return out;
}

/** Verifies Content-MD5 and any `x-amz-checksum-*` the client sent; returns the flexible checksum, if any. */
function verifyIntegrity(
	headers: Record<string, string>,
	body: Buffer,
): { algorithm: ChecksumAlgorithm; value: string } | undefined {
	const md5 = headers['content-md5'];
	if (md5 !== undefined && md5 !== createHash('md5').update(body).digest('base64')) {
		throw new ServiceError(
			400,
			'BadDigest',
			'The Content-MD5 you specified did not match what we received.',
		);
	}
	let found: { algorithm: ChecksumAlgorithm; value: string } | undefined;
	for (const algorithm of CHECKSUM_ALGORITHMS) {
		const value = headers[`x-amz-checksum-${algorithm}`];
		if (value === undefined) continue;
		if (value !== checksum(algorithm, body)) throw badDigest(algorithm.toUpperCase());
		found = { algorithm, value };
	}
	return found;
}

export function putObject(
	ctx: EmulatorContext,
	bucket: string,
	key: string,
	req: SandboxRequest,
): SandboxResponse {
	requireBucket(ctx, bucket);
	if (req.headers['x-amz-copy-source'] !== undefined) return copyObject(ctx, bucket, key, req);
	const integrity = verifyIntegrity(req.headers, req.body);
	const object = ctx.store.put(
		bucket,
		key,
		req.body,
		req.headers['content-type'] ?? 'binary/octet-stream',
	);
	object.metadata = userMetadata(req.headers);
	const headers: Record<string, string> = { etag: object.etag };
	if (integrity) {
		checksums.set(object, integrity);
		headers[`x-amz-checksum-${integrity.algorithm}`] = integrity.value;
	}
	return { status: 200, headers };
}

function copyObject(
	ctx: EmulatorContext,
	bucket: string,
	key: string,
	req: SandboxRequest,
): SandboxResponse {
	const rawSource = req.headers['x-amz-copy-source'].split('?')[0];
	const source = decodeURIComponent(rawSource).replace(/^\//, '');
	const slash = source.indexOf('/');
	if (slash <= 0 || slash === source.length - 1)
		throw invalidArgument(
			'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
			'x-amz-copy-source',
			rawSource,
		);
	const [srcBucket, srcKey] = [source.slice(0, slash), source.slice(slash + 1)];
	if (!ctx.store.hasBucket(srcBucket)) throw noSuchBucket(srcBucket);
	const original = ctx.store.get(srcBucket, srcKey);
	if (!original) throw noSuchKey(srcKey);
	const replace = (req.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase() === 'REPLACE';
	if (!replace && srcBucket === bucket && srcKey === key) {
		throw new ServiceError(
			400,
			'InvalidRequest',
			"This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
		);
	}
	const copy = ctx.store.put(
		bucket,
		key,
		Buffer.from(original.body),
		replace ? (req.headers['content-type'] ?? 'binary/octet-stream') : original.contentType,
	);
	copy.metadata = replace ? userMetadata(req.headers) : { ...original.metadata };
	const sum = checksums.get(original);
	if (sum) checksums.set(copy, sum);
	return xmlResponse(
		'CopyObjectResult',
		xmlElement('LastModified', copy.lastModified.toISOString()) + xmlElement('ETag', copy.etag),
	);
}

function etagMatches(header: string, etag: string): boolean {
	return header.split(',').some((candidate) => {
		const c = candidate.trim();
		return c === '*' || c.replace(/^W\//, '').replace(/"/g, '') === etag.replace(/"/g, '');
	});
}

/** Parses a single `bytes=` range against the object size; undefined = serve the whole object. */
function parseRange(
	header: string | undefined,
	size: number,
): { start: number; end: number } | undefined {
	if (header === undefined) return undefined;
	const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!m || (m[1] === '' && m[2] === '')) return undefined;
	let start: number;
	let end: number;
	if (m[1] === '') {
		const suffix = Number(m[2]);
		if (suffix === 0) throw invalidRange(size);
		start = Math.max(0, size - suffix);
		end = size - 1;
	} else {
		start = Number(m[1]);
		end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
		if (start >= size || end < start) throw invalidRange(size);
	}
	return { start, end };
}

const invalidRange = (size: number): ServiceError =>
	new ServiceError(416, 'InvalidRange', 'The requested range is not satisfiable', {
		ActualObjectSize: String(size),
	});

/** GetObject and HeadObject (the server drops the body of a HEAD). */
export function getObject(
	ctx: EmulatorContext,
	bucket: string,
	key: string,
	req: SandboxRequest,
): SandboxResponse {
	requireBucket(ctx, bucket);
	const object = ctx.store.get(bucket, key);
	if (!object) throw noSuchKey(key);
	const headers: Record<string, string> = {
		etag: object.etag,
		'last-modified': object.lastModified.toUTCString(),
		'accept-ranges': 'bytes',
		'content-type': req.query.get('response-content-type') ?? object.contentType,
	};
	const disposition = req.query.get('response-content-disposition');
	if (disposition !== null) headers['content-disposition'] = disposition;
	for (const [name, value] of Object.entries(object.metadata))
		headers[`x-amz-meta-${name}`] = value;

	const ifMatch = req.headers['if-match'];
	if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) {
		throw new ServiceError(
			412,
			'PreconditionFailed',
			'At least one of the pre-conditions you specified did not hold',
			{ Condition: 'If-Match' },
		);
	}
	const ifNoneMatch = req.headers['if-none-match'];
	if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag))
		return {
			status: 304,
			headers: { etag: object.etag, 'last-modified': headers['last-modified'] },
		};

	const range = parseRange(req.headers['range'], object.body.length);
	if (range) {
		headers['content-range'] = `bytes ${range.start}-${range.end}/${object.body.length}`;
		const body = object.body.subarray(range.start, range.end + 1);
		headers['content-length'] = String(body.length);
		return { status: 206, headers, body };
	}
	const sum = checksums.get(object);
	if (sum && (req.headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED')
		headers[`x-amz-checksum-${sum.algorithm}`] = sum.value;
	headers['content-length'] = String(object.body.length);
	return { status: 200, headers, body: object.body };
}

export function deleteObject(ctx: EmulatorContext, bucket: string, key: string): SandboxResponse {
	requireBucket(ctx, bucket);
	ctx.store.delete(bucket, key);
	return { status: 204 };
}
