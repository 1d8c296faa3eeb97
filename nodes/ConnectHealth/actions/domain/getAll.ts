import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
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
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const v = new ItemValidator(this.getNode(), i);
	if (!returnAll) v.range('Limit', limit, 1, Number.MAX_SAFE_INTEGER);
	const status = filters.status ? String(filters.status) : undefined;
	v.oneOf('Status', status, DOMAIN_STATUSES);
	const client = await connectHealthClient(this);
	const domains = await collectPages(
		async (nextToken, maxResults) => await listDomains(client, { status, maxResults, nextToken }, { itemIndex: i }),
		returnAll,
		limit,
	);
	return domains as unknown as IDataObject[];
}
