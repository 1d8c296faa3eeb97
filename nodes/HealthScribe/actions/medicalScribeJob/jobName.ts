import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { ItemValidator } from '../../../common/validate';
import { NAME_MAX, NAME_PATTERN } from '../../model';

/** Hex characters of the hash in a derived name: 128 bits, no realistic collision within an account. */
const HASH_CHARS = 32;

/** Reads `a.b.c` from an item's JSON. */
export function readPath(json: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(value, key) =>
				value !== null && typeof value === 'object' ? (value as IDataObject)[key] : undefined,
			json,
		);
}

/** Field names from a comma-separated list, without blanks. */
export function parseFieldList(list: string): string[] {
	return list
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
}

/**
 * A job name that is the same whenever the same media and the same identifying item fields come in
 * again, so re-running a batch finds its jobs instead of starting duplicates. Only a hash of the values
 * goes into the name, never the values (they may identify a patient).
 */
export function deriveJobName(
	v: ItemValidator,
	prefix: string,
	mediaFileUri: string,
	json: IDataObject,
	fields: string[],
): string {
	v.required('Job Name Prefix', prefix, 'Enter a prefix such as clinic-visit.');
	v.pattern(
		'Job Name Prefix',
		prefix,
		NAME_PATTERN,
		'Use letters, digits, dots, hyphens or underscores (no spaces).',
	);
	v.length('Job Name Prefix', prefix, 1, NAME_MAX - HASH_CHARS - 1);
	const values = fields.map((field) => {
		const value = readPath(json, field);
		if (value === undefined || value === null || value === '')
			v.fail(
				'Identifying Fields',
				`the item has no value in one of the listed fields (${field})`,
				'List only fields every input item has, or fill them in.',
			);
		return value;
	});
	const hash = createHash('sha256')
		.update(JSON.stringify([mediaFileUri, ...fields, ...values]))
		.digest('hex');
	return `${prefix}-${hash.slice(0, HASH_CHARS)}`;
}
