import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { connectHealthClient } from '../../transport/client';
import { tagResource } from '../../transport/tags';
import { optionsCollection, showFor, tagsFrom, tagsProperty } from '../fields';
import { checkResourceArn, checkTags } from '../validation';
import { resourceArnProperty } from './arn';

const show = showFor('tag', ['add']);

export const option: INodePropertyOptions = { name: 'Add', value: 'add', action: 'Add tags to a resource', description: 'Add or overwrite tags on a domain, subscription or job' };

export const description: INodeProperties[] = [resourceArnProperty(show), { ...tagsProperty(show, 'Tags to add or overwrite'), required: true }, optionsCollection(show)];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const v = new ItemValidator(this.getNode(), i);
	const resourceArn = String(this.getNodeParameter('resourceArn', i, '')).trim();
	checkResourceArn(v, 'Resource ARN', resourceArn);
	const tags = tagsFrom(this.getNodeParameter('tags', i, {}));
	checkTags(v, 'Tags', tags, true);
	const client = await connectHealthClient(this);
	await tagResource(client, { resourceArn, tags }, { itemIndex: i });
	return { resourceArn, tags };
}
