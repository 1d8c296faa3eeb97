import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
	FinalizeHandler,
	FinalizeHandlerArguments,
	FinalizeHandlerOutput,
	HandlerExecutionContext,
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

interface RawResponse {
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

interface GetObjectOutput {
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
		bytes = Buffer.from((await output.Body?.transformToByteArray()) ?? new Uint8Array());
	} catch {
		throw fail('The download was cut short or its checksum did not match');
	}
	if (typeof output.ContentLength === 'number' && bytes.length !== output.ContentLength)
		throw fail(`The download was cut short (${bytes.length} of ${output.ContentLength} bytes)`);
	const etag = md5ETag(output);
	if (etag && createHash('md5').update(bytes).digest('hex') !== etag)
		throw fail('The downloaded bytes do not match the object’s ETag (cut short or altered)');
	return Object.assign(Readable.from([bytes]), {
		transformToByteArray: async () => new Uint8Array(bytes),
		transformToString: async (encoding?: BufferEncoding) => bytes.toString(encoding ?? 'utf8'),
	});
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
						output.Body = await readObjectBody(output, response);
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
