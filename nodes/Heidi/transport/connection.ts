import { NodeOperationError } from 'n8n-workflow';
import {
	heidiBaseUrl,
	heidiSettingsProblem,
	heidiTimeoutMs,
} from '../../../credentials/HeidiApi.credentials';
import { tokenGate, type HeidiContext } from './token';

export interface Connection {
	baseUrl: string;
	/** Inactivity timeout of one request (credential "Request Timeout (Seconds)"). */
	timeoutMs: number;
}

/**
 * Where and how Heidi calls go, from the credential, checked before anything is sent: a remote
 * `http://` base URL (unless "Allow Unencrypted HTTP" is on) or a bad timeout fails here, naming
 * the operation and the credential field.
 */
export async function connection(
	context: HeidiContext,
	operation: string,
	itemIndex?: number,
): Promise<Connection> {
	const credentials = await tokenGate(context).credentials();
	const problem = heidiSettingsProblem(credentials);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `${operation} was not sent: ${problem}`, {
			itemIndex,
			description:
				'Open the Heidi API credential and correct the field named above; nothing was sent to Heidi.',
		});
	}
	return { baseUrl: heidiBaseUrl(credentials), timeoutMs: heidiTimeoutMs(credentials) };
}
