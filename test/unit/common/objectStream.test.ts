import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { HttpResponse } from '@smithy/protocol-http';
import { streamObjectBody } from '../../../nodes/common/aws/integrity';
import { withSdkPlugins } from '../../../nodes/common/aws/transport';

/**
 * A recording streamed from S3 must not be read ahead of its consumer (a slow HTTP/2 link would
 * otherwise hold the whole file in memory). The S3 answer here is a stream that counts how many
 * chunks were pulled from it; the test compares that with how many the consumer has taken.
 */

const CHUNK = 64 * 1024;
const CHUNKS = 100;

function chunkAt(n: number): Buffer {
	return Buffer.alloc(CHUNK, n % 251);
}

function objectMd5(count: number): string {
	const hash = createHash('md5');
	for (let n = 0; n < count; n++) hash.update(chunkAt(n));
	return hash.digest('hex');
}

/** An S3 client answering every GetObject with `count` chunks (fewer when `sent` is lower: a cut download). */
function s3Answering(options: { count: number; sent?: number; etag?: string }) {
	const pulls = { count: 0 };
	const sent = options.sent ?? options.count;
	const client = withSdkPlugins(
		new S3Client({
			region: 'us-east-1',
			endpoint: 'http://127.0.0.1:9',
			forcePathStyle: true,
			credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
			maxAttempts: 1,
			requestHandler: {
				handle: async () => {
					const body = new Readable({
						highWaterMark: CHUNK,
						read() {
							if (pulls.count === sent) this.push(null);
							else this.push(chunkAt(pulls.count++));
						},
					});
					return {
						response: new HttpResponse({
							statusCode: 200,
							headers: {
								'content-length': String(options.count * CHUNK),
								etag: `"${options.etag ?? objectMd5(options.count)}"`,
							},
							body,
						}),
					};
				},
			},
		}),
	);
	return { client, pulls };
}

/** Lets any read-ahead the streams would do happen (no timers: a few turns of the event loop). */
async function settle(): Promise<void> {
	for (let n = 0; n < 20; n++) await new Promise((resolve) => setImmediate(resolve));
}

describe('GetObject bodies the caller streams (streamObjectBody)', () => {
	it('are read no further than a few chunks ahead of a slow consumer, and arrive whole', async () => {
		const { client, pulls } = s3Answering({ count: CHUNKS });
		const output = await client.send(
			streamObjectBody(new GetObjectCommand({ Bucket: 'b', Key: 'visit.wav' })),
		);
		const body = output.Body as unknown as AsyncIterable<Buffer>;
		let handled = 0;
		let mostAhead = 0;
		const hash = createHash('md5');
		for await (const chunk of body) {
			// Chunks pulled from S3 beyond those the consumer has finished with (this one included).
			mostAhead = Math.max(mostAhead, pulls.count - handled / CHUNK);
			hash.update(chunk);
			handled += chunk.length;
			await settle();
		}
		expect(handled).toBe(CHUNKS * CHUNK);
		expect(hash.digest('hex')).toBe(objectMd5(CHUNKS));
		// The chunk in hand plus at most one held by each stream on the way (SDK body, verifier).
		expect(mostAhead).toBeLessThanOrEqual(4);
	});

	it('fail naming a cut download when fewer bytes arrive than Content-Length', async () => {
		const { client } = s3Answering({ count: 10, sent: 6 });
		const output = await client.send(
			streamObjectBody(new GetObjectCommand({ Bucket: 'b', Key: 'visit.wav' })),
		);
		await expect(output.Body!.transformToByteArray()).rejects.toMatchObject({
			name: 'MalformedResponse',
			message: `The download was cut short (${6 * CHUNK} of ${10 * CHUNK} bytes)`,
		});
	});

	it('fail when the bytes do not match the ETag', async () => {
		const { client } = s3Answering({ count: 4, etag: objectMd5(3) });
		const output = await client.send(
			streamObjectBody(new GetObjectCommand({ Bucket: 'b', Key: 'visit.wav' })),
		);
		await expect(output.Body!.transformToString()).rejects.toMatchObject({
			name: 'MalformedResponse',
			message: expect.stringContaining('do not match the object’s ETag'),
		});
	});

	it('unmarked GetObjects are still read whole (and verified) before they are returned', async () => {
		const { client, pulls } = s3Answering({ count: 8 });
		const output = await client.send(new GetObjectCommand({ Bucket: 'b', Key: 'note.json' }));
		expect(pulls.count).toBe(8);
		expect((await output.Body!.transformToByteArray()).length).toBe(8 * CHUNK);
	});
});
