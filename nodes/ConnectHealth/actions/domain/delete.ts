import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { deleteDomain } from '../../transport/domains';
import { domainIdFrom, domainLocator, optionsCollection, showFor } from '../fields';

const show = showFor('domain', ['delete']);

export const option: INodePropertyOptions = { name: 'Delete', value: 'delete', action: 'Delete a domain', description: 'Delete a domain (it moves to DELETING, then DELETED)' };

export const description: INodeProperties[] = [domainLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return (await deleteDomain(client, { domainId }, { itemIndex: i })) as unknown as IDataObject;
}
