import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { contentProperties } from './content';
import { show, vocabularyLocator } from './fields';
import { putVocabularyItem } from './put';
import { vocabularyWaitProperties } from './wait';

export const description: INodeProperties[] = [
	vocabularyLocator(['update']),
	...contentProperties(['update']),
	...vocabularyWaitProperties(['update']),
	{
		displayName: 'Options',
		name: 'vocabularyOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['update']),
		options: [
			{
				displayName: 'Data Access Role ARN',
				name: 'dataAccessRoleArn',
				type: 'string',
				default: '',
				description: 'Custom vocabularies only: a role Transcribe assumes to read the vocabulary file (otherwise your own access is used)',
			},
		],
	},
];

/** Replaces all entries; the vocabulary is PENDING again until Transcribe has processed them. */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	return await putVocabularyItem(this, i, 'Update');
}
