import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { untagResource } from '../../transport/tags';
import { optionsCollection, showFor } from '../fields';
import { checkResourceArn, checkTagKeys } from '../validation';
import { resourceArnProperty } from './arn';

const show = showFor('tag', ['remove']);

export const option: INodePropertyOptions = { name: 'Remove', value: 'remove', action: 'Remove tags from a resource', description: 'Remove tags from a domain, subscription or job' };

export const description: INodeProperties[] = [
	resourceArnProperty(show),
	{
		displayName: 'Tag Keys',
		name: 'tagKeys',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag Key' },
		required: true,
		default: [],
		description: 'Keys of the tags to remove (1–50)',
		displayOptions: show,
	},
	optionsCollection(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const tagKeys = p.stringList('tagKeys', 'Tag Keys');
	checkTagKeys(p, 'Tag Keys', tagKeys);
	const client = await connectHealthClient(this);
	await untagResource(client, { resourceArn, tagKeys }, { itemIndex: i });
	return { resourceArn, removedTagKeys: tagKeys };
}
