import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { ItemValidator } from '../../../common/validate';
import { tagResource } from '../../transport/vocabularies';
import { readResourceArn, resourceArnProperty } from './arn';
import { readTags, tagsProperty } from './tags';
import { params } from '../../../common/params';

export const option: OperationOption<'add'> = {
	name: 'Add',
	value: 'add',
	description: 'Add tags to a medical scribe job, vocabulary or vocabulary filter',
	action: 'Add tags',
};

export const description: INodeProperties[] = [
	resourceArnProperty(),
	tagsProperty('tagsToAdd', 'Tags to add; a tag whose key is already there gets the new value', {
		required: true,
	}),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const arn = readResourceArn(this, i);
	const tags = readTags(this, i, params(this, i).collection('tagsToAdd', 'Tags'));
	if (tags.length === 0)
		new ItemValidator(this.getNode(), i).fail('Tags', 'no tag is given', 'Add at least one tag.');
	await tagResource(this, arn, tags, i);
	return jsonItems({ ResourceArn: arn, added: tags.map((tag) => tag.Key) }, i);
}
