import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { AWS_CREDENTIAL } from '../common/aws/clients';
import { testAwsCredential } from '../common/aws/credentialTest';
import { concurrencyOption } from '../common/items';
import * as medicalScribeJob from './actions/medicalScribeJob';
import * as medicalScribeStream from './actions/medicalScribeStream';
import * as recording from './actions/recording';
import * as tag from './actions/tag';
import * as vocabulary from './actions/vocabulary';
import * as vocabularyFilter from './actions/vocabularyFilter';
import { getVocabularies, getVocabularyFilters, searchVocabularies, searchVocabularyFilters } from './methods/vocabularies';
import { router } from './actions/router';

export class AwsHealthScribe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AWS HealthScribe',
		name: 'awsHealthScribe',
		icon: { light: 'file:healthscribe.svg', dark: 'file:healthscribe.dark.svg' },
		group: ['transform'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Turn consultation recordings into transcripts and clinical notes with AWS HealthScribe',
		defaults: { name: 'AWS HealthScribe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: AWS_CREDENTIAL, required: true, testedBy: 'awsClinicalApiTest' }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Medical Scribe Job', value: 'medicalScribeJob' },
					{ name: 'Medical Scribe Stream', value: 'medicalScribeStream', description: 'Stream a recording to HealthScribe for a live transcript and a clinical note' },
					{ name: 'Recording', value: 'recording', description: 'Audio files in S3, to start jobs for' },
					{ name: 'Tag', value: 'tag', description: 'Tags of jobs, vocabularies and vocabulary filters' },
					{ name: 'Vocabulary', value: 'vocabulary', description: 'Custom vocabularies of drug, clinician and clinic names' },
					{ name: 'Vocabulary Filter', value: 'vocabularyFilter', description: 'Words to mask, remove or tag in transcripts' },
				],
				default: 'medicalScribeJob',
				description: 'What to work with: a medical scribe job turns one consultation recording into a transcript and a clinical note',
			},
			...medicalScribeJob.description,
			...medicalScribeStream.description,
			...recording.description,
			...vocabulary.description,
			...vocabularyFilter.description,
			...tag.description,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [concurrencyOption],
			},
		],
	};

	methods = {
		credentialTest: { awsClinicalApiTest: testAwsCredential },
		listSearch: { searchVocabularies, searchVocabularyFilters },
		loadOptions: { getVocabularies, getVocabularyFilters },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
