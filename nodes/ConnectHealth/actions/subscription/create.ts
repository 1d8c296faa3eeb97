import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { createSubscription } from '../../transport/subscriptions';
import { domainIdFrom, domainLocator } from '../locators';

export const option: OperationOption<'create'> = {
	name: 'Create',
	value: 'create',
	action: 'Create a subscription',
	description: 'Create a subscription in a domain',
};

export const description: INodeProperties[] = [domainLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return jsonItems(await createSubscription(client, { domainId }, { itemIndex: i }), i);
}
