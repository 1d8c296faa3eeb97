import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { contentProperties } from './content';
import { vocabularyLocator } from './locator';
import { putVocabularyItem } from './put';
import { vocabularyWaitProperties } from './wait';

export const option: OperationOption<'update'> = {
	name: 'Update',
	value: 'update',
	description: 'Replace the entries of a vocabulary',
	action: 'Update a vocabulary',
};

export const description: INodeProperties[] = [
	vocabularyLocator(),
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
		],
	},
];

/** Replaces all entries; the vocabulary is PENDING again until Transcribe has processed them. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	return jsonItems(await putVocabularyItem(this, i, 'Update'), i);
}
