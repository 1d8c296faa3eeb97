import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { collectPages, paginationProperties, readLimit } from '../../../common/pagination';
import { ItemValidator } from '../../../common/validate';
import { LIST_PAGE_MAX } from '../../model';
import { listVocabularyFiltersPage } from '../../transport/vocabularies';
import { checkName } from '../../transport/names';
import { plainJson } from '../vocabulary/output';
import { params } from '../../../common/params';

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List vocabulary filters',
	action: 'Get many vocabulary filters',
};

export const description: INodeProperties[] = [
	...paginationProperties(),
	{
		displayName: 'Filters',
		name: 'vocabularyFilterFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only filters whose name contains this text (not case-sensitive)',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, i);
	const nameContains = params(this, i).text(
		'Name Contains',
		params(this, i).collection('vocabularyFilterFilters', 'Filters').nameContains,
	);
	checkName(new ItemValidator(this.getNode(), i), 'Name Contains', nameContains);
	const filters = await collectPages(limit, async (nextToken) => {
		const page = await listVocabularyFiltersPage(
			this,
			{
				...(nameContains ? { NameContains: nameContains } : {}),
				...(nextToken ? { NextToken: nextToken } : {}),
				MaxResults: Math.min(LIST_PAGE_MAX, limit),
			},
			i,
		);
		return { items: page.VocabularyFilters ?? [], nextToken: page.NextToken };
	});
	return jsonItems(filters.map(plainJson), i);
}
