import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** The `awsClinicalApi` credential, read once into typed settings. */
export interface AwsSettings {
	region: string;
	authentication: 'accessKeys' | 'assumeRole';
	roleCredentialsSource: 'accessKeys' | 'defaultChain';
	accessKeyId: string;
	secretAccessKey: string;
	sessionToken: string;
	roleArn: string;
	externalId: string;
	roleSessionName: string;
	roleDurationSeconds: number;
	useFips: boolean;
	/** Endpoint overrides by credential field name (e.g. `transcribeEndpoint`); blank = AWS default. */
	endpoints: Record<string, string | undefined>;
	connectHealthHostPrefix: boolean;
}

const ENDPOINT_FIELDS = ['transcribeEndpoint', 'connectHealthEndpoint', 's3Endpoint', 'stsEndpoint'];

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function readAwsSettings(data: ICredentialDataDecryptedObject): AwsSettings {
	const custom = data.customEndpoints === true;
	const endpoints: Record<string, string | undefined> = {};
	for (const field of ENDPOINT_FIELDS) endpoints[field] = custom ? text(data[field]).replace(/\/+$/, '') || undefined : undefined;
	return {
		region: text(data.region) || 'us-east-1',
		authentication: data.authentication === 'assumeRole' ? 'assumeRole' : 'accessKeys',
		roleCredentialsSource: data.roleCredentialsSource === 'defaultChain' ? 'defaultChain' : 'accessKeys',
		accessKeyId: text(data.accessKeyId),
		secretAccessKey: text(data.secretAccessKey),
		sessionToken: text(data.sessionToken),
		roleArn: text(data.roleArn),
		externalId: text(data.externalId),
		roleSessionName: text(data.roleSessionName) || 'n8n-clinical-scribe',
		roleDurationSeconds: Number(data.roleDurationSeconds) || 3600,
		useFips: data.useFips === true,
		endpoints,
		connectHealthHostPrefix: custom ? data.connectHealthHostPrefix !== false : true,
	};
}

/** Secret values of the credential, for exact-match redaction. */
export function awsSecrets(settings: AwsSettings): string[] {
	return [settings.secretAccessKey, settings.sessionToken, settings.accessKeyId, settings.externalId].filter(Boolean);
}
