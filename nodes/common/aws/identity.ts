import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AwsCredentialsError } from './failures';
import type { AwsSettings } from './settings';
import { SDK_PLUGINS, sdkTransportConfig } from './transport';
import { raise } from '../errors';

/** Refresh temporary credentials this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** Caches an identity until shortly before its expiry; concurrent callers share one refresh. */
export function memoizeIdentity(
	provider: AwsCredentialIdentityProvider,
	now = () => Date.now(),
): AwsCredentialIdentityProvider {
	let current: AwsCredentialIdentity | undefined;
	let pending: Promise<AwsCredentialIdentity> | undefined;
	return async () => {
		const expiresAt = current?.expiration?.getTime();
		if (current && (expiresAt === undefined || expiresAt - REFRESH_MARGIN_MS > now()))
			return current;
		pending ??= provider().then(
			(identity) => {
				current = identity;
				pending = undefined;
				return identity;
			},
			(error) => {
				pending = undefined;
				throw error;
			},
		);
		return await pending;
	};
}

/**
 * The credential provider for a credential: static keys, or STS AssumeRole on top of the keys or
 * the host's default chain. The AWS SDK is loaded only here, on first use.
 */
export async function createIdentityProvider(
	settings: AwsSettings,
): Promise<AwsCredentialIdentityProvider> {
	const keys: AwsCredentialIdentity = {
		accessKeyId: settings.accessKeyId,
		secretAccessKey: settings.secretAccessKey,
		...(settings.sessionToken ? { sessionToken: settings.sessionToken } : {}),
	};
	if (settings.authentication === 'accessKeys') return async () => keys;

	const { fromTemporaryCredentials, fromNodeProviderChain } = await import(
		'@aws-sdk/credential-providers'
	);
	const provider = fromTemporaryCredentials({
		params: {
			RoleArn: settings.roleArn,
			RoleSessionName: settings.roleSessionName,
			DurationSeconds: settings.roleDurationSeconds,
			...(settings.externalId ? { ExternalId: settings.externalId } : {}),
		},
		masterCredentials:
			settings.roleCredentialsSource === 'defaultChain' ? fromNodeProviderChain() : keys,
		clientConfig: {
			...sdkTransportConfig(settings),
			region: settings.region,
			...(settings.endpoints.stsEndpoint ? { endpoint: settings.endpoints.stsEndpoint } : {}),
			...(settings.useFips && !settings.endpoints.stsEndpoint ? { useFipsEndpoint: true } : {}),
		},
		// The same cut-answer retry as every other client: AssumeRole may be sent again.
		clientPlugins: SDK_PLUGINS,
	});
	// Marked, so the failure is reported as getting credentials, not as the operation that needed them.
	return memoizeIdentity(async () => {
		try {
			return await provider();
		} catch (error) {
			raise(new AwsCredentialsError('AssumeRole', error));
		}
	});
}
