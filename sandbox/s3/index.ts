/**
 * A small path-style S3 emulator over the sandbox ObjectStore. Signing, faults and the request
 * log are the server's job; this only routes and implements the operations.
 */
import type { EmulatorContext, Handler, SandboxRequest, SandboxResponse } from '../core/types';
import { ServiceError } from '../core/errors';
import {
	bucketLocation,
	createBucket,
	deleteBucket,
	deleteObjects,
	headBucket,
	listBuckets,
	requireBucket,
} from './buckets';
import { notImplemented } from './errors';
import { listObjects } from './list';
import { deleteObject, getObject, putObject } from './objects';

export interface S3Emulator {
	handle: Handler;
}

/** Sub-resources real S3 has and this emulator does not; asking for one is answered 501, not misrouted. */
const UNSUPPORTED = [
	'acl',
	'policy',
	'tagging',
	'uploads',
	'uploadId',
	'versions',
	'versioning',
	'cors',
	'lifecycle',
	'website',
	'encryption',
	'notification',
	'replication',
	'logging',
	'object-lock',
	'retention',
	'legal-hold',
	'attributes',
	'restore',
	'select',
];

const methodNotAllowed = (): ServiceError =>
	new ServiceError(
		405,
		'MethodNotAllowed',
		'The specified method is not allowed against this resource.',
	);

function splitPath(rawPath: string): { bucket: string; key: string } {
	const trimmed = rawPath.replace(/^\/+/, '');
	const slash = trimmed.indexOf('/');
	const decode = (s: string): string => {
		try {
			return decodeURIComponent(s);
		} catch {
			throw new ServiceError(400, 'InvalidURI', "Couldn't parse the specified URI.");
		}
	};
	if (slash < 0) return { bucket: decode(trimmed), key: '' };
	return { bucket: decode(trimmed.slice(0, slash)), key: decode(trimmed.slice(slash + 1)) };
}

export function createS3Emulator(ctx: EmulatorContext): S3Emulator {
	const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
		const unsupported = UNSUPPORTED.find((name) => req.query.has(name));
		if (unsupported) throw notImplemented(`?${unsupported}`);
		const { bucket, key } = splitPath(req.rawPath);
		if (bucket === '') {
			if (req.method === 'GET') return listBuckets(ctx);
			throw methodNotAllowed();
		}
		if (key === '') {
			switch (req.method) {
				case 'PUT':
					return createBucket(ctx, bucket, req);
				case 'HEAD':
					return headBucket(ctx, bucket);
				case 'DELETE':
					return deleteBucket(ctx, bucket);
				case 'GET':
					if (req.query.has('location')) return bucketLocation(ctx, bucket);
					requireBucket(ctx, bucket);
					return listObjects(ctx.store, bucket, req);
				case 'POST':
					if (req.query.has('delete')) return deleteObjects(ctx, bucket, req);
					throw methodNotAllowed();
			}
			throw methodNotAllowed();
		}
		switch (req.method) {
			case 'PUT':
				return putObject(ctx, bucket, key, req);
			case 'GET':
			case 'HEAD':
				return getObject(ctx, bucket, key, req);
			case 'DELETE':
				return deleteObject(ctx, bucket, key);
		}
		throw methodNotAllowed();
	};
	return { handle };
}
