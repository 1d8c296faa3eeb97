import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { collectPages, paginationProperties, readLimit } from '../../../common/pagination';
import { connectHealthClient } from '../../transport/client';
import { listSubscriptions } from '../../transport/subscriptions';
import { domainIdFrom, domainLocator } from '../locators';
import { RULES } from '../validation';

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many subscriptions',
	description: 'List the subscriptions of a domain',
};

export const description: INodeProperties[] = [domainLocator(), ...paginationProperties()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const limit = readLimit(this, i);
	const client = await connectHealthClient(this);
	const subscriptions = await collectPages(
		limit,
		async (nextToken, remaining) =>
			await listSubscriptions(
				client,
				{ domainId, maxResults: Math.min(RULES.maxResults.max, remaining), nextToken },
				{ itemIndex: i },
			),
	);
	return jsonItems(subscriptions, i);
}
