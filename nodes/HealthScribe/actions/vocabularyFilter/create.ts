import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { createVocabularyFilter } from '../../transport/vocabularies';
import { readTags, tagsProperty } from '../tag/fields';
import { plainJson } from '../vocabulary/output';
import { readCollection } from '../vocabulary/params';
import { filterNameProperty, readFilterName, show } from './fields';
import { readFilterRole, readWords, roleOption, wordsProperties } from './words';

export const description: INodeProperties[] = [
	filterNameProperty,
	...wordsProperties(['create']),
	{
		displayName: 'Options',
		name: 'filterOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['create']),
		options: [roleOption, tagsProperty('tags', 'Up to 200 tags on the vocabulary filter')],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readFilterName(this, i, false);
	const words = await readWords(this, i);
	const options = readCollection(this, i, 'filterOptions', 'Options');
	const role = readFilterRole(this, i, options);
	const tags = readTags(this, i, options.tags);
	const created = await createVocabularyFilter(
		this,
		{ VocabularyFilterName: name, LanguageCode: 'en-US', ...words, ...(role ? { DataAccessRoleArn: role } : {}), ...(tags.length ? { Tags: tags } : {}) },
		i,
	);
	return plainJson(created);
}
