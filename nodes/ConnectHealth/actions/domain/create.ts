import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { createDomain } from '../../transport/domains';
import type { CreateDomainInput } from '../../transport/model';
import { tagsFrom, tagsProperty } from '../tags';
import { checkTags, RULES } from '../validation';

export const option: OperationOption<'create'> = {
	name: 'Create',
	value: 'create',
	action: 'Create a domain',
	description: 'Create a domain',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Main Street Clinic',
		description: 'Name of the domain (1–64 characters)',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'KMS Key ARN',
				name: 'kmsKeyArn',
				type: 'string',
				default: '',
				placeholder: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
				description:
					'Customer managed key that encrypts the domain’s data; leave blank for an AWS owned key',
			},
			tagsProperty(undefined, 'Tags to put on the new domain'),
			{
				displayName: 'Web App Setup',
				name: 'webAppSetup',
				type: 'fixedCollection',
				default: {},
				placeholder: 'Add Web App Setup',
				description:
					'Set up the clinician web app with IAM Identity Center (all three fields are needed)',
				options: [
					{
						name: 'values',
						displayName: 'Web App Setup',
						values: [
							{
								displayName: 'EHR Role ARN',
								name: 'ehrRole',
								type: 'string',
								default: '',
								placeholder: 'arn:aws:iam::123456789012:role/EhrAccess',
								description: 'The IAM role the web app uses to reach your EHR',
							},
							{
								displayName: 'Identity Center Instance ID',
								name: 'idcInstanceId',
								type: 'string',
								default: '',
								placeholder: 'ssoins-1234567890abcdef',
								description:
									'The AWS IAM Identity Center instance your staff sign in with (IAM Identity Center → Settings)',
							},
							{
								displayName: 'Identity Center Region',
								name: 'idcRegion',
								type: 'string',
								default: '',
								placeholder: 'us-east-1',
								description: 'The AWS Region of that Identity Center instance',
							},
						],
					},
				],
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const name = p.string('name', 'Name', { required: true });
	p.length('Name', name, RULES.domainName.min, RULES.domainName.max);
	const extra = p.collection('additionalFields', 'Additional Fields');

	const input: CreateDomainInput = { name };
	const kmsKeyArn = p.optionalText('KMS Key ARN', extra.kmsKeyArn);
	if (kmsKeyArn) {
		p.pattern(
			'KMS Key ARN',
			kmsKeyArn,
			RULES.kmsKeyArn,
			'Use a key ARN like arn:aws:kms:us-east-1:123456789012:key/<key id> (not an alias).',
		);
		input.kmsKeyArn = kmsKeyArn;
	}
	const [web] = p.entries('Web App Setup', extra.webAppSetup, 'values');
	if (web) {
		const ehrRole = p.text('EHR Role ARN', web.ehrRole);
		const idcInstanceId = p.text('Identity Center Instance ID', web.idcInstanceId);
		const idcRegion = p.text('Identity Center Region', web.idcRegion);
		p.required(
			'EHR Role ARN',
			ehrRole,
			'The web app set-up needs the IAM role the web app uses to reach the EHR.',
		);
		p.length('EHR Role ARN', ehrRole, RULES.ehrRole.min, RULES.ehrRole.max);
		p.pattern(
			'EHR Role ARN',
			ehrRole,
			RULES.ehrRole.pattern,
			'Use a role ARN like arn:aws:iam::123456789012:role/EhrAccess.',
		);
		p.required(
			'Identity Center Instance ID',
			idcInstanceId,
			'The web app set-up needs the IAM Identity Center instance ID.',
		);
		p.length(
			'Identity Center Instance ID',
			idcInstanceId,
			RULES.idcInstanceId.min,
			RULES.idcInstanceId.max,
		);
		p.required(
			'Identity Center Region',
			idcRegion,
			'The web app set-up needs the Region of the IAM Identity Center instance.',
		);
		p.length('Identity Center Region', idcRegion, RULES.idcRegion.min, RULES.idcRegion.max);
		input.webAppSetupConfiguration = { ehrRole, idcInstanceId, idcRegion };
	}
	if (extra.tags !== undefined) {
		const tags = tagsFrom(p, extra.tags);
		checkTags(p, 'Tags', tags, false);
		if (Object.keys(tags).length) input.tags = tags;
	}
	const client = await connectHealthClient(this);
	return jsonItems(await createDomain(client, input, { itemIndex: i }), i);
}
