/**
 * Where the emulator keeps what Transcribe serves through a DownloadUri (a vocabulary's or a filter's
 * content). Real AWS answers a pre-signed HTTPS URL into a service-owned bucket; the sandbox answers
 * the unsigned path-style URL of an object in its S3 emulator, which the sandbox credential can read.
 */
import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../core/types';

export const serviceBucket = (ctx: EmulatorContext): string => `aws-transcribe-${ctx.region}-prod`;

/**
 * Stores `content` under the account's prefix and returns its DownloadUri. With `presignedBase` (tests
 * of pre-signed links) the link is `<base>/<bucket>/<key>?X-Amz-…&X-Amz-Signature=…`, shaped like the
 * pre-signed URL AWS returns, for a server the test runs.
 */
export function serviceObjectUri(
	ctx: EmulatorContext,
	path: string,
	content: string,
	presignedBase?: string,
): string {
	const bucket = serviceBucket(ctx);
	const key = `${ctx.accountId}/${path}`;
	ctx.store.ensureBucket(bucket);
	const existing = ctx.store.get(bucket, key);
	if (!existing || existing.body.toString('utf8') !== content)
		ctx.store.put(bucket, key, content, 'text/plain');
	const objectPath = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
	if (presignedBase) {
		const signature = createHash('sha256').update(`${objectPath}\n${content}`).digest('hex');
		const query = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
		return `${presignedBase.replace(/\/+$/, '')}/${objectPath}?${query}`;
	}
	return `https://s3.${ctx.region}.amazonaws.com/${objectPath}`;
}
