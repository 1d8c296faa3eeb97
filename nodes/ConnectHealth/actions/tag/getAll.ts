import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { listTagsForResource } from '../../transport/tags';
import { optionsCollection, showFor } from '../fields';
import { checkResourceArn } from '../validation';
import { resourceArnProperty } from './arn';

const show = showFor('tag', ['getAll']);

export const option: INodePropertyOptions = { name: 'Get Many', value: 'getAll', action: 'Get many tags of a resource', description: 'List the tags of a domain, subscription or job' };

export const description: INodeProperties[] = [resourceArnProperty(show), optionsCollection(show)];

/** One item per tag ({ resourceArn, key, value }), like every n8n Get Many. */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const client = await connectHealthClient(this);
	const tags = await listTagsForResource(client, { resourceArn }, { itemIndex: i });
	return Object.entries(tags).map(([key, value]) => ({ resourceArn, key, value }));
}
