import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { deleteVocabularyFilter } from '../../transport/vocabularies';
import { filterLocator, readFilterName } from './fields';

export const description: INodeProperties[] = [filterLocator(['delete'])];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readFilterName(this, i, true);
	await deleteVocabularyFilter(this, name, i);
	return { deleted: true, VocabularyFilterName: name };
}
