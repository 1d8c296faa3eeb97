import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { untagResource } from '../../transport/tags';
import { checkResourceArn, checkTagKeys } from '../validation';
import { resourceArnProperty } from './arn';

export const option: OperationOption<'remove'> = {
	name: 'Remove',
	value: 'remove',
	action: 'Remove tags from a resource',
	description: 'Remove tags from a domain, subscription or job',
};

export const description: INodeProperties[] = [
	resourceArnProperty(),
	{
		displayName: 'Tag Keys',
		name: 'tagKeys',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Tag Key' },
		required: true,
		default: [],
		description: 'Keys of the tags to remove (1–50)',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const tagKeys = p.stringList('tagKeys', 'Tag Keys');
	checkTagKeys(p, 'Tag Keys', tagKeys);
	const client = await connectHealthClient(this);
	await untagResource(client, { resourceArn, tagKeys }, { itemIndex: i });
	return jsonItems({ resourceArn, removedTagKeys: tagKeys }, i);
}
