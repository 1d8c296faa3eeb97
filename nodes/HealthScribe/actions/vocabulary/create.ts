import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { tagsProperty } from '../tag/tags';
import { contentProperties } from './content';
import { vocabularyNameProperty } from './locator';
import { putVocabularyItem } from './put';
import { vocabularyWaitProperties } from './wait';

export const option: OperationOption<'create'> = {
	name: 'Create',
	value: 'create',
	description: 'Create a custom vocabulary of drug, clinician or clinic names',
	action: 'Create a vocabulary',
};

export const description: INodeProperties[] = [
	vocabularyNameProperty,
	...contentProperties(),
	...vocabularyWaitProperties(),
	{
		displayName: 'Options',
		name: 'vocabularyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Data Access Role ARN',
				name: 'dataAccessRoleArn',
				type: 'string',
				default: '',
				description:
					'Custom vocabularies only: a role Transcribe assumes to read the vocabulary file (otherwise your own access is used)',
			},
			{
				displayName: 'If the Name Is Taken',
				name: 'ifNameTaken',
				type: 'options',
				options: [
					{ name: 'Raise an Error', value: 'error' },
					{
						name: 'Update That Vocabulary',
						value: 'update',
						description: 'Replace its entries, e.g. to rebuild it from a sheet every night',
					},
				],
				default: 'error',
				description: 'What to do when a vocabulary of this name already exists',
			},
			tagsProperty('tags', 'Up to 200 tags on the vocabulary'),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return jsonItems(await putVocabularyItem(this, i, 'Create'), i);
}
