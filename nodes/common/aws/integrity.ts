import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
	FinalizeHandler,
	FinalizeHandlerArguments,
	FinalizeHandlerOutput,
	HandlerExecutionContext,
	InitializeHandler,
	InitializeHandlerArguments,
	MiddlewareStack,
	Pluggable,
} from '@smithy/types';
import { raise } from '../errors';

/**
 * One SDK middleware for every AWS client (Transcribe, S3, and the STS client of AssumeRole): an
 * answer that arrives cut short or does not decode becomes a `MalformedResponse` error without SDK
 * internals in its message, marked retryable (`$retryable`, which the SDK's own retry strategy
 * honours) when the operation is safe to send again. It sits just inside the SDK's retry
 * middleware, so retries keep the SDK's backoff and attempt budget.
 */

/** Operations that may be sent again after a success answer was lost: reads, and AssumeRole. */
const SAFE_TO_REPEAT = /^(Get|List|Describe|Head)/;
const ALSO_SAFE = new Set([
	'AssumeRole',
	// Safe by its name: a repeat is answered ConflictException, and the node then reads the job
	// with that name and checks it transcribes the same recording (start.ts, startOrFindJob).
	'StartMedicalScribeJob',
]);

export function isSafeToRepeat(operation: string): boolean {
	return SAFE_TO_REPEAT.test(operation) || ALSO_SAFE.has(operation);
}

export const MALFORMED_MESSAGE = 'The answer was cut short or could not be decoded';

/** An answer that could not be read; `httpStatusCode` is that of the (cut) answer. */
export class MalformedAwsResponse extends Error {
	readonly code = 'MalformedResponse';

	readonly $metadata: { httpStatusCode?: number; requestId?: string };

	$retryable?: { throttling: boolean };

	constructor(
		operation: string,
		status: number | undefined,
		requestId: string | undefined,
		detail = MALFORMED_MESSAGE,
	) {
		super(detail);
		this.name = 'MalformedResponse';
		this.$metadata = { httpStatusCode: status, requestId };
		if (isSafeToRepeat(operation)) this.$retryable = { throttling: false };
	}
}

export interface RawResponse {
	statusCode?: number;
	headers?: Record<string, string | undefined>;
}

const requestIdOf = (response: RawResponse | undefined) =>
	response?.headers?.['x-amzn-requestid'] ?? response?.headers?.['x-amz-request-id'];

/**
 * The SDK's deserializer attaches the raw answer as `$response` to whatever it throws; a modeled
 * service error also carries `$fault`. So `$response` without `$fault` is a body that did not decode.
 */
function undecodable(error: unknown): RawResponse | undefined {
	const e = error as { $response?: RawResponse; $fault?: unknown } | undefined;
	return e && typeof e === 'object' && e.$response && !e.$fault ? e.$response : undefined;
}

type ObjectBody = Readable & { transformToByteArray(): Promise<Uint8Array> };

export interface GetObjectOutput {
	Body?: ObjectBody;
	ContentLength?: number;
	ETag?: string;
	ServerSideEncryption?: string;
	SSECustomerAlgorithm?: string;
	ContentRange?: string;
}

/**
 * An S3 ETag is the MD5 of the bytes for a single-part object stored plain or with SSE-S3
 * (S3 API reference, Common Response Headers); for SSE-KMS, SSE-C and multipart objects it is not.
 */
function md5ETag(output: GetObjectOutput): string | undefined {
	const etag = output.ETag?.replace(/"/g, '');
	if (!etag || !/^[0-9a-f]{32}$/i.test(etag) || output.ContentRange) return undefined;
	if (
		output.SSECustomerAlgorithm ||
		(output.ServerSideEncryption && output.ServerSideEncryption !== 'AES256')
	)
		return undefined;
	return etag.toLowerCase();
}

/** Set on the handler context of a GetObject whose body the caller streams. */
const STREAM_BODY = 'clinicalScribeStreamBody';

const CUT_OR_CHECKSUM = 'The download was cut short or its checksum did not match';
const cutShort = (read: number, expected: number) =>
	`The download was cut short (${read} of ${expected} bytes)`;
const ETAG_MISMATCH = 'The downloaded bytes do not match the object’s ETag (cut short or altered)';

/**
 * Reads a GetObject body whole, inside the retry loop, so a cut download is retried like any
 * other cut answer: a stream error (connection dropped, the SDK's checksum validation failing),
 * fewer bytes than Content-Length, or bytes whose MD5 is not the ETag all count as cut.
 */
async function readObjectBody(
	output: GetObjectOutput,
	response: RawResponse | undefined,
): Promise<ObjectBody> {
	const fail = (detail: string) =>
		new MalformedAwsResponse('GetObject', response?.statusCode, requestIdOf(response), detail);
	let bytes: Buffer;
	try {
		const array = (await output.Body?.transformToByteArray()) ?? new Uint8Array();
		bytes = Buffer.from(array.buffer, array.byteOffset, array.byteLength);
	} catch {
		throw fail(CUT_OR_CHECKSUM);
	}
	if (typeof output.ContentLength === 'number' && bytes.length !== output.ContentLength)
		throw fail(cutShort(bytes.length, output.ContentLength));
	const etag = md5ETag(output);
	if (etag && createHash('md5').update(bytes).digest('hex') !== etag) throw fail(ETAG_MISMATCH);
	return Object.assign(Readable.from([bytes]), {
		transformToByteArray: async () => new Uint8Array(bytes),
		transformToString: async (encoding?: BufferEncoding) => bytes.toString(encoding ?? 'utf8'),
	});
}

/**
 * A GetObject body passed on as it arrives, with the same checks made on the way: the MD5 and
 * the byte count are kept running and compared when the download ends, and a cut or altered
 * download fails the stream with a MalformedResponse. Reading waits for the consumer (one chunk
 * buffered at most), so a recording of any length never sits in memory. A failure here is not
 * retried: bytes already handed on cannot be taken back.
 */
export function verifiedObjectStream(
	output: GetObjectOutput,
	response: RawResponse | undefined,
): ObjectBody {
	const fail = (detail: string) =>
		new MalformedAwsResponse('GetObject', response?.statusCode, requestIdOf(response), detail);
	const source = output.Body as AsyncIterable<Uint8Array> | undefined;
	const etag = md5ETag(output);
	async function* verified(): AsyncGenerator<Uint8Array> {
		const hash = etag ? createHash('md5') : undefined;
		let read = 0;
		if (!source) return;
		const iterator = source[Symbol.asyncIterator]();
		for (;;) {
			let next: IteratorResult<Uint8Array>;
			try {
				next = await iterator.next();
			} catch {
				throw fail(CUT_OR_CHECKSUM);
			}
			if (next.done) break;
			hash?.update(next.value);
			read += next.value.length;
			yield next.value;
		}
		if (typeof output.ContentLength === 'number' && read !== output.ContentLength)
			throw fail(cutShort(read, output.ContentLength));
		if (hash && hash.digest('hex') !== etag) throw fail(ETAG_MISMATCH);
	}
	// A byte stream (not object mode): it stops pulling once one chunk waits for the consumer.
	const body = Readable.from(verified(), { objectMode: false, highWaterMark: 1 });
	const whole = async (): Promise<Buffer> => {
		const chunks: Buffer[] = [];
		for await (const chunk of body) chunks.push(chunk as Buffer);
		return Buffer.concat(chunks);
	};
	return Object.assign(body, {
		transformToByteArray: async () => new Uint8Array(await whole()),
		transformToString: async (encoding?: BufferEncoding) =>
			(await whole()).toString(encoding ?? 'utf8'),
	});
}

/**
 * Marks a GetObject command whose body the caller streams (a recording): its body is verified
 * as it is read (verifiedObjectStream) instead of being read whole inside the retry loop.
 */
export function streamObjectBody<C extends { middlewareStack: MiddlewareStack<any, any> }>(
	command: C,
): C {
	(command.middlewareStack as MiddlewareStack<object, object>).add(
		(next: InitializeHandler<object, object>, context: HandlerExecutionContext) =>
			(args: InitializeHandlerArguments<object>) => {
				(context as Record<string, unknown>)[STREAM_BODY] = true;
				return next(args);
			},
		{ step: 'initialize', name: STREAM_BODY, override: true },
	);
	return command;
}

/**
 * The SDK replaces anything that is not `instanceof Error` with a message-only wrapper ("AWS SDK
 * error wrapper for …"), losing its name and code; errors made in another JS realm (a vm context,
 * as test runners use) are such. Rebuilt here with the fields that classify the failure.
 */
function ownRealmError(error: unknown): unknown {
	if (error instanceof Error || !error || typeof error !== 'object') return error;
	const e = error as {
		name?: unknown;
		message?: unknown;
		code?: unknown;
		$metadata?: unknown;
		$retryable?: unknown;
		$fault?: unknown;
	};
	return Object.assign(new Error(String(e.message ?? 'Error')), {
		name: String(e.name ?? 'Error'),
		...(e.code !== undefined ? { code: e.code } : {}),
		...(e.$metadata !== undefined ? { $metadata: e.$metadata } : {}),
		...(e.$retryable !== undefined ? { $retryable: e.$retryable } : {}),
		...(e.$fault !== undefined ? { $fault: e.$fault } : {}),
	});
}

/** The handler's inactivity timeout, said in the credential's words (its name stays, for the retry strategy). */
function plainTimeout(error: unknown): unknown {
	const e = error as { name?: string; message?: string } | undefined;
	if (e?.name === 'TimeoutError' && /socket timed out|timed out|timeout/i.test(e.message ?? ''))
		e.message = /connect/i.test(e.message ?? '')
			? 'Could not connect within the credential’s Request Timeout'
			: 'No data was sent or received for longer than the credential’s Request Timeout';
	return error;
}

export const integrityPlugin: Pluggable<object, object> = {
	applyToStack(stack) {
		stack.addRelativeTo(
			(next: FinalizeHandler<object, object>, context: HandlerExecutionContext) =>
				async (args: FinalizeHandlerArguments<object>) => {
					const operation = String(context.commandName ?? '').replace(/Command$/, '');
					let result: FinalizeHandlerOutput<object>;
					try {
						result = await next(args);
					} catch (error) {
						const raw = undecodable(error);
						if (raw) raise(new MalformedAwsResponse(operation, raw.statusCode, requestIdOf(raw)));
						throw plainTimeout(ownRealmError(error));
					}
					const output = result.output as GetObjectOutput & {
						Credentials?: { SecretAccessKey?: string };
					};
					const response = result.response as RawResponse | undefined;
					if (operation === 'GetObject' && output.Body)
						output.Body = (context as Record<string, unknown>)[STREAM_BODY]
							? verifiedObjectStream(output, response)
							: await readObjectBody(output, response);
					// A cut STS XML answer can still parse (the parser is lenient) but without the keys.
					if (operation === 'AssumeRole' && !output.Credentials?.SecretAccessKey)
						throw new MalformedAwsResponse(
							operation,
							response?.statusCode,
							requestIdOf(response),
							'The answer holds no credentials (cut short or undecodable)',
						);
					return result;
				},
			{
				relation: 'after',
				toMiddleware: 'retryMiddleware',
				name: 'clinicalScribeIntegrity',
				override: true,
			},
		);
	},
};
