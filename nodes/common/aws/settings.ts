import { endpointProblem } from '../endpoint';
import { credentialRegion, REGION_PATTERN } from './regions';
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
	/** Inactivity timeout of one request: no byte sent or received for this long fails it (ms). */
	requestTimeoutMs: number;
	/** The credential's "Allow Unencrypted HTTP": plain http:// to a non-loopback custom endpoint. */
	allowInsecureHttp: boolean;
}

/** Endpoint override fields of the credential → their labels in the credential form. */
export const ENDPOINT_FIELDS: Record<string, string> = {
	transcribeEndpoint: 'Transcribe Endpoint',
	connectHealthEndpoint: 'Connect Health Endpoint',
	s3Endpoint: 'S3 Endpoint',
	stsEndpoint: 'STS Endpoint',
};

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 60;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function readAwsSettings(data: ICredentialDataDecryptedObject): AwsSettings {
	const custom = data.customEndpoints === true;
	const endpoints: Record<string, string | undefined> = {};
	for (const field of Object.keys(ENDPOINT_FIELDS))
		endpoints[field] = custom ? text(data[field]).replace(/\/+$/, '') || undefined : undefined;
	return {
		region: credentialRegion(data.region, data.customRegion),
		authentication: data.authentication === 'assumeRole' ? 'assumeRole' : 'accessKeys',
		roleCredentialsSource:
			data.roleCredentialsSource === 'defaultChain' ? 'defaultChain' : 'accessKeys',
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
		requestTimeoutMs: timeoutSeconds(data.requestTimeoutSeconds) * 1000,
		allowInsecureHttp: data.allowInsecureHttp === true,
	};
}

function timeoutSeconds(value: unknown): number {
	const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0
		? seconds
		: DEFAULT_REQUEST_TIMEOUT_SECONDS;
}

/** A credential setting that cannot be used, named as the credential form names it. */
export interface SettingsProblem {
	field: string;
	problem: string;
}

/**
 * What makes the credential unusable before any request: a custom endpoint that is not a URL or
 * is plain http:// to a non-loopback host (unless "Allow Unencrypted HTTP" is on), or FIPS
 * together with a custom endpoint, which the AWS SDK refuses ("Invalid Configuration: FIPS and
 * custom endpoint are not supported") and our Connect Health transport would silently ignore.
 */
export function settingsProblem(settings: AwsSettings): SettingsProblem | undefined {
	if (!REGION_PATTERN.test(settings.region)) {
		const found = settings.region
			? `"${settings.region}" is not an AWS Region code`
			: 'no Region is set';
		return {
			field: 'Region',
			problem: `${found}: pick the Region from the list, or pick "Other Region" and type a code like us-east-1 into "Custom Region"`,
		};
	}
	for (const [field, label] of Object.entries(ENDPOINT_FIELDS)) {
		const url = settings.endpoints[field];
		if (!url) continue;
		if (settings.useFips)
			return {
				field: label,
				problem:
					'the credential field "Use FIPS Endpoints" is on, and AWS SDKs refuse FIPS with a custom endpoint (FIPS and custom endpoint are not supported); turn off the field "Use FIPS Endpoints", or clear this endpoint to use the AWS FIPS endpoint',
			};
		const problem = endpointProblem(url, settings.allowInsecureHttp);
		if (problem) return { field: label, problem };
	}
	return undefined;
}

/** The problem as one sentence for an error or a credential test (field names survive redaction). */
export function describeSettingsProblem(problem: SettingsProblem): string {
	return `The AWS credential field "${problem.field}" cannot be used: ${problem.problem}.`;
}

/** Secret values of the credential, for exact-match redaction. */
export function awsSecrets(settings: AwsSettings): string[] {
	return [
		settings.secretAccessKey,
		settings.sessionToken,
		settings.accessKeyId,
		settings.externalId,
	].filter(Boolean);
}
