import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { deleteVocabularyFilter } from '../../transport/vocabularies';
import { filterLocator, readFilterName } from './locator';

export const option: OperationOption<'delete'> = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a vocabulary filter',
	action: 'Delete a vocabulary filter',
};

export const description: INodeProperties[] = [filterLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readFilterName(this, i, true);
	await deleteVocabularyFilter(this, name, i);
	return jsonItems({ deleted: true, VocabularyFilterName: name }, i);
}
