/**
 * The credential forms a clinic admin fills in: the AWS Region is a list (with "Other Region" for one
 * not listed), the fields a credential cannot work without are marked required, and the show/hide
 * rules that make assume-role and the host's default chain work are unchanged.
 */
import type { INodeProperties } from 'n8n-workflow';
import { AwsClinicalApi } from '../../../credentials/AwsClinicalApi.credentials';
import { ConnectHealthFhirApi } from '../../../credentials/ConnectHealthFhirApi.credentials';
import { HeidiApi } from '../../../credentials/HeidiApi.credentials';
import { CUSTOM_REGION } from '../../../nodes/common/aws/regions';
import { readAwsSettings, settingsProblem } from '../../../nodes/common/aws/settings';

const field = (properties: INodeProperties[], name: string): INodeProperties => {
	const found = properties.find((p) => p.name === name);
	if (!found) throw new Error(`no field ${name}`);
	return found;
};
const requiredNames = (properties: INodeProperties[]) =>
	properties.filter((p) => p.required).map((p) => p.name);

describe('AWS Clinical Services credential: Region', () => {
	const aws = new AwsClinicalApi().properties;
	const region = field(aws, 'region');
	const values = (region.options ?? []).map((o) => (o as { value: string }).value);

	it('is a list of AWS Regions, us-east-1 (where HealthScribe runs) first and named so', () => {
		expect(region.type).toBe('options');
		expect(region.default).toBe('us-east-1');
		expect(values[0]).toBe('us-east-1');
		expect((region.options![0] as { name: string }).name).toMatch(
			/N\. Virginia.*us-east-1.*HealthScribe and Connect Health/,
		);
		for (const usual of [
			'us-east-2',
			'us-west-2',
			'ca-central-1',
			'eu-west-1',
			'eu-west-2',
			'eu-central-1',
			'ap-southeast-2',
			'ap-northeast-1',
			'sa-east-1',
			'us-gov-west-1',
		]) {
			expect(values).toContain(usual);
		}
		expect(new Set(values).size).toBe(values.length);
		expect(region.description).toMatch(/HealthScribe runs only in US East \(N\. Virginia\)/);
	});

	it('ends with "Other Region", which shows a required Custom Region field', () => {
		expect(values[values.length - 1]).toBe(CUSTOM_REGION);
		const custom = field(aws, 'customRegion');
		expect(custom).toMatchObject({
			type: 'string',
			required: true,
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		});
	});

	it('a listed Region, a typed one, and a typed one that is not a Region code', () => {
		expect(readAwsSettings({ region: 'eu-west-2', customRegion: 'ap-south-1' }).region).toBe(
			'eu-west-2',
		);
		expect(readAwsSettings({ region: CUSTOM_REGION, customRegion: ' il-central-1 ' }).region).toBe(
			'il-central-1',
		);
		// A credential saved before the list existed keeps its typed Region.
		expect(readAwsSettings({ region: 'eu-south-2' }).region).toBe('eu-south-2');
		expect(
			settingsProblem(readAwsSettings({ region: CUSTOM_REGION, customRegion: 'il-central-1' })),
		).toBeUndefined();
		expect(settingsProblem(readAwsSettings({ region: CUSTOM_REGION, customRegion: '' }))).toEqual({
			field: 'Region',
			problem: expect.stringMatching(/^no Region is set: .*Custom Region/),
		});
		expect(
			settingsProblem(readAwsSettings({ region: CUSTOM_REGION, customRegion: 'Frankfurt' })),
		).toEqual({
			field: 'Region',
			problem: expect.stringMatching(/^"Frankfurt" is not an AWS Region code/),
		});
	});
});

describe('required fields', () => {
	it('AWS: Region, the keys and the Role ARN, each only where it is shown', () => {
		const aws = new AwsClinicalApi().properties;
		expect(requiredNames(aws).sort()).toEqual([
			'accessKeyId',
			'customRegion',
			'region',
			'roleArn',
			'secretAccessKey',
		]);
		// The keys stay hidden for the host's default chain, and the role fields appear only for Assume Role.
		for (const key of ['accessKeyId', 'secretAccessKey', 'sessionToken'])
			expect(field(aws, key).displayOptions).toEqual({
				hide: { roleCredentialsSource: ['defaultChain'] },
			});
		for (const roleField of [
			'roleCredentialsSource',
			'roleArn',
			'externalId',
			'roleSessionName',
			'roleDurationSeconds',
		]) {
			expect(field(aws, roleField).displayOptions).toEqual({
				show: { authentication: ['assumeRole'] },
			});
		}
		expect(field(aws, 'sessionToken').required).toBeFalsy();
		expect(field(aws, 'externalId').required).toBeFalsy();
	});

	it('Heidi: API key, clinician email, internal user ID, and the base URL for a custom environment', () => {
		const heidi = new HeidiApi().properties;
		expect(requiredNames(heidi).sort()).toEqual(['apiKey', 'baseUrl', 'email', 'userId']);
		expect(field(heidi, 'baseUrl').displayOptions).toEqual({ show: { environment: ['custom'] } });
	});

	it('Connect Health EHR (FHIR): the endpoint and the token', () => {
		expect(requiredNames(new ConnectHealthFhirApi().properties).sort()).toEqual([
			'fhirEndpoint',
			'oauthToken',
		]);
	});

	it('only the secrets are masked: identifiers such as the access key ID and the external ID stay readable', () => {
		const masked = (properties: INodeProperties[]) =>
			properties
				.filter((p) => p.typeOptions?.password)
				.map((p) => p.name)
				.sort();
		expect(masked(new AwsClinicalApi().properties)).toEqual(['secretAccessKey', 'sessionToken']);
		expect(masked(new HeidiApi().properties)).toEqual(['apiKey', 'sessionToken']);
		expect(masked(new ConnectHealthFhirApi().properties)).toEqual(['oauthToken']);
	});

	it('every visible field has help text', () => {
		for (const properties of [
			new AwsClinicalApi().properties,
			new HeidiApi().properties,
			new ConnectHealthFhirApi().properties,
		]) {
			for (const p of properties.filter((x) => x.type !== 'hidden' && x.type !== 'notice'))
				expect([p.name, typeof p.description]).toEqual([p.name, 'string']);
		}
	});
});
