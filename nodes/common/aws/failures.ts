import { NodeError, type INode, type NodeApiError } from 'n8n-workflow';
import { awsFailure, vendorError } from '../errors';

/**
 * Getting temporary credentials failed; `cause` is the STS (or provider chain) error. It carries
 * the cause's name, code, status and fault, so any code reading it as an SDK error (awsFailure,
 * isTransient) classifies the STS failure, and its message says it was about credentials.
 */
export class AwsCredentialsError extends Error {
	readonly code?: string;

	readonly $metadata?: unknown;

	readonly $fault?: unknown;

	constructor(
		readonly credentialsOperation: string,
		readonly cause: unknown,
	) {
		const e = (cause ?? {}) as {
			name?: string;
			code?: string;
			message?: string;
			$metadata?: unknown;
			$fault?: unknown;
		};
		super(
			`Could not get AWS credentials (${credentialsOperation})${e.message ? `: ${e.message}` : ''}`,
		);
		this.name = e.name ?? 'CredentialsProviderError';
		this.code = e.code;
		this.$metadata = e.$metadata;
		this.$fault = e.$fault;
	}
}

export interface AwsErrorOptions {
	itemIndex?: number;
	secrets?: readonly unknown[];
	/** Appended to the message and shown as the description, e.g. MAY_HAVE_BEEN_DONE. */
	hint?: string;
}

/** Adds a sentence to a NodeApiError's message and description. */
export function withHint(error: NodeApiError, hint: string | undefined): NodeApiError {
	if (!hint) return error;
	error.message = `${error.message}. ${hint}`;
	error.description = error.description ? `${hint} ${error.description}` : hint;
	return error;
}

/**
 * Any failure of an AWS call as a NodeApiError naming `operation` (the one the user ran). A
 * credentials failure says so first: "Could not get AWS credentials (AssumeRole) for
 * GetMedicalScribeJob: AccessDenied – …", classified (transient or not) by the STS error.
 */
export function awsNodeError(
	node: INode,
	operation: string,
	error: unknown,
	options: AwsErrorOptions = {},
): NodeApiError {
	// Already explained (a credential setting refused before any request).
	if (error instanceof NodeError) return error as NodeApiError;
	if (error instanceof AwsCredentialsError) {
		const failure = awsFailure(error.credentialsOperation, error.cause);
		const built = vendorError(node, failure, options);
		const prefix = `${failure.operation} failed`;
		built.message = `Could not get AWS credentials (${error.credentialsOperation}) for ${operation}${built.message.slice(prefix.length)}`;
		return withHint(built, options.hint);
	}
	return withHint(vendorError(node, awsFailure(operation, error), options), options.hint);
}
