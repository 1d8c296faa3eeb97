import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { AWS_CREDENTIAL } from '../common/aws/clients';
import { testAwsCredential } from '../common/aws/credentialTest';
import {
	getVocabularies,
	getVocabularyFilters,
	searchVocabularies,
	searchVocabularyFilters,
} from './methods/vocabularies';
import { healthScribe } from './actions';

export class AwsHealthScribe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS HealthScribe',
		name: 'awsHealthScribe',
		icon: { light: 'file:healthscribe.svg', dark: 'file:healthscribe.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Turn consultation recordings into transcripts and clinical notes with AWS HealthScribe',
		defaults: { name: 'AWS HealthScribe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: AWS_CREDENTIAL, required: true, testedBy: 'awsClinicalApiTest' }],
		properties: healthScribe.properties,
	};

	methods = {
		credentialTest: { awsClinicalApiTest: testAwsCredential },
		listSearch: { searchVocabularies, searchVocabularyFilters },
		loadOptions: { getVocabularies, getVocabularyFilters },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await healthScribe.execute.call(this);
	}
}
