import type { INode } from 'n8n-workflow';
import { invalidField } from './errors';

/**
 * Trigger settings read when a poll runs. A value that would make a trigger poll forever without
 * ever emitting (no event, a look-back that is not a number) fails the poll with an error naming
 * the field and the fix. Expressions can yield strings, numbers, objects or null: numeric strings
 * ("24") are numbers, one event name as text is a list of one.
 */

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `"${String(value)}"`);

/** A multi-options setting: a non-empty list of known values (or one of them as text). */
export function readChoices<T extends string>(node: INode, label: string, value: unknown, allowed: readonly T[]): T[] {
	const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value;
	const fix = `Choose at least one of: ${allowed.join(', ')}.`;
	if (!Array.isArray(list)) throw invalidField(node, 0, label, `${describe(value)} is not a list of events`, fix);
	if (!list.length) throw invalidField(node, 0, label, 'none is chosen, so the trigger would never fire', fix);
	for (const entry of list)
		if (typeof entry !== 'string' || !allowed.includes(entry as T)) throw invalidField(node, 0, label, `${describe(entry)} is not an event of this trigger`, fix);
	return [...new Set(list as T[])];
}

/** One option of an options setting. */
export function readChoice<T extends string>(node: INode, label: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value === 'string' && allowed.includes(value as T)) return value as T;
	throw invalidField(node, 0, label, `${describe(value)} is not one of its options`, `Choose one of: ${allowed.join(', ')}.`);
}

/** A number of hours ≥ `min`: a number or numeric text; anything else is an error naming the field. */
export function readHours(node: INode, label: string, value: unknown, min: number): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : Number.NaN;
	const fix = `Enter a number of hours of at least ${min}, e.g. 24 (an expression must give a number).`;
	if (!Number.isFinite(number)) throw invalidField(node, 0, label, `${describe(value)} is not a number`, fix);
	if (number < min) throw invalidField(node, 0, label, `${number} is less than ${min}`, fix);
	return number;
}
