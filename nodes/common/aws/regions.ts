import type { INodePropertyOptions } from 'n8n-workflow';

/** Value of the Region list's "Other Region" entry: the region is then typed into "Custom Region". */
export const CUSTOM_REGION = 'custom';

/** An AWS Region code such as us-east-1, eu-central-2 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/**
 * AWS Regions offered in the credential (the commercial, GovCloud and China Regions n8n's own AWS
 * credential lists). AWS HealthScribe is offered in US East (N. Virginia) only (AWS HealthScribe
 * guide, "Region availability"); Amazon Connect Health's Regions are on the AWS Regional Services list.
 */
const REGIONS: Array<[code: string, area: string, place: string]> = [
	['us-east-1', 'US East', 'N. Virginia'],
	['us-east-2', 'US East', 'Ohio'],
	['us-west-1', 'US West', 'N. California'],
	['us-west-2', 'US West', 'Oregon'],
	['af-south-1', 'Africa', 'Cape Town'],
	['ap-east-1', 'Asia Pacific', 'Hong Kong'],
	['ap-northeast-1', 'Asia Pacific', 'Tokyo'],
	['ap-northeast-2', 'Asia Pacific', 'Seoul'],
	['ap-northeast-3', 'Asia Pacific', 'Osaka'],
	['ap-south-1', 'Asia Pacific', 'Mumbai'],
	['ap-south-2', 'Asia Pacific', 'Hyderabad'],
	['ap-southeast-1', 'Asia Pacific', 'Singapore'],
	['ap-southeast-2', 'Asia Pacific', 'Sydney'],
	['ap-southeast-3', 'Asia Pacific', 'Jakarta'],
	['ap-southeast-4', 'Asia Pacific', 'Melbourne'],
	['ap-southeast-5', 'Asia Pacific', 'Malaysia'],
	['ap-southeast-7', 'Asia Pacific', 'Thailand'],
	['ca-central-1', 'Canada', 'Central'],
	['ca-west-1', 'Canada West', 'Calgary'],
	['cn-north-1', 'China', 'Beijing'],
	['cn-northwest-1', 'China', 'Ningxia'],
	['eu-central-1', 'Europe', 'Frankfurt'],
	['eu-central-2', 'Europe', 'Zurich'],
	['eu-north-1', 'Europe', 'Stockholm'],
	['eu-south-1', 'Europe', 'Milan'],
	['eu-south-2', 'Europe', 'Spain'],
	['eu-west-1', 'Europe', 'Ireland'],
	['eu-west-2', 'Europe', 'London'],
	['eu-west-3', 'Europe', 'Paris'],
	['il-central-1', 'Israel', 'Tel Aviv'],
	['me-central-1', 'Middle East', 'UAE'],
	['me-south-1', 'Middle East', 'Bahrain'],
	['mx-central-1', 'Mexico', 'Central'],
	['sa-east-1', 'South America', 'São Paulo'],
	['us-gov-east-1', 'AWS GovCloud (US-East)', 'GovCloud'],
	['us-gov-west-1', 'AWS GovCloud (US-West)', 'GovCloud'],
];

/** Services of this package known to run in a Region, shown next to it in the list. */
const SERVICES: Record<string, string> = { 'us-east-1': 'HealthScribe and Connect Health' };

/** The credential's Region list, US East (N. Virginia) first, then "Other Region" for one not listed. */
export const REGION_OPTIONS: INodePropertyOptions[] = [
	...REGIONS.map(([code, area, place]) => ({
		name: `${area} (${place}) - ${code}${SERVICES[code] ? ` · ${SERVICES[code]}` : ''}`,
		value: code,
	})),
	{
		name: 'Other Region (Type It Below)',
		value: CUSTOM_REGION,
		description: 'A Region that is not in this list, such as one AWS opened recently',
	},
];

/** The Region the credential names: the listed one, or the typed one for "Other Region". */
export function credentialRegion(region: unknown, customRegion: unknown): string {
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	return region === CUSTOM_REGION ? text(customRegion) : text(region) || 'us-east-1';
}
