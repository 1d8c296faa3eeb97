import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { deactivateSubscription } from '../../transport/subscriptions';
import { domainLocator, optionsCollection, showFor, subscriptionKeyFrom, subscriptionLocator } from '../fields';

const show = showFor('subscription', ['deactivate']);

export const option: INodePropertyOptions = { name: 'Deactivate', value: 'deactivate', action: 'Deactivate a subscription', description: 'Deactivate a subscription' };

export const description: INodeProperties[] = [domainLocator(show), subscriptionLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const key = subscriptionKeyFrom((name) => p.raw(name), p);
	const client = await connectHealthClient(this);
	return (await deactivateSubscription(client, key, { itemIndex: i })) as unknown as IDataObject;
}
