/**
 * Where the emulator keeps what Transcribe serves through a DownloadUri (a vocabulary's or a filter's
 * content). Real AWS answers a pre-signed HTTPS URL into a service-owned bucket; the sandbox answers
 * the unsigned path-style URL of an object in its S3 emulator, which the sandbox credential can read.
 */
import type { EmulatorContext } from '../core/types';

export const serviceBucket = (ctx: EmulatorContext): string => `aws-transcribe-${ctx.region}-prod`;

/** Stores `content` under the account's prefix and returns its DownloadUri. */
export function serviceObjectUri(ctx: EmulatorContext, path: string, content: string): string {
	const bucket = serviceBucket(ctx);
	const key = `${ctx.accountId}/${path}`;
	ctx.store.ensureBucket(bucket);
	const existing = ctx.store.get(bucket, key);
	if (!existing || existing.body.toString('utf8') !== content) ctx.store.put(bucket, key, content, 'text/plain');
	return `https://s3.${ctx.region}.amazonaws.com/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}
