import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { getDomain } from '../../transport/domains';
import { domainIdFrom, domainLocator, optionsCollection, showFor } from '../fields';

const show = showFor('domain', ['get']);

export const option: INodePropertyOptions = { name: 'Get', value: 'get', action: 'Get a domain', description: 'Get a domain with its encryption, web app and tags' };

export const description: INodeProperties[] = [domainLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const client = await connectHealthClient(this);
	return (await getDomain(client, { domainId }, { itemIndex: i })) as unknown as IDataObject;
}
