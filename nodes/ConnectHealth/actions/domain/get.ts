import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { getDomain } from '../../transport/domains';
import { domainIdFrom, domainLocator } from '../locators';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	action: 'Get a domain',
	description: 'Get a domain with its encryption, web app and tags',
};

export const description: INodeProperties[] = [domainLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return jsonItems(await getDomain(client, { domainId }, { itemIndex: i }), i);
}
