import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { tagsProperty } from '../tag/fields';
import { contentProperties } from './content';
import { show, vocabularyNameProperty } from './fields';
import { putVocabularyItem } from './put';
import { vocabularyWaitProperties } from './wait';

export const description: INodeProperties[] = [
	vocabularyNameProperty,
	...contentProperties(['create']),
	...vocabularyWaitProperties(['create']),
	{
		displayName: 'Options',
		name: 'vocabularyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['create']),
		options: [
			{
				displayName: 'Data Access Role ARN',
				name: 'dataAccessRoleArn',
				type: 'string',
				default: '',
				description: 'Custom vocabularies only: a role Transcribe assumes to read the vocabulary file (otherwise your own access is used)',
			},
			{
				displayName: 'If the Name Is Taken',
				name: 'ifNameTaken',
				type: 'options',
				options: [
					{ name: 'Raise an Error', value: 'error' },
					{ name: 'Update That Vocabulary', value: 'update', description: 'Replace its entries (UpdateVocabulary), e.g. to rebuild it from a sheet every night' },
				],
				default: 'error',
			},
			tagsProperty('tags', 'Up to 200 tags on the vocabulary'),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	return await putVocabularyItem(this, i, 'Create');
}
