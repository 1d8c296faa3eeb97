import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { listSubscriptions } from '../../transport/subscriptions';
import { collectPages, domainIdFrom, domainLocator, optionsCollection, paginationProperties, showFor } from '../fields';

const show = showFor('subscription', ['getAll']);

export const option: INodePropertyOptions = { name: 'Get Many', value: 'getAll', action: 'Get many subscriptions', description: 'List the subscriptions of a domain' };

export const description: INodeProperties[] = [domainLocator(show), ...paginationProperties(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const v = new ItemValidator(this.getNode(), i);
	const domainId = domainIdFrom(this.getNodeParameter('domain', i), v);
	const returnAll = this.getNodeParameter('returnAll', i, false) as boolean;
	const limit = returnAll ? 0 : (this.getNodeParameter('limit', i, 50) as number);
	if (!returnAll) v.range('Limit', limit, 1, Number.MAX_SAFE_INTEGER);
	const client = await connectHealthClient(this);
	const subscriptions = await collectPages(
		async (nextToken, maxResults) => await listSubscriptions(client, { domainId, maxResults, nextToken }, { itemIndex: i }),
		returnAll,
		limit,
	);
	return subscriptions as unknown as IDataObject[];
}
