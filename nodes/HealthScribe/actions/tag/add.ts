import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { tagResource } from '../../transport/vocabularies';
import { readCollection } from '../vocabulary/params';
import { readResourceArn, resourceArnProperty } from './arn';
import { readTags, tagsProperty } from './fields';

export const description: INodeProperties[] = [
	resourceArnProperty(['add']),
	tagsProperty('tagsToAdd', 'Tags to add; a tag whose key is already there gets the new value', {
		required: true,
		displayOptions: { show: { resource: ['tag'], operation: ['add'] } },
	}),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const arn = readResourceArn(this, i);
	const tags = readTags(this, i, readCollection(this, i, 'tagsToAdd', 'Tags'));
	if (tags.length === 0) new ItemValidator(this.getNode(), i).fail('Tags', 'no tag is given', 'Add at least one tag.');
	await tagResource(this, arn, tags, i);
	return { ResourceArn: arn, added: tags.map((tag) => tag.Key) };
}
