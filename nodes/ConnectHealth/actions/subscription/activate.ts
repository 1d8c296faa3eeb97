import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { activateSubscription } from '../../transport/subscriptions';
import { domainLocator, subscriptionKeyFrom, subscriptionLocator } from '../locators';

export const option: OperationOption<'activate'> = {
	name: 'Activate',
	value: 'activate',
	action: 'Activate a subscription',
	description: 'Activate a subscription',
};

export const description: INodeProperties[] = [domainLocator(), subscriptionLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const key = subscriptionKeyFrom((name) => p.raw(name), p);
	const client = await connectHealthClient(this);
	return jsonItems(await activateSubscription(client, key, { itemIndex: i }), i);
}
