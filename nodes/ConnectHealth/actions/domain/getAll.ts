import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { readLimit } from '../../../common/pagination';
import { connectHealthClient } from '../../transport/client';
import { listDomains } from '../../transport/domains';
import { DOMAIN_STATUSES } from '../../transport/model';
import { collectPages, optionsCollection, paginationProperties, showFor } from '../fields';

const show = showFor('domain', ['getAll']);

export const option: INodePropertyOptions = { name: 'Get Many', value: 'getAll', action: 'Get many domains', description: 'List domains, optionally by status' };

export const description: INodeProperties[] = [
	...paginationProperties(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: DOMAIN_STATUSES.map((status) => ({ name: status.charAt(0) + status.slice(1).toLowerCase(), value: status })),
				default: 'ACTIVE',
				description: 'Only domains in this status',
			},
		],
	},
	optionsCollection(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const limit = readLimit(this, i);
	const status = p.choice('Status', p.collection('filters', 'Filters').status, DOMAIN_STATUSES);
	const client = await connectHealthClient(this);
	const domains = await collectPages(
		async (nextToken, maxResults) => await listDomains(client, { status, maxResults, nextToken }, { itemIndex: i }),
		limit === Number.POSITIVE_INFINITY,
		limit,
	);
	return domains as unknown as IDataObject[];
}
