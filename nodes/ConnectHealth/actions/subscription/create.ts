import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { createSubscription } from '../../transport/subscriptions';
import { domainIdFrom, domainLocator, optionsCollection, showFor } from '../fields';

const show = showFor('subscription', ['create']);

export const option: INodePropertyOptions = { name: 'Create', value: 'create', action: 'Create a subscription', description: 'Create a subscription in a domain' };

export const description: INodeProperties[] = [domainLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return (await createSubscription(client, { domainId }, { itemIndex: i })) as unknown as IDataObject;
}
