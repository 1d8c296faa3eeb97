import { createHash } from 'node:crypto';
import type { ObjectStore, StoredObject } from './types';

interface Bucket {
	creationDate: Date;
	objects: Map<string, StoredObject>;
	/** Keys sorted in UTF-8 byte order; rebuilt lazily after a key is added or removed. */
	sorted?: string[];
}

/** UTF-8 binary comparison, the order S3 lists keys in (differs from JS UTF-16 order for astral characters). */
export function compareUtf8(a: string, b: string): number {
	return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * In-memory object store shared by the S3 emulator and the emulators that write outputs.
 * `now` stamps LastModified and bucket creation (the sandbox passes its clock).
 */
export function createObjectStore(opts: { now?: () => number } = {}): ObjectStore {
	const now = opts.now ?? Date.now;
	const buckets = new Map<string, Bucket>();

	const bucketOf = (name: string): Bucket => {
		const bucket = buckets.get(name);
		if (!bucket) throw new Error(`no such bucket: ${name}`);
		return bucket;
	};

	return {
		ensureBucket(name) {
			if (!buckets.has(name))
				buckets.set(name, { creationDate: new Date(now()), objects: new Map() });
		},
		hasBucket: (name) => buckets.has(name),
		put(bucketName, key, body, contentType = 'application/octet-stream') {
			const bucket = bucketOf(bucketName);
			const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
			const object: StoredObject = {
				body: bytes,
				contentType,
				lastModified: new Date(now()),
				etag: `"${createHash('md5').update(bytes).digest('hex')}"`,
				metadata: {},
			};
			if (!bucket.objects.has(key)) bucket.sorted = undefined;
			bucket.objects.set(key, object);
			return object;
		},
		get: (bucket, key) => buckets.get(bucket)?.objects.get(key),
		delete(bucketName, key) {
			const bucket = buckets.get(bucketName);
			if (!bucket || !bucket.objects.delete(key)) return false;
			bucket.sorted = undefined;
			return true;
		},
		list(bucketName, prefix = '') {
			const bucket = bucketOf(bucketName);
			bucket.sorted ??= [...bucket.objects.keys()].sort(compareUtf8);
			const out: Array<{ key: string; object: StoredObject }> = [];
			for (const key of bucket.sorted) {
				if (key.startsWith(prefix)) out.push({ key, object: bucket.objects.get(key)! });
			}
			return out;
		},
		buckets: () =>
			[...buckets.entries()]
				.map(([name, b]) => ({ name, creationDate: b.creationDate }))
				.sort((a, b) => compareUtf8(a.name, b.name)),
		deleteBucket(name) {
			const bucket = buckets.get(name);
			if (!bucket || bucket.objects.size > 0) return false;
			return buckets.delete(name);
		},
	};
}
