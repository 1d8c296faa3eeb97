import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import type { ParamReader } from '../../common/params';
import type { Tags } from '../transport/model';

/** A key/value list (fixedCollection) for tags. */
export function tagsProperty(
	displayOptions: IDisplayOptions | undefined,
	description: string,
): INodeProperties {
	return {
		displayName: 'Tags',
		name: 'tags',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Tag',
		default: {},
		description,
		options: [
			{
				name: 'tag',
				displayName: 'Tag',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
		...(displayOptions ? { displayOptions } : {}),
	};
}

/** The fixedCollection value of `tagsProperty` as a tag map. */
export function tagsFrom(p: ParamReader, value: unknown, field = 'Tags'): Tags {
	const tags: Tags = {};
	for (const entry of p.entries(field, value, 'tag')) {
		const key = p.text(`${field} key`, entry.key);
		if (key) tags[key] = p.text(`${field} value`, entry.value, { trim: false });
	}
	return tags;
}
