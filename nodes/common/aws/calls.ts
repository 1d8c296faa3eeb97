import type { NodeApiError } from 'n8n-workflow';
import { awsSession, type AwsContext } from './clients';
import { awsNodeError } from './failures';
import { awsSecrets } from './settings';

/**
 * An SDK failure as a NodeApiError: operation, status, type, request id and a redacted message;
 * a failure to get credentials (AssumeRole) is reported as such.
 */
export async function awsApiError(
	context: AwsContext,
	operation: string,
	error: unknown,
	itemIndex?: number,
): Promise<NodeApiError> {
	const secrets = await awsSession(context).then(
		(session) => awsSecrets(session.settings),
		() => [],
	);
	return awsNodeError(context.getNode(), operation, error, { itemIndex, secrets });
}

/** Runs an AWS call and turns its failure into a NodeApiError for `operation`. */
export async function callAws<T>(
	context: AwsContext,
	operation: string,
	call: () => Promise<T>,
	itemIndex?: number,
): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw await awsApiError(context, operation, error, itemIndex);
	}
}
