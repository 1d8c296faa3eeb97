import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { ItemValidator } from '../../../common/validate';
import { TAG_KEY_MAX, TAGS_MAX } from '../../model';
import { untagResource } from '../../transport/vocabularies';
import { readResourceArn, resourceArnProperty } from './arn';
import { params } from '../../../common/params';

export const option: OperationOption<'remove'> = {
	name: 'Remove',
	value: 'remove',
	description: 'Remove tags by key',
	action: 'Remove tags',
};

export const description: INodeProperties[] = [
	resourceArnProperty(),
	{
		displayName: 'Tag Keys',
		name: 'tagKeys',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'appointment, reviewed',
		description: 'Keys of the tags to remove, comma-separated',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const arn = readResourceArn(this, i);
	const keys = params(this, i)
		.string('tagKeys', 'Tag Keys')
		.split(',')
		.map((key) => key.trim())
		.filter(Boolean);
	const v = new ItemValidator(this.getNode(), i);
	if (keys.length === 0)
		v.fail('Tag Keys', 'it is empty', 'Enter the keys of the tags to remove, comma-separated.');
	if (keys.length > TAGS_MAX)
		v.fail('Tag Keys', `it has ${keys.length} keys`, `Remove at most ${TAGS_MAX} tags at once.`);
	keys.forEach((key, index) => v.length(`Tag Keys #${index + 1}`, key, 1, TAG_KEY_MAX));
	await untagResource(this, arn, keys, i);
	return jsonItems({ ResourceArn: arn, removed: keys }, i);
}
