import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { updateVocabularyFilter } from '../../transport/vocabularies';
import { plainJson } from '../vocabulary/output';
import { filterLocator, readFilterName } from './locator';
import { readFilterRole, readWords, roleOption, wordsProperties } from './words';
import { params } from '../../../common/params';

export const option: OperationOption<'update'> = {
	name: 'Update',
	value: 'update',
	description: 'Replace the words of a vocabulary filter',
	action: 'Update a vocabulary filter',
};

export const description: INodeProperties[] = [
	filterLocator(),
	...wordsProperties(),
	{
		displayName: 'Options',
		name: 'filterOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [roleOption],
	},
];

/** Replaces all words of the filter. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readFilterName(this, i, true);
	const words = await readWords(this, i);
	const role = readFilterRole(this, i, params(this, i).collection('filterOptions', 'Options'));
	return jsonItems(
		plainJson(
			await updateVocabularyFilter(
				this,
				{ VocabularyFilterName: name, ...words, ...(role ? { DataAccessRoleArn: role } : {}) },
				i,
			),
		),
		i,
	);
}
