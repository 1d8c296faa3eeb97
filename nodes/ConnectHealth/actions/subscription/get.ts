import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { getSubscription } from '../../transport/subscriptions';
import { domainLocator, optionsCollection, showFor, subscriptionKeyFrom, subscriptionLocator } from '../fields';

const show = showFor('subscription', ['get']);

export const option: INodePropertyOptions = { name: 'Get', value: 'get', action: 'Get a subscription', description: 'Get a subscription' };

export const description: INodeProperties[] = [domainLocator(show), subscriptionLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const key = subscriptionKeyFrom((name) => this.getNodeParameter(name, i), new ItemValidator(this.getNode(), i));
	const client = await connectHealthClient(this);
	return (await getSubscription(client, key, { itemIndex: i })) as unknown as IDataObject;
}
