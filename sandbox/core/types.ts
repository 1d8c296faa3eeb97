/**
 * Contracts between the sandbox server (core/) and the service emulators.
 * Emulators are plain request handlers: the server does signing checks,
 * fault injection, rate limits and the request log around them.
 */

export interface SandboxRequest {
	method: string;
	/** Path as sent, without the query string, still percent-encoded. */
	rawPath: string;
	/** Path with each segment percent-decoded (labels may contain encoded '/'; use rawPath for those). */
	path: string;
	query: URLSearchParams;
	/** Lower-cased header names. */
	headers: Record<string, string>;
	body: Buffer;
	/** Set by the server after SigV4 verification (AWS services only). */
	auth?: { accessKeyId: string; region: string; service: string };
	/** Set by the server: the id it returns in the request-id header (and logs). */
	requestId?: string;
}

export interface SandboxResponse {
	status: number;
	headers?: Record<string, string>;
	/** A plain object is sent as JSON (content type from headers, default application/json). */
	body?: Buffer | string | object;
	/** Streamed body (Heidi consult notes); each chunk is written and flushed in order. */
	stream?: AsyncIterable<string | Buffer>;
}

export type Handler = (req: SandboxRequest) => Promise<SandboxResponse>;

export interface StoredObject {
	body: Buffer;
	contentType: string;
	lastModified: Date;
	etag: string;
	metadata: Record<string, string>;
}

/** The S3 emulator's storage, shared in-process with the other emulators. */
export interface ObjectStore {
	ensureBucket(bucket: string): void;
	hasBucket(bucket: string): boolean;
	put(bucket: string, key: string, body: Buffer | string, contentType?: string): StoredObject;
	get(bucket: string, key: string): StoredObject | undefined;
	delete(bucket: string, key: string): boolean;
	/** Keys in UTF-8 binary order, as S3 lists them. */
	list(bucket: string, prefix?: string): Array<{ key: string; object: StoredObject }>;
	/** All buckets, sorted by name (S3 ListBuckets). */
	buckets(): Array<{ name: string; creationDate: Date }>;
	/** Removes an empty bucket; false when it is missing or not empty. */
	deleteBucket(bucket: string): boolean;
}

/** Sandbox time: real time times `speed`, plus whatever tests step it by. */
export interface Clock {
	now(): number;
	advance(ms: number): void;
	setSpeed(speed: number): void;
}

export interface EmulatorContext {
	store: ObjectStore;
	clock: Clock;
	region: string;
	accountId: string;
}
