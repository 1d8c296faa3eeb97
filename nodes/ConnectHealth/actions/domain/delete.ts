import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { deleteDomain } from '../../transport/domains';
import { domainIdFrom, domainLocator } from '../locators';

export const option: OperationOption<'delete'> = {
	name: 'Delete',
	value: 'delete',
	action: 'Delete a domain',
	description: 'Delete a domain (it moves to DELETING, then DELETED)',
};

export const description: INodeProperties[] = [domainLocator()];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return jsonItems(await deleteDomain(client, { domainId }, { itemIndex: i }), i);
}
