import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { paginationProperties, readLimit } from '../../../common/pagination';
import { ItemValidator } from '../../../common/validate';
import { LIST_PAGE_MAX } from '../../model';
import { listVocabularyFiltersPage } from '../../transport/vocabularies';
import { checkName } from '../medicalScribeJob/startRequest';
import { plainJson } from '../vocabulary/output';
import { readCollection, textMember } from '../vocabulary/params';
import { show } from './fields';

export const description: INodeProperties[] = [
	...paginationProperties(show(['getAll'])),
	{
		displayName: 'Filters',
		name: 'vocabularyFilterFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show(['getAll']),
		options: [{ displayName: 'Name Contains', name: 'nameContains', type: 'string', default: '', description: 'Only filters whose name contains this text (not case-sensitive)' }],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const limit = readLimit(this, i);
	const nameContains = textMember(this, i, readCollection(this, i, 'vocabularyFilterFilters', 'Filters'), 'nameContains', 'Name Contains');
	checkName(new ItemValidator(this.getNode(), i), 'Name Contains', nameContains);
	const results: IDataObject[] = [];
	let nextToken: string | undefined;
	do {
		const page = await listVocabularyFiltersPage(
			this,
			{ ...(nameContains ? { NameContains: nameContains } : {}), ...(nextToken ? { NextToken: nextToken } : {}), MaxResults: Math.min(LIST_PAGE_MAX, limit) },
			i,
		);
		for (const filter of page.VocabularyFilters ?? []) {
			results.push(plainJson(filter));
			if (results.length >= limit) return results;
		}
		nextToken = page.NextToken;
	} while (nextToken);
	return results;
}
