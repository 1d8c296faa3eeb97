import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { listTagsForResource } from '../../transport/vocabularies';
import { readResourceArn, resourceArnProperty } from './arn';

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the tags of a job, vocabulary or vocabulary filter',
	action: 'Get many tags',
};

export const description: INodeProperties[] = [resourceArnProperty()];

/** One item per tag of the resource (none when it has no tags). */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const arn = readResourceArn(this, i);
	const { Tags: tags } = await listTagsForResource(this, arn, i);
	return jsonItems(
		(tags ?? []).map((tag) => ({ ResourceArn: arn, Key: tag.Key ?? '', Value: tag.Value ?? '' })),
		i,
	);
}
