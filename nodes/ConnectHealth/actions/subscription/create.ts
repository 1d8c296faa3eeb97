import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { createSubscription } from '../../transport/subscriptions';
import { domainIdFrom, domainLocator, optionsCollection, showFor } from '../fields';

const show = showFor('subscription', ['create']);

export const option: INodePropertyOptions = { name: 'Create', value: 'create', action: 'Create a subscription', description: 'Create a subscription in a domain' };

export const description: INodeProperties[] = [domainLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const domainId = domainIdFrom(this.getNodeParameter('domain', i), new ItemValidator(this.getNode(), i));
	const client = await connectHealthClient(this);
	return (await createSubscription(client, { domainId }, { itemIndex: i })) as unknown as IDataObject;
}
