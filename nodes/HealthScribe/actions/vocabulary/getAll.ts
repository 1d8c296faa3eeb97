import type { VocabularyState } from '@aws-sdk/client-transcribe';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { collectPages, paginationProperties, readLimit } from '../../../common/pagination';
import { ItemValidator } from '../../../common/validate';
import { LIST_PAGE_MAX } from '../../model';
import { listVocabulariesPage } from '../../transport/vocabularies';
import { checkName } from '../../transport/names';
import { readKind } from './locator';
import { plainJson } from './output';
import { params } from '../../../common/params';

const STATES: readonly VocabularyState[] = ['PENDING', 'READY', 'FAILED'];

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List vocabularies, newest first',
	action: 'Get many vocabularies',
};

export const description: INodeProperties[] = [
	...paginationProperties(),
	{
		displayName: 'Filters',
		name: 'vocabularyFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Name Contains',
				name: 'nameContains',
				type: 'string',
				default: '',
				description: 'Only vocabularies whose name contains this text (not case-sensitive)',
			},
			{
				displayName: 'State',
				name: 'state',
				type: 'options',
				options: [
					{ name: 'Pending', value: 'PENDING' },
					{ name: 'Ready', value: 'READY' },
					{ name: 'Failed', value: 'FAILED' },
				],
				default: 'READY',
			},
		],
	},
];

/** One item per vocabulary, newest first, following NextToken until the limit. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const kind = readKind(this, i);
	const limit = readLimit(this, i);
	const filters = params(this, i).collection('vocabularyFilters', 'Filters');
	const nameContains = params(this, i).text('Name Contains', filters.nameContains);
	const state = params(this, i).text('State', filters.state);
	const v = new ItemValidator(this.getNode(), i);
	checkName(v, 'Name Contains', nameContains);
	v.oneOf('State', state, STATES);
	const vocabularies = await collectPages(limit, async (nextToken) => {
		const page = await listVocabulariesPage(
			this,
			kind,
			{
				...(nameContains ? { NameContains: nameContains } : {}),
				...(state ? { StateEquals: state as VocabularyState } : {}),
				...(nextToken ? { NextToken: nextToken } : {}),
				MaxResults: Math.min(LIST_PAGE_MAX, limit),
			},
			i,
		);
		return { items: page.Vocabularies ?? [], nextToken: page.NextToken };
	});
	return jsonItems(vocabularies.map(plainJson), i);
}
