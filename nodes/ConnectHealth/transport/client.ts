import type { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { INode } from 'n8n-workflow';
import { awsSession, type AwsContext } from '../../common/aws/clients';
import { AwsCredentialsError, awsNodeError, withHint } from '../../common/aws/failures';
import { awsSecrets, type AwsSettings } from '../../common/aws/settings';
import { MAY_HAVE_BEEN_DONE, raise, vendorError, type VendorFailure } from '../../common/errors';
import {
	attemptVerdict,
	DEFAULT_RETRY,
	parseRetryAfter,
	withRetry,
	type AttemptFailure,
	type FailedAttempt,
	type RetryOptions,
} from '../../common/retry';
import { resolveEndpoint, type HostPrefix } from './endpoint';
import { readErrorAnswer } from './errors';
import { NetworkError, sendHttp, type HttpResponse } from './http';

/** SigV4 signing name of Connect Health (not "connecthealth"). */
export const SIGNING_NAME = 'health-agent';

export type QueryValue = string | number | readonly string[] | undefined;

/** One restJson1 call, as the operation functions describe it. */
export interface OperationRequest {
	/** Operation name as AWS spells it, for errors. */
	operation: string;
	method: 'GET' | 'POST' | 'DELETE';
	/** Path with its labels already escaped (see `restPath`). */
	path: string;
	query?: Record<string, QueryValue>;
	/** JSON members; undefined = no body and no content-type. */
	body?: Record<string, unknown>;
	hostPrefix?: HostPrefix;
	/**
	 * Read-only, @idempotent or token-carrying: safe to send again after the request may have
	 * reached the service (5xx, dropped connection, timeout, unreadable success answer). Any other
	 * operation is retried only when the service cannot have acted: no connection was made, or it
	 * answered throttling; its other ambiguous failures say MAY_HAVE_BEEN_DONE.
	 */
	idempotent: boolean;
}

export interface CallOptions {
	itemIndex?: number;
	/** Exact values of this request (tokens, patient identifiers) that must not reach an error. */
	secrets?: readonly unknown[];
}

export interface ClientConfig {
	settings: AwsSettings;
	identity: AwsCredentialIdentityProvider;
	node: INode;
	retry?: RetryOptions;
	timeoutMs?: number;
}

/** RFC 3986 escaping as AWS wants it for labels and query values: only unreserved characters stay. */
export function uriEscape(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/** Tagged template for request paths: every interpolated label is URI-escaped (`:` → %3A, `/` → %2F). */
export function restPath(strings: TemplateStringsArray, ...labels: string[]): string {
	return strings.reduce(
		(path, part, i) => path + part + (i < labels.length ? uriEscape(labels[i]) : ''),
		'',
	);
}

/** Drops absent members (undefined, null) at every depth: the service must never see `null`. */
export function omitAbsent(value: unknown): unknown {
	if (Array.isArray(value))
		return value.filter((v) => v !== undefined && v !== null).map(omitAbsent);
	if (value !== null && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, member] of Object.entries(value))
			if (member !== undefined && member !== null) out[key] = omitAbsent(member);
		return out;
	}
	return value;
}

/** Query members as SigV4 and the wire both see them: integers in decimal, lists as repeated keys. */
export function queryOf(query: Record<string, QueryValue> = {}): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		out[key] = Array.isArray(value) ? [...value] : String(value);
	}
	return out;
}

export function queryString(query: Record<string, string | string[]>): string {
	const pairs: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		for (const item of Array.isArray(value) ? value : [value])
			pairs.push(`${uriEscape(key)}=${uriEscape(item)}`);
	}
	return pairs.length ? `?${pairs.join('&')}` : '';
}

/**
 * A failed attempt, carrying only what may be shown and the retry policy's verdict (common/retry);
 * `ambiguous` when a non-idempotent request may have been carried out.
 */
class AttemptError extends Error {
	readonly verdict: AttemptFailure;

	readonly ambiguous: boolean;

	constructor(
		readonly failure: VendorFailure,
		attempt: FailedAttempt | undefined,
		idempotent = false,
	) {
		super(failure.errorType ?? failure.code ?? 'Error');
		const verdict = attempt
			? attemptVerdict(attempt, idempotent)
			: { retryable: false, ambiguous: false };
		this.verdict = { retryable: verdict.retryable, retryAfterMs: verdict.retryAfterMs };
		this.ambiguous = verdict.ambiguous;
	}
}

function header(response: HttpResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/**
 * Connect Health over restJson1 + SigV4. Each attempt is signed afresh (new date) over exactly
 * the bytes and headers sent; the body is serialised once, so a clientToken in it is the same on
 * every retry.
 */
export class ConnectHealthClient {
	private readonly retry: RetryOptions;

	readonly timeoutMs: number;

	private signer: Promise<SignatureV4> | undefined;

	constructor(readonly config: ClientConfig) {
		this.retry = config.retry ?? DEFAULT_RETRY;
		this.timeoutMs = config.timeoutMs ?? config.settings.requestTimeoutMs;
	}

	/** The retry policy (the streaming operation retries its pre-stream failures with it). */
	get retryOptions(): RetryOptions {
		return this.retry;
	}

	/** The SigV4 signer of this credential (also signs the event-stream chain). */
	async signerInstance(): Promise<SignatureV4> {
		this.signer ??= (async () => {
			const [{ SignatureV4 }, { Sha256 }] = await Promise.all([
				import('@smithy/signature-v4'),
				import('@aws-crypto/sha256-js'),
			]);
			return new SignatureV4({
				service: SIGNING_NAME,
				region: this.config.settings.region,
				credentials: this.config.identity,
				sha256: Sha256,
				uriEscapePath: true,
				applyChecksum: true,
			});
		})();
		return await this.signer;
	}

	/** The parsed JSON answer, for the operation's deserializer (shapes.ts) to read member by member; `{}` when empty. */
	async call(request: OperationRequest, options: CallOptions = {}): Promise<unknown> {
		const body =
			request.body === undefined
				? undefined
				: Buffer.from(JSON.stringify(omitAbsent(request.body)), 'utf8');
		const query = queryOf(request.query);
		try {
			const response = await withRetry(
				async () => await this.attempt(request, query, body),
				(error) => (error instanceof AttemptError ? error.verdict : { retryable: false }),
				this.retry,
			);
			return response === undefined ? {} : response;
		} catch (error) {
			throw await this.toNodeError(request.operation, error, options);
		}
	}

	/** Sends once; resolves with the parsed JSON of a 2xx answer (undefined when empty). */
	private async attempt(
		request: OperationRequest,
		query: Record<string, string | string[]>,
		body: Buffer | undefined,
	): Promise<unknown> {
		const base = resolveEndpoint(this.config.settings, request.hostPrefix ?? '');
		// An override with a path (a proxy under /connect-health) keeps it in front of the operation path.
		const path = base.pathname.replace(/\/+$/, '') + request.path;
		const headers: Record<string, string> = { host: base.host };
		if (body) {
			headers['content-type'] = 'application/json';
			headers['content-length'] = String(body.length);
		}
		const signer = await this.signerInstance();
		const signed = await signer.sign({
			method: request.method,
			protocol: base.protocol,
			hostname: base.hostname,
			port: base.port ? Number(base.port) : undefined,
			path,
			query,
			headers,
			body,
		});
		let response: HttpResponse;
		try {
			response = await sendHttp(
				base,
				path + queryString(query),
				request.method,
				signed.headers,
				body,
				this.timeoutMs,
			);
		} catch (error) {
			const code = error instanceof NetworkError ? error.code : 'ECONNRESET';
			const sent = !(error instanceof NetworkError) || error.reached;
			raise(
				new AttemptError(
					{ operation: request.operation, code, message: (error as Error).message },
					{ code, sent },
					request.idempotent,
				),
			);
		}
		if (response.status >= 200 && response.status < 300)
			return this.parseSuccess(request, response);
		if (response.status >= 300 && response.status < 400) throw redirectError(request, response);

		const answer = readErrorAnswer(response);
		throw new AttemptError(
			{
				operation: request.operation,
				httpStatus: response.status,
				errorType: answer.errorType,
				requestId: answer.requestId,
				message: answer.message,
			},
			{
				status: response.status,
				code: answer.errorType,
				sent: true,
				retryAfterMs: parseRetryAfter(header(response, 'retry-after')),
			},
			request.idempotent,
		);
	}

	private parseSuccess(request: OperationRequest, response: HttpResponse): unknown {
		if (response.body.length === 0) return undefined;
		try {
			return JSON.parse(response.body.toString('utf8')) as unknown;
		} catch {
			raise(
				new AttemptError(
					{
						operation: request.operation,
						httpStatus: response.status,
						errorType: 'MalformedResponse',
						requestId: header(response, 'x-amzn-requestid'),
						message: 'The service answered with a body that is not valid JSON.',
					},
					// An answer cut short, not the service's verdict: judged like a dropped connection.
					{ code: 'MalformedResponse', sent: true },
					request.idempotent,
				),
			);
		}
	}

	/** An n8n error for a failure of the streaming operation, redacted like every other call's. */
	async streamError(failure: VendorFailure, options: CallOptions = {}) {
		return await this.toNodeError(failure.operation, new AttemptError(failure, undefined), options);
	}

	private async toNodeError(operation: string, error: unknown, options: CallOptions) {
		const identity =
			error instanceof AwsCredentialsError
				? undefined
				: await this.config.identity().catch(() => undefined);
		const secrets = [
			...awsSecrets(this.config.settings),
			identity?.secretAccessKey,
			identity?.sessionToken,
			...(options.secrets ?? []),
		];
		if (!(error instanceof AttemptError))
			return awsNodeError(this.config.node, operation, error, {
				itemIndex: options.itemIndex,
				secrets,
			});
		const built = vendorError(this.config.node, error.failure, {
			itemIndex: options.itemIndex,
			secrets,
		});
		return withHint(built, error.ambiguous ? MAY_HAVE_BEEN_DONE : undefined);
	}
}

/** A 3xx: never followed, so the signature and the body stay with the configured endpoint. */
function redirectError(request: OperationRequest, response: HttpResponse): AttemptError {
	return new AttemptError(
		{
			operation: request.operation,
			httpStatus: response.status,
			errorType: 'Redirect',
			message:
				'The endpoint answered with a redirect, which is not followed so that signed requests go only to the configured host. Check the credential’s Connect Health Endpoint (or the proxy in front of it).',
		},
		undefined,
	);
}

/** The execution's client (one per credential and node run, shared by all items). */
export async function connectHealthClient(context: AwsContext): Promise<ConnectHealthClient> {
	const session = await awsSession(context);
	return await session.client(
		'connectHealth',
		async () =>
			new ConnectHealthClient({
				settings: session.settings,
				identity: session.identity,
				node: context.getNode(),
			}),
	);
}
