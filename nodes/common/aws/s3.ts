import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_RETRY, withRetry } from '../retry';
import { isTransient } from '../transient';
import { awsSession, sdkClientConfig, type AwsContext } from './clients';
import { withSdkPlugins } from './transport';

export interface S3Location {
	bucket: string;
	key: string;
}

/**
 * Reads `s3://bucket/key` and the HTTPS forms AWS services return
 * (`https://s3.<region>.amazonaws.com/bucket/key`, `https://bucket.s3.<region>.amazonaws.com/key`,
 * or a custom endpoint addressed path-style). Returns undefined for anything else.
 */
export function parseS3Uri(uri: string): S3Location | undefined {
	const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri.trim());
	if (s3) return { bucket: s3[1], key: s3[2] };
	let url: URL;
	try {
		url = new URL(uri.trim());
	} catch {
		return undefined;
	}
	const path = url.pathname.replace(/^\/+/, '').split('/').map(decodeURIComponent);
	const virtualHost = /^(.+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com(\.cn)?$/.exec(url.hostname);
	if (virtualHost && path.join('/')) return { bucket: virtualHost[1], key: path.join('/') };
	if (path.length >= 2 && path[0]) return { bucket: path[0], key: path.slice(1).join('/') };
	return undefined;
}

export async function s3Client(context: AwsContext): Promise<S3Client> {
	const session = await awsSession(context);
	return await session.client('s3', async () => {
		const { S3Client } = await import('@aws-sdk/client-s3');
		return withSdkPlugins(
			new S3Client({
				...sdkClientConfig(session, 's3Endpoint'),
				// A custom endpoint (VPC endpoint, proxy, sandbox) has no DNS for bucket sub-domains.
				forcePathStyle: Boolean(session.settings.endpoints.s3Endpoint),
			}),
		);
	});
}

/** Reads an object whole; a cut download is retried inside the SDK's retry loop (integrity.ts). */
export async function getS3Object(
	context: AwsContext,
	location: S3Location,
): Promise<{ body: Buffer; contentType?: string }> {
	const client = await s3Client(context);
	const { GetObjectCommand } = await import('@aws-sdk/client-s3');
	const response = await client.send(
		new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
	);
	const bytes = await response.Body!.transformToByteArray();
	return { body: Buffer.from(bytes), contentType: response.ContentType };
}

/** Bytes to upload, re-readable from the start for each attempt. */
export interface UploadSource {
	length: number;
	open(): Promise<Readable>;
}

/** A small body already in memory (a generated file), as an upload source. */
export function bufferSource(body: Buffer): UploadSource {
	return { length: body.length, open: async () => Readable.from([body]) };
}

/**
 * Uploads a stream of known length (memory stays flat for any size). The SDK never retries a
 * streamed body, so transient failures are retried here with a freshly opened stream: a PUT of
 * the same bytes to the same key is idempotent.
 */
export async function putS3Object(
	context: AwsContext,
	location: S3Location,
	source: UploadSource,
	contentType: string,
	extra: { kmsKeyId?: string } = {},
): Promise<void> {
	const client = await s3Client(context);
	const { PutObjectCommand } = await import('@aws-sdk/client-s3');
	await withRetry(
		async () => {
			const body = await source.open();
			try {
				await client.send(
					new PutObjectCommand({
						Bucket: location.bucket,
						Key: location.key,
						Body: body,
						ContentLength: source.length,
						ContentType: contentType,
						...(extra.kmsKeyId
							? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: extra.kmsKeyId }
							: {}),
					}),
				);
			} finally {
				body.destroy();
			}
		},
		(error) => ({ retryable: isTransient(error) }),
		DEFAULT_RETRY,
	);
}

export interface S3ListedObject {
	key: string;
	lastModified: number;
	size: number;
}

/** Lists objects under a prefix with the SDK paginator; `startAfter` skips keys up to and including it. */
export async function* listS3Objects(
	context: AwsContext,
	bucket: string,
	prefix: string,
	startAfter?: string,
): AsyncGenerator<S3ListedObject[]> {
	const client = await s3Client(context);
	const { paginateListObjectsV2 } = await import('@aws-sdk/client-s3');
	const pages = paginateListObjectsV2(
		{ client, pageSize: 1000 },
		{ Bucket: bucket, Prefix: prefix, ...(startAfter ? { StartAfter: startAfter } : {}) },
	);
	for await (const page of pages) {
		yield (page.Contents ?? []).map((o) => ({
			key: o.Key ?? '',
			lastModified: o.LastModified?.getTime() ?? 0,
			size: o.Size ?? 0,
		}));
	}
}
