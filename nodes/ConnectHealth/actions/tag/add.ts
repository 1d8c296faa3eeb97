import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { tagResource } from '../../transport/tags';
import { tagsFrom, tagsProperty } from '../tags';
import { checkResourceArn, checkTags } from '../validation';
import { resourceArnProperty } from './arn';

export const option: OperationOption<'add'> = {
	name: 'Add',
	value: 'add',
	action: 'Add tags to a resource',
	description: 'Add or overwrite tags on a domain, subscription or job',
};

export const description: INodeProperties[] = [
	resourceArnProperty(),
	{ ...tagsProperty(undefined, 'Tags to add or overwrite'), required: true },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const tags = tagsFrom(p, p.raw('tags', {}));
	checkTags(p, 'Tags', tags, true);
	const client = await connectHealthClient(this);
	await tagResource(client, { resourceArn, tags }, { itemIndex: i });
	return jsonItems({ resourceArn, tags }, i);
}
