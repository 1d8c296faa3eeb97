import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { CUSTOM_REGION, REGION_OPTIONS } from '../nodes/common/aws/regions';

/**
 * AWS access for HealthScribe (Transcribe), Connect Health, S3 and STS. Signing is done by the
 * nodes (AWS SDK / SigV4), so this type only holds settings; the connection test runs
 * STS GetCallerIdentity through the nodes' `testedBy` method, which can explain failures in plain words.
 */
export class AwsClinicalApi implements ICredentialType {
	name = 'awsClinicalApi';

	displayName = 'AWS Clinical Services';

	icon: Icon = { light: 'file:icons/aws.svg', dark: 'file:icons/aws.dark.svg' };

	documentationUrl =
		'https://github.com/clinical-scribe/n8n-nodes-clinical-scribe#aws-clinical-services-credential';

	properties: INodeProperties[] = [
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: REGION_OPTIONS,
			default: 'us-east-1',
			required: true,
			description:
				'The AWS Region your HealthScribe jobs, Connect Health domains and S3 buckets are in. AWS HealthScribe runs only in US East (N. Virginia), us-east-1. The recordings’ S3 bucket must be in the same Region.',
		},
		{
			displayName: 'Custom Region',
			name: 'customRegion',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'us-east-1',
			description:
				'The code of the AWS Region, as shown in the AWS console’s Region menu (for example eu-west-2)',
			displayOptions: { show: { region: [CUSTOM_REGION] } },
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'Access Keys',
					value: 'accessKeys',
					description: 'An IAM access key, optionally with a session token',
				},
				{
					name: 'Assume Role',
					value: 'assumeRole',
					description:
						'Assume an IAM role with STS, on top of access keys or of the host’s default credentials',
				},
			],
			default: 'accessKeys',
			description:
				'How n8n signs in to AWS. Access Keys suits most clinics; Assume Role is for organisations that grant access through IAM roles.',
		},
		{
			displayName: 'Role Credentials Source',
			name: 'roleCredentialsSource',
			type: 'options',
			options: [
				{ name: 'Access Keys Below', value: 'accessKeys' },
				{
					name: 'Host Default Provider Chain',
					value: 'defaultChain',
					description:
						'Environment variables, shared config, ECS/EKS task role or EC2 instance profile of the n8n host',
				},
			],
			default: 'accessKeys',
			description: 'Which AWS credentials n8n uses to assume the role',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The access key ID of an IAM user (or temporary credentials) allowed to use HealthScribe, Connect Health and the S3 buckets. AWS console: IAM → Users → Security credentials.',
			displayOptions: { hide: { roleCredentialsSource: ['defaultChain'] } },
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The secret shown once when the access key was created',
			displayOptions: { hide: { roleCredentialsSource: ['defaultChain'] } },
		},
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Only for temporary credentials (keys starting with ASIA)',
			displayOptions: { hide: { roleCredentialsSource: ['defaultChain'] } },
		},
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			required: true,
			default: '',
			description: 'The IAM role to act as, from the role’s summary page in the AWS console',
			placeholder: 'arn:aws:iam::123456789012:role/ClinicalScribeAutomation',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: 'Required when the role’s trust policy asks for one',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Role Session Name',
			name: 'roleSessionName',
			type: 'string',
			default: 'n8n-clinical-scribe',
			description:
				'A name for n8n’s sessions under the role, shown in AWS CloudTrail so you can tell n8n’s calls apart',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Session Duration (Seconds)',
			name: 'roleDurationSeconds',
			type: 'number',
			typeOptions: { minValue: 900, maxValue: 43200 },
			default: 3600,
			description:
				'How long the role’s temporary keys last before n8n asks for new ones (at most the role’s maximum session duration)',
			displayOptions: { show: { authentication: ['assumeRole'] } },
		},
		{
			displayName: 'Use FIPS Endpoints',
			name: 'useFips',
			type: 'boolean',
			default: false,
			description:
				'Whether to use the AWS endpoints with FIPS 140 validated encryption. Only if your organisation requires it (e.g. US government work); not with custom endpoints.',
		},
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'requestTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 60,
			description:
				'How long one request to AWS may go without sending or receiving any data before it fails (an inactivity timeout: long uploads and downloads that keep moving are not cut)',
		},
		{
			displayName: 'Custom Endpoints',
			name: 'customEndpoints',
			type: 'boolean',
			default: false,
			description:
				'Whether to send requests to VPC endpoints, a proxy or a local sandbox instead of the AWS defaults',
		},
		{
			displayName: 'Transcribe Endpoint',
			name: 'transcribeEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://transcribe.us-east-1.amazonaws.com',
			description: 'Leave blank for the AWS default',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'Connect Health Endpoint',
			name: 'connectHealthEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://health-agent.us-east-1.api.aws',
			description: 'Leave blank for the AWS default',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'Connect Health Host Prefixes',
			name: 'connectHealthHostPrefix',
			type: 'boolean',
			default: true,
			description:
				'Whether to prepend "runtime." and "streaming." to the custom Connect Health endpoint’s host for the operations that use them, as AWS does. Turn off for an endpoint without DNS for those names (a proxy or the sandbox).',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'S3 Endpoint',
			name: 's3Endpoint',
			type: 'string',
			default: '',
			placeholder: 'https://s3.us-east-1.amazonaws.com',
			description: 'Leave blank for the AWS default. A custom S3 endpoint is addressed path-style.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'STS Endpoint',
			name: 'stsEndpoint',
			type: 'string',
			default: '',
			placeholder: 'https://sts.us-east-1.amazonaws.com',
			description: 'Leave blank for the AWS default',
			displayOptions: { show: { customEndpoints: [true] } },
		},
		{
			displayName: 'Allow Unencrypted HTTP',
			name: 'allowInsecureHttp',
			type: 'boolean',
			default: false,
			description:
				'Whether custom endpoints may use plain http:// to hosts other than this machine. Signed requests, temporary credentials and patient data then travel unencrypted: only for a trusted private network. Loopback (localhost, 127.0.0.1) is always allowed.',
			displayOptions: { show: { customEndpoints: [true] } },
		},
	];
}
