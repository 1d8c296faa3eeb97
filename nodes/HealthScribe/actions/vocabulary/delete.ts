import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { deleteVocabulary } from '../../transport/vocabularies';
import { readKind, readVocabularyName, vocabularyLocator } from './locator';

export const option: OperationOption<'delete'> = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a vocabulary',
	action: 'Delete a vocabulary',
};

export const description: INodeProperties[] = [vocabularyLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const kind = readKind(this, i);
	const name = readVocabularyName(this, i, true);
	await deleteVocabulary(this, kind, name, i);
	return jsonItems({ deleted: true, VocabularyName: name }, i);
}
