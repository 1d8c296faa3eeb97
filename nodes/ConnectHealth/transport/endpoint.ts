import type { AwsSettings } from '../../common/aws/settings';

/** Smithy `@endpoint(hostPrefix)` values: runtime. for patient insights, streaming. for the scribe. */
export type HostPrefix = '' | 'runtime.' | 'streaming.';

/**
 * Dual-stack DNS suffix per AWS partition (the service is dual-stack only; there is no
 * amazonaws.com host). Regions matching no partition fall back to `aws`, as the SDK's rules do.
 */
const PARTITIONS: Array<[RegExp, string]> = [
	[/^cn-\w+-\d+$/, 'api.amazonwebservices.com.cn'],
	[/^us-gov-\w+-\d+$/, 'api.aws'],
	[/^us-iso-\w+-\d+$/, 'c2s.ic.gov'],
	[/^us-isob-\w+-\d+$/, 'sc2s.sgov.gov'],
	[/^eu-isoe-\w+-\d+$/, 'cloud.adc-e.uk'],
	[/^us-isof-\w+-\d+$/, 'csp.hci.ic.gov'],
	[/^eusc-de-\w+-\d+$/, 'amazonaws.eu'],
];

export function dualStackSuffix(region: string): string {
	return PARTITIONS.find(([pattern]) => pattern.test(region))?.[1] ?? 'api.aws';
}

/**
 * The base URL of one operation: the credential's override (host prefix only when the credential
 * says the override has DNS for it), else the regional default, FIPS when asked for.
 */
export function resolveEndpoint(settings: AwsSettings, hostPrefix: HostPrefix): URL {
	const override = settings.endpoints.connectHealthEndpoint;
	if (override) {
		const url = new URL(override);
		if (hostPrefix && settings.connectHealthHostPrefix)
			url.hostname = `${hostPrefix}${url.hostname}`;
		return url;
	}
	const region = settings.region;
	if (!/^[a-z0-9-]+$/.test(region))
		throw new Error('The credential’s Region is not a valid AWS Region name');
	const service = settings.useFips ? 'health-agent-fips' : 'health-agent';
	return new URL(`https://${hostPrefix}${service}.${region}.${dualStackSuffix(region)}`);
}
