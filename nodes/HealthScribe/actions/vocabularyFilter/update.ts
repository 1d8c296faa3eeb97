import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { updateVocabularyFilter } from '../../transport/vocabularies';
import { plainJson } from '../vocabulary/output';
import { readCollection } from '../vocabulary/params';
import { filterLocator, readFilterName, show } from './fields';
import { readFilterRole, readWords, roleOption, wordsProperties } from './words';

export const description: INodeProperties[] = [
	filterLocator(['update']),
	...wordsProperties(['update']),
	{
		displayName: 'Options',
		name: 'filterOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['update']),
		options: [roleOption],
	},
];

/** Replaces all words of the filter. */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readFilterName(this, i, true);
	const words = await readWords(this, i);
	const role = readFilterRole(this, i, readCollection(this, i, 'filterOptions', 'Options'));
	return plainJson(await updateVocabularyFilter(this, { VocabularyFilterName: name, ...words, ...(role ? { DataAccessRoleArn: role } : {}) }, i));
}
