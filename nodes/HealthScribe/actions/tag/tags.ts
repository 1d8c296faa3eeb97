import type { Tag } from '@aws-sdk/client-transcribe';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { TAG_KEY_MAX, TAG_VALUE_MAX, TAGS_MAX } from '../../model';

/** A Tags fixedCollection (Key / Value rows). */
export function tagsProperty(
	name: string,
	description: string,
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Tags',
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description,
		options: [
			{
				displayName: 'Tag',
				name: 'tags',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		...extra,
	};
}

const text = (value: unknown): string | undefined =>
	typeof value === 'string'
		? value
		: typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: value === undefined
				? ''
				: undefined;

/** Tags from a fixedCollection value, checked: 1–128 character keys, values up to 256, unique keys, at most 200. */
export function readTags(
	context: IExecuteFunctions,
	i: number,
	collection: unknown,
	field = 'Tags',
): Tag[] {
	const v = new ItemValidator(context.getNode(), i);
	const rows = (collection as IDataObject | undefined)?.tags ?? [];
	if (!Array.isArray(rows))
		return v.fail(field, 'it is not a list of tags', 'Add tags as Key / Value rows.');
	if (rows.length > TAGS_MAX)
		v.fail(field, `it has ${rows.length} tags`, `Use at most ${TAGS_MAX} tags.`);
	const seen = new Set<string>();
	return rows.map((row: IDataObject, index) => {
		const label = `${field} #${index + 1}`;
		const key = text(row?.key);
		const value = text(row?.value);
		if (key === undefined)
			return v.fail(`${label} Key`, 'it is not text', 'Enter the key as text.');
		if (value === undefined)
			return v.fail(
				`${label} Value`,
				'it is not text',
				'Enter the value as text (it may be empty).',
			);
		v.required(`${label} Key`, key);
		v.length(`${label} Key`, key, 1, TAG_KEY_MAX);
		v.length(`${label} Value`, value, 0, TAG_VALUE_MAX);
		if (seen.has(key))
			v.fail(`${label} Key`, 'the key is used twice', 'Give every tag a different key.');
		seen.add(key);
		return { Key: key, Value: value };
	});
}
