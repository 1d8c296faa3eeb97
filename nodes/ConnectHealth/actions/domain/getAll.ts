import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { collectPages, paginationProperties, readLimit } from '../../../common/pagination';
import { connectHealthClient } from '../../transport/client';
import { listDomains } from '../../transport/domains';
import { DOMAIN_STATUSES } from '../../transport/model';
import { RULES } from '../validation';

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many domains',
	description: 'List domains, optionally by status',
};

export const description: INodeProperties[] = [
	...paginationProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: DOMAIN_STATUSES.map((status) => ({
					name: status.charAt(0) + status.slice(1).toLowerCase(),
					value: status,
				})),
				default: 'ACTIVE',
				description: 'Only domains in this status',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const limit = readLimit(this, i);
	const status = p.choice('Status', p.collection('filters', 'Filters').status, DOMAIN_STATUSES);
	const client = await connectHealthClient(this);
	const domains = await collectPages(
		limit,
		async (nextToken, remaining) =>
			await listDomains(
				client,
				{ status, maxResults: Math.min(RULES.maxResults.max, remaining), nextToken },
				{ itemIndex: i },
			),
	);
	return jsonItems(domains, i);
}
