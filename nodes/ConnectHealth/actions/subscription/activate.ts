import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { activateSubscription } from '../../transport/subscriptions';
import { domainLocator, optionsCollection, showFor, subscriptionKeyFrom, subscriptionLocator } from '../fields';

const show = showFor('subscription', ['activate']);

export const option: INodePropertyOptions = { name: 'Activate', value: 'activate', action: 'Activate a subscription', description: 'Activate a subscription' };

export const description: INodeProperties[] = [domainLocator(show), subscriptionLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const key = subscriptionKeyFrom((name) => this.getNodeParameter(name, i), new ItemValidator(this.getNode(), i));
	const client = await connectHealthClient(this);
	return (await activateSubscription(client, key, { itemIndex: i })) as unknown as IDataObject;
}
