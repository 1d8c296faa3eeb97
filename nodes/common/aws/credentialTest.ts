import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { redact } from '../redact';
import { AwsCredentialsError } from './failures';
import { createIdentityProvider } from './identity';
import { awsSecrets, describeSettingsProblem, readAwsSettings, settingsProblem } from './settings';
import { sdkTransportConfig, withSdkPlugins } from './transport';

/** AWS error names and network codes → what the user should check. */
const EXPLANATIONS: Record<string, string> = {
	InvalidClientTokenId:
		'The access key ID is not valid (or the session token does not belong to it). Check the Access Key ID.',
	UnrecognizedClientException: 'The access key ID is not valid. Check the Access Key ID.',
	SignatureDoesNotMatch:
		'The secret access key does not match the access key ID. Check the Secret Access Key.',
	InvalidSignatureException:
		'The secret access key does not match the access key ID. Check the Secret Access Key.',
	ExpiredToken:
		'The session token has expired. Paste fresh temporary credentials or use Assume Role.',
	ExpiredTokenException:
		'The session token has expired. Paste fresh temporary credentials or use Assume Role.',
	AccessDenied:
		'The role cannot be assumed. Check the Role ARN, the External ID and that the role’s trust policy allows these credentials.',
	ValidationError:
		'STS rejected a setting. Check the Role ARN, Role Session Name and Session Duration.',
	CredentialsProviderError: 'No credentials were found in the host’s default provider chain.',
	ECONNREFUSED:
		'The endpoint is unreachable (connection refused). Check the STS endpoint or the network.',
	ENOTFOUND: 'The endpoint host name does not resolve. Check the Region and custom endpoints.',
	ETIMEDOUT: 'The endpoint did not answer in time. Check the network and custom endpoints.',
};

/** Checks an `awsClinicalApi` credential with STS GetCallerIdentity (assuming the role first if set). */
export async function testAwsCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const settings = readAwsSettings(credential.data ?? {});
	const problem = settingsProblem(settings);
	if (problem) return { status: 'Error', message: describeSettingsProblem(problem) };
	if (
		settings.roleCredentialsSource === 'accessKeys' &&
		(!settings.accessKeyId || !settings.secretAccessKey)
	) {
		return { status: 'Error', message: 'Enter both the Access Key ID and the Secret Access Key.' };
	}
	if (
		settings.authentication === 'assumeRole' &&
		!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(settings.roleArn)
	) {
		return {
			status: 'Error',
			message: 'Enter a Role ARN like arn:aws:iam::123456789012:role/RoleName.',
		};
	}
	try {
		const { STSClient, GetCallerIdentityCommand } = await import('@aws-sdk/client-sts');
		const endpoint = settings.endpoints.stsEndpoint;
		const client = withSdkPlugins(
			new STSClient({
				...sdkTransportConfig(settings),
				region: settings.region,
				credentials: await createIdentityProvider(settings),
				maxAttempts: 2,
				...(endpoint ? { endpoint } : settings.useFips ? { useFipsEndpoint: true } : {}),
			}),
		);
		const identity = await client.send(new GetCallerIdentityCommand({}));
		return { status: 'OK', message: `Connected as ${identity.Arn ?? 'an AWS identity'}` };
	} catch (error) {
		// A failed AssumeRole arrives wrapped (identity.ts): explain the STS error itself.
		const e = (error instanceof AwsCredentialsError ? error.cause : error) as {
			name?: string;
			code?: string;
			Code?: string;
			message?: string;
			cause?: { code?: string };
		};
		// The SDK wraps network failures ("AWS SDK error wrapper for Error: connect ECONNREFUSED …").
		const networkCode = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT)\b/.exec(e.message ?? '')?.[1];
		const reason = [e.name, e.Code, e.code, e.cause?.code, networkCode].find(
			(n) => n && EXPLANATIONS[n],
		);
		const detail = reason
			? EXPLANATIONS[reason]
			: `AWS answered: ${redact(e.message ?? String(error), awsSecrets(settings))}`;
		return { status: 'Error', message: detail };
	}
}
