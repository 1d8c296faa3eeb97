import type { Readable } from 'node:stream';
import { abortableDelay } from '../../common/delay';

/** The error of a body that stalled: no bytes for the credential's request timeout. */
export function stallError(timeoutMs: number): Error {
	return Object.assign(new Error(`No data from Heidi for ${Math.round(timeoutMs / 1000)} s`), {
		code: 'ETIMEDOUT',
	});
}

/**
 * The chunks of a response body, failing with ETIMEDOUT when none arrives for `timeoutMs`. n8n's
 * own timeout stops once a streamed response has its headers, so a body that stalls mid-way would
 * otherwise be waited out forever. This is an inactivity timeout: a long stream that keeps sending
 * is never cut off.
 */
export async function* chunks(body: Buffer | Readable, timeoutMs: number): AsyncGenerator<Buffer> {
	if (Buffer.isBuffer(body)) {
		yield body;
		return;
	}
	const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
	try {
		for (;;) {
			// Once a chunk came, the abort rejects `stalled`, which the settled race ignores.
			const chunkCame = new AbortController();
			const stalled = abortableDelay(timeoutMs, chunkCame.signal).then((): never => {
				throw stallError(timeoutMs);
			});
			let next: IteratorResult<Buffer | string>;
			try {
				next = await Promise.race([iterator.next(), stalled]);
			} finally {
				chunkCame.abort();
			}
			if (next.done) return;
			yield Buffer.from(next.value);
		}
	} finally {
		// Frees the socket when reading stopped early (a stall, or the caller gave up).
		if (!body.readableEnded) body.destroy();
	}
}

/** The whole body, under the same inactivity timeout. */
export async function readAll(body: Buffer | Readable, timeoutMs: number): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const chunk of chunks(body, timeoutMs)) parts.push(chunk);
	return Buffer.concat(parts);
}
