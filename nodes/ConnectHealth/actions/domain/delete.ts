import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { deleteDomain } from '../../transport/domains';
import { domainIdFrom, domainLocator, optionsCollection, showFor } from '../fields';

const show = showFor('domain', ['delete']);

export const option: INodePropertyOptions = { name: 'Delete', value: 'delete', action: 'Delete a domain', description: 'Delete a domain (it moves to DELETING, then DELETED)' };

export const description: INodeProperties[] = [domainLocator(show), optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const domainId = domainIdFrom(this.getNodeParameter('domain', i), new ItemValidator(this.getNode(), i));
	const client = await connectHealthClient(this);
	return (await deleteDomain(client, { domainId }, { itemIndex: i })) as unknown as IDataObject;
}
