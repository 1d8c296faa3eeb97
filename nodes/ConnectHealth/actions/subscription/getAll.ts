import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { readLimit } from '../../../common/pagination';
import { connectHealthClient } from '../../transport/client';
import { listSubscriptions } from '../../transport/subscriptions';
import { collectPages, domainIdFrom, domainLocator, optionsCollection, paginationProperties, showFor } from '../fields';

const show = showFor('subscription', ['getAll']);

export const option: INodePropertyOptions = { name: 'Get Many', value: 'getAll', action: 'Get many subscriptions', description: 'List the subscriptions of a domain' };

export const description: INodeProperties[] = [domainLocator(show), ...paginationProperties(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const limit = readLimit(this, i);
	const client = await connectHealthClient(this);
	const subscriptions = await collectPages(
		async (nextToken, maxResults) => await listSubscriptions(client, { domainId, maxResults, nextToken }, { itemIndex: i }),
		limit === Number.POSITIVE_INFINITY,
		limit,
	);
	return subscriptions as unknown as IDataObject[];
}
