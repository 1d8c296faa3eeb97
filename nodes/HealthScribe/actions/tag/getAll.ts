import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { listTagsForResource } from '../../transport/vocabularies';
import { readResourceArn, resourceArnProperty } from './arn';

export const description: INodeProperties[] = [resourceArnProperty(['getAll'])];

/** One item per tag of the resource (none when it has no tags). */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const arn = readResourceArn(this, i);
	const { Tags: tags } = await listTagsForResource(this, arn, i);
	return (tags ?? []).map((tag) => ({ ResourceArn: arn, Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}
