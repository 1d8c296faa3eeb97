import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { IExecuteFunctions, ILoadOptionsFunctions, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { perExecution } from '../perExecution';
import { createIdentityProvider } from './identity';
import { QuotaAwareRetryStrategy } from './retryStrategy';
import { sdkTransportConfig } from './transport';
import {
	describeSettingsProblem,
	readAwsSettings,
	settingsProblem,
	type AwsSettings,
} from './settings';

export type AwsContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions;

export const AWS_CREDENTIAL = 'awsClinicalApi';

/** Attempts per AWS call (first one included) for throttling and transient failures. */
const MAX_ATTEMPTS = 6;

/** Everything a node needs to talk to AWS for one execution. */
export interface AwsSession {
	settings: AwsSettings;
	identity: AwsCredentialIdentityProvider;
	/** Memoized per execution: one client per class + endpoint. */
	client<C>(key: string, create: () => Promise<C>): Promise<C>;
}

async function openSession(context: AwsContext): Promise<AwsSession> {
	const settings = readAwsSettings(await context.getCredentials(AWS_CREDENTIAL));
	// Refused before any request (AssumeRole included), so no secret travels to a bad endpoint.
	const problem = settingsProblem(settings);
	if (problem)
		throw new NodeOperationError(context.getNode(), describeSettingsProblem(problem), {
			description: `Fix "${problem.field}" in the AWS Clinical Services credential.`,
		});
	const identity = await createIdentityProvider(settings);
	const clients = new Map<string, Promise<unknown>>();
	return {
		settings,
		identity,
		client<C>(key: string, create: () => Promise<C>) {
			if (!clients.has(key)) clients.set(key, create());
			return clients.get(key) as Promise<C>;
		},
	};
}

/** The AWS session of this execution (one per run; opened again by the next call if opening failed). */
export const awsSession: (context: AwsContext) => Promise<AwsSession> = perExecution(openSession);

/**
 * Config shared by every AWS SDK client: region, identity, the credential's endpoint override
 * for this service (`endpointField`), FIPS, the retry strategy of `QuotaAwareRetryStrategy` (up to 6
 * attempts, standard backoff, no client-wide rate floor, concurrent-job limits left to the caller),
 * and the transport settings of `sdkTransportConfig`.
 */
export function sdkClientConfig(session: AwsSession, endpointField: string) {
	const endpoint = session.settings.endpoints[endpointField];
	return {
		...sdkTransportConfig(session.settings),
		region: session.settings.region,
		credentials: session.identity,
		retryStrategy: new QuotaAwareRetryStrategy(MAX_ATTEMPTS),
		// Only for the amz-sdk-request header; the strategy decides.
		maxAttempts: MAX_ATTEMPTS,
		...(endpoint ? { endpoint } : session.settings.useFips ? { useFipsEndpoint: true } : {}),
	};
}
