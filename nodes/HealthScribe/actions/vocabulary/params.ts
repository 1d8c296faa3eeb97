/**
 * Parameter reading for the Vocabulary, Vocabulary Filter and Tag operations. Kept in these few small
 * functions so they can move to the package's typed parameter reader in one step: strings accept
 * numbers, objects/arrays/null are a named error, and nothing here calls the network.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';

const kindOf = (value: unknown) => (value === null ? 'empty (null)' : Array.isArray(value) ? 'a list' : `an ${typeof value}`);

/** Text of a string parameter, trimmed; `fallback` when it is not set. */
export function readText(context: IExecuteFunctions, i: number, name: string, field: string, fallback = ''): string {
	const value = context.getNodeParameter(name, i, fallback) as unknown;
	if (value === undefined) return fallback;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return new ItemValidator(context.getNode(), i).fail(field, `it is ${kindOf(value)}, not text`, `Enter text for "${field}" (an expression must produce a string).`);
}

/** A member of a collection parameter read as text (same rules as readText). */
export function textMember(context: IExecuteFunctions, i: number, collection: IDataObject, member: string, field: string): string {
	const value = collection[member] as unknown;
	if (value === undefined || value === '') return '';
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return new ItemValidator(context.getNode(), i).fail(field, `it is ${kindOf(value)}, not text`, `Enter text for "${field}" (an expression must produce a string).`);
}

export function readBoolean(context: IExecuteFunctions, i: number, name: string, field: string, fallback: boolean): boolean {
	const value = context.getNodeParameter(name, i, fallback) as unknown;
	if (typeof value === 'boolean') return value;
	return new ItemValidator(context.getNode(), i).fail(field, `it is ${kindOf(value)}, not true or false`, `Set "${field}" to true or false.`);
}

/** One of the allowed option values. */
export function readChoice<T extends string>(context: IExecuteFunctions, i: number, name: string, field: string, allowed: readonly T[], fallback: T): T {
	const value = readText(context, i, name, field, fallback);
	const v = new ItemValidator(context.getNode(), i);
	v.oneOf(field, value, allowed);
	return (value || fallback) as T;
}

/** A collection / fixedCollection parameter: a plain object or nothing. */
export function readCollection(context: IExecuteFunctions, i: number, name: string, field: string): IDataObject {
	const value = context.getNodeParameter(name, i, {}) as unknown;
	if (value === undefined || value === '') return {};
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as IDataObject;
	return new ItemValidator(context.getNode(), i).fail(field, `it is ${kindOf(value)}, not a set of fields`, `Fill in "${field}" in the node instead of with an expression.`);
}

/** A resource locator (From List / By Name) or a plain name, as text. */
export function readLocator(context: IExecuteFunctions, i: number, name: string, field: string): string {
	const value = context.getNodeParameter(name, i, '', { extractValue: true }) as unknown;
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return new ItemValidator(context.getNode(), i).fail(field, `it is ${kindOf(value)}, not a name`, `Choose "${field}" from the list or enter its name.`);
}
