import type { SandboxRequest } from '../core/types';
import { invalid } from './wire';

/**
 * Field readers with pydantic-like rules: `undefined` means absent, `null` is accepted for
 * optional fields, wrong types fail with the pydantic error type. `loc` is the body path.
 */
type Body = Record<string, unknown>;

const at = (key: string, prefix: string[]): string[] => ['body', ...prefix, key];

export function requiredString(body: Body, key: string, prefix: string[] = []): string {
	const value = optionalString(body, key, prefix);
	if (value === undefined || value === null)
		throw invalid(at(key, prefix), 'Field required', 'missing');
	return value;
}

export function optionalString(
	body: Body,
	key: string,
	prefix: string[] = [],
): string | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'string')
		throw invalid(at(key, prefix), 'Input should be a valid string', 'string_type');
	return value;
}

export function optionalBool(
	body: Body,
	key: string,
	prefix: string[] = [],
): boolean | null | undefined {
	const value = body[key];
	if (value === undefined || value === null || typeof value === 'boolean') return value;
	throw invalid(at(key, prefix), 'Input should be a valid boolean', 'bool_type');
}

export function optionalNumber(
	body: Body,
	key: string,
	prefix: string[] = [],
	min = -Infinity,
): number | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'number' || !Number.isFinite(value))
		throw invalid(at(key, prefix), 'Input should be a valid number', 'float_type');
	if (value < min)
		throw invalid(
			at(key, prefix),
			`Input should be greater than or equal to ${min}`,
			'greater_than_equal',
		);
	return value;
}

export function optionalEnum<T extends string>(
	body: Body,
	key: string,
	allowed: readonly T[],
	prefix: string[] = [],
): T | null | undefined {
	const value = optionalString(body, key, prefix);
	if (value === undefined || value === null) return value;
	if (!(allowed as readonly string[]).includes(value)) {
		throw invalid(
			at(key, prefix),
			`Input should be ${allowed.map((a) => `'${a}'`).join(', ')}`,
			'enum',
		);
	}
	return value as T;
}

export function requiredEnum<T extends string>(
	body: Body,
	key: string,
	allowed: readonly T[],
	prefix: string[] = [],
): T {
	const value = optionalEnum(body, key, allowed, prefix);
	if (value === undefined || value === null)
		throw invalid(at(key, prefix), 'Field required', 'missing');
	return value;
}

/**
 * A list of strings. IDs sent as JSON numbers are refused: a 39-digit session id has already
 * lost its precision by the time it is a JS number.
 */
export function optionalStringList(
	body: Body,
	key: string,
	prefix: string[] = [],
): string[] | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (!Array.isArray(value))
		throw invalid(at(key, prefix), 'Input should be a valid list', 'list_type');
	value.forEach((item, i) => {
		if (typeof item !== 'string')
			throw invalid([...at(key, prefix), i], 'Input should be a valid string', 'string_type');
	});
	return value as string[];
}

export function optionalObject(
	body: Body,
	key: string,
	prefix: string[] = [],
): Body | null | undefined {
	const value = body[key];
	if (value === undefined || value === null) return value;
	if (typeof value !== 'object' || Array.isArray(value))
		throw invalid(at(key, prefix), 'Input should be a valid dictionary', 'dict_type');
	return value as Body;
}

/** `YYYY-MM-DD` that is a real calendar date. */
export function optionalDate(
	body: Body,
	key: string,
	prefix: string[] = [],
): string | null | undefined {
	const value = optionalString(body, key, prefix);
	if (value === undefined || value === null) return value;
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
	if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
		throw invalid(
			at(key, prefix),
			'Input should be a valid date in the format YYYY-MM-DD',
			'date_from_datetime_parsing',
		);
	}
	return value;
}

/** An integer query parameter within bounds (FastAPI `int` query with ge/le). */
export function queryInt(
	req: SandboxRequest,
	name: string,
	fallback: number,
	min: number,
	max = Infinity,
): number {
	const raw = req.query.get(name);
	if (raw === null || raw === '') return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || value < min || value > max) {
		const range = max === Infinity ? `greater than or equal to ${min}` : `from ${min} to ${max}`;
		throw invalid(['query', name], `Input should be a valid integer ${range}`, 'int_parsing');
	}
	return value;
}
