import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { AWS_CREDENTIAL } from '../common/aws/clients';
import { testAwsCredential } from '../common/aws/credentialTest';
import { properties } from './trigger/config';
import { pollJobs } from './trigger/poll';

export class AwsHealthScribeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS HealthScribe Trigger',
		name: 'awsHealthScribeTrigger',
		icon: { light: 'file:healthscribe.svg', dark: 'file:healthscribe.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node creator shows this for the merged "AWS HealthScribe" entry (actions and trigger).
		description:
			'Turn consultation recordings into transcripts and clinical notes with AWS HealthScribe, and start workflows when a note is ready',
		defaults: { name: 'AWS HealthScribe Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: AWS_CREDENTIAL, required: true, testedBy: 'awsClinicalApiTest' }],
		properties,
	};

	methods = { credentialTest: { awsClinicalApiTest: testAwsCredential } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollJobs.call(this);
	}
}
