import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { createVocabularyFilter } from '../../transport/vocabularies';
import { readTags, tagsProperty } from '../tag/tags';
import { plainJson } from '../vocabulary/output';
import { filterNameProperty, readFilterName } from './locator';
import { readFilterRole, readWords, roleOption, wordsProperties } from './words';
import { params } from '../../../common/params';

export const option: OperationOption<'create'> = {
	name: 'Create',
	value: 'create',
	description: 'Create a list of words to mask, remove or tag in transcripts',
	action: 'Create a vocabulary filter',
};

export const description: INodeProperties[] = [
	filterNameProperty,
	...wordsProperties(),
	{
		displayName: 'Options',
		name: 'filterOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [roleOption, tagsProperty('tags', 'Up to 200 tags on the vocabulary filter')],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readFilterName(this, i, false);
	const words = await readWords(this, i);
	const options = params(this, i).collection('filterOptions', 'Options');
	const role = readFilterRole(this, i, options);
	const tags = readTags(this, i, options.tags);
	const created = await createVocabularyFilter(
		this,
		{
			VocabularyFilterName: name,
			LanguageCode: 'en-US',
			...words,
			...(role ? { DataAccessRoleArn: role } : {}),
			...(tags.length ? { Tags: tags } : {}),
		},
		i,
	);
	return jsonItems(plainJson(created), i);
}
