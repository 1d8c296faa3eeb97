import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { listTagsForResource } from '../../transport/tags';
import { checkResourceArn } from '../validation';
import { resourceArnProperty } from './arn';

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many tags of a resource',
	description: 'List the tags of a domain, subscription or job',
};

export const description: INodeProperties[] = [resourceArnProperty()];

/** One item per tag ({ resourceArn, key, value }), like every n8n Get Many. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const resourceArn = p.string('resourceArn', 'Resource ARN');
	checkResourceArn(p, 'Resource ARN', resourceArn);
	const client = await connectHealthClient(this);
	const tags = await listTagsForResource(client, { resourceArn }, { itemIndex: i });
	return jsonItems(
		Object.entries(tags).map(([key, value]) => ({ resourceArn, key, value })),
		i,
	);
}
