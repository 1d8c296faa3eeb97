import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { tagResource } from '../../transport/tags';
import { optionsCollection, showFor, tagsFrom, tagsProperty } from '../fields';
import { checkResourceArn, checkTags } from '../validation';
import { resourceArnProperty } from './arn';

const show = showFor('tag', ['add']);

export const option: INodePropertyOptions = { name: 'Add', value: 'add', action: 'Add tags to a resource', description: 'Add or overwrite tags on a domain, subscription or job' };

export const description: INodeProperties[] = [resourceArnProperty(show), { ...tagsProperty(show, 'Tags to add or overwrite'), required: true }, optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const tags = tagsFrom(p, p.raw('tags', {}));
	checkTags(p, 'Tags', tags, true);
	const client = await connectHealthClient(this);
	await tagResource(client, { resourceArn, tags }, { itemIndex: i });
	return { resourceArn, tags };
}
