/**
 * Parameter reads of the Vocabulary, Vocabulary Filter and Tag operations, through the package's one
 * typed parameter reader (common/params): strings accept numbers, objects/lists/null are a named
 * error, and nothing here calls the network.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';

/** Text of a string parameter, trimmed; `fallback` when it is not set. */
export function readText(context: IExecuteFunctions, i: number, name: string, field: string, fallback = ''): string {
	return params(context, i).string(name, field, { fallback }) || fallback;
}

/** A member of a collection parameter read as text (same rules as readText). */
export function textMember(context: IExecuteFunctions, i: number, collection: IDataObject, member: string, field: string): string {
	return params(context, i).text(field, collection[member]);
}

export function readBoolean(context: IExecuteFunctions, i: number, name: string, field: string, fallback: boolean): boolean {
	return params(context, i).boolean(name, field, fallback);
}

/** One of the allowed option values. */
export function readChoice<T extends string>(context: IExecuteFunctions, i: number, name: string, field: string, allowed: readonly T[], fallback: T): T {
	return params(context, i).options(name, field, allowed, fallback);
}

/** A collection / fixedCollection parameter: a plain object or nothing. */
export function readCollection(context: IExecuteFunctions, i: number, name: string, field: string): IDataObject {
	return params(context, i).collection(name, field);
}

/** A resource locator (From List / By Name) or a plain name, as text. */
export function readLocator(context: IExecuteFunctions, i: number, name: string, field: string): string {
	return params(context, i).text(field, context.getNodeParameter(name, i, '', { extractValue: true }));
}
