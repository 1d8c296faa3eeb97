import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { deleteVocabulary } from '../../transport/vocabularies';
import { readKind, readVocabularyName, vocabularyLocator } from './fields';

export const description: INodeProperties[] = [vocabularyLocator(['delete'])];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const kind = readKind(this, i);
	const name = readVocabularyName(this, i, true);
	await deleteVocabulary(this, kind, name, i);
	return { deleted: true, VocabularyName: name };
}
