import { ServiceError } from '../core/errors';

/**
 * A small Smithy-like shape language: enough to state every constraint of the Connect Health
 * model once (shapes.ts) and check request input against it the way the service does.
 * Wrong JSON types are SerializationException; broken constraints are ValidationException.
 */
export type Shape =
	| StringShape
	| IntegerShape
	| BooleanShape
	| StructureShape
	| UnionShape
	| ListShape
	| MapShape;

export interface StringShape {
	kind: 'string';
	min?: number;
	max?: number;
	/** Smithy patterns are not implicitly anchored: tested with search semantics. */
	pattern?: RegExp;
	enum?: readonly string[];
	/** Sensitive values never appear in error messages. */
	sensitive?: boolean;
}
export interface IntegerShape {
	kind: 'integer';
	min?: number;
	max?: number;
}
export interface BooleanShape {
	kind: 'boolean';
}
export interface StructureShape {
	kind: 'structure';
	members: Record<string, Shape>;
	required?: readonly string[];
}
/** Exactly one member set. */
export interface UnionShape {
	kind: 'union';
	members: Record<string, Shape>;
}
export interface ListShape {
	kind: 'list';
	member: Shape;
	min?: number;
	max?: number;
}
export interface MapShape {
	kind: 'map';
	key: StringShape;
	value: Shape;
}

interface Findings {
	serialization: string[];
	validation: string[];
}

/** Throws the error the service would answer for `input` against `shape`; returns quietly when valid. */
export function validateInput(shape: StructureShape, input: unknown): void {
	const findings: Findings = { serialization: [], validation: [] };
	check(shape, input, '', findings);
	if (findings.serialization.length > 0) {
		throw new ServiceError(400, 'SerializationException', findings.serialization[0], {}, 'message');
	}
	if (findings.validation.length > 0) {
		const n = findings.validation.length;
		throw validationError(
			`${n} validation error${n === 1 ? '' : 's'} detected: ${findings.validation.join('; ')}`,
		);
	}
}

export function validationError(message: string): ServiceError {
	return new ServiceError(400, 'ValidationException', message, {}, 'message');
}

function describe(value: unknown, shape: Shape): string {
	if (shape.kind === 'string' && !shape.sensitive && typeof value === 'string')
		return `Value '${value}'`;
	if (shape.kind === 'integer' && typeof value === 'number') return `Value '${value}'`;
	if (value === undefined || value === null) return 'Value null';
	return 'Value';
}

function fail(
	findings: Findings,
	path: string,
	value: unknown,
	shape: Shape,
	constraint: string,
): void {
	findings.validation.push(
		`${describe(value, shape)} at '${path}' failed to satisfy constraint: ${constraint}`,
	);
}

function wrongType(findings: Findings, path: string, expected: string): void {
	findings.serialization.push(`Expected ${expected} at '${path || 'body'}'`);
}

function join(path: string, member: string): string {
	return path ? `${path}.${member}` : member;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLength(
	findings: Findings,
	path: string,
	value: unknown,
	shape: Shape,
	length: number,
	min?: number,
	max?: number,
): void {
	if (min !== undefined && length < min)
		fail(findings, path, value, shape, `Member must have length greater than or equal to ${min}`);
	if (max !== undefined && length > max)
		fail(findings, path, value, shape, `Member must have length less than or equal to ${max}`);
}

function check(shape: Shape, value: unknown, path: string, findings: Findings): void {
	switch (shape.kind) {
		case 'string': {
			if (typeof value !== 'string') return wrongType(findings, path, 'a string');
			// Smithy counts Unicode code points, not UTF-16 units.
			checkLength(findings, path, value, shape, [...value].length, shape.min, shape.max);
			if (shape.pattern && !shape.pattern.test(value)) {
				// Report the pattern as the model writes it (RegExp.source escapes '/').
				fail(
					findings,
					path,
					value,
					shape,
					`Member must satisfy regular expression pattern: ${shape.pattern.source.replace(/\\\//g, '/')}`,
				);
			}
			if (shape.enum && !shape.enum.includes(value)) {
				fail(
					findings,
					path,
					value,
					shape,
					`Member must satisfy enum value set: [${shape.enum.join(', ')}]`,
				);
			}
			return;
		}
		case 'integer': {
			if (typeof value !== 'number' || !Number.isInteger(value))
				return wrongType(findings, path, 'an integer');
			if (shape.min !== undefined && value < shape.min)
				fail(
					findings,
					path,
					value,
					shape,
					`Member must have value greater than or equal to ${shape.min}`,
				);
			if (shape.max !== undefined && value > shape.max)
				fail(
					findings,
					path,
					value,
					shape,
					`Member must have value less than or equal to ${shape.max}`,
				);
			return;
		}
		case 'boolean':
			if (typeof value !== 'boolean') wrongType(findings, path, 'a boolean');
			return;
		case 'structure': {
			if (!isObject(value)) return wrongType(findings, path, 'an object');
			for (const name of shape.required ?? []) {
				if (value[name] === undefined || value[name] === null)
					fail(
						findings,
						join(path, name),
						undefined,
						shape.members[name],
						'Member must not be null',
					);
			}
			for (const [name, member] of Object.entries(shape.members)) {
				const child = value[name];
				if (child !== undefined && child !== null) check(member, child, join(path, name), findings);
			}
			return;
		}
		case 'union': {
			if (!isObject(value)) return wrongType(findings, path, 'an object');
			const set = Object.keys(shape.members).filter(
				(name) => value[name] !== undefined && value[name] !== null,
			);
			if (set.length !== 1) {
				fail(
					findings,
					path,
					value,
					shape,
					`Member must have exactly one of [${Object.keys(shape.members).join(', ')}] set`,
				);
				return;
			}
			check(shape.members[set[0]], value[set[0]], join(path, set[0]), findings);
			return;
		}
		case 'list': {
			if (!Array.isArray(value)) return wrongType(findings, path, 'a list');
			checkLength(findings, path, value, shape, value.length, shape.min, shape.max);
			value.forEach((item, i) => {
				if (item === null || item === undefined)
					fail(findings, `${path}[${i}]`, item, shape.member, 'Member must not be null');
				else check(shape.member, item, `${path}[${i}]`, findings);
			});
			return;
		}
		case 'map': {
			if (!isObject(value)) return wrongType(findings, path, 'an object');
			for (const [key, item] of Object.entries(value)) {
				check(shape.key, key, `${path} key`, findings);
				if (item === null || item === undefined)
					fail(findings, join(path, key), item, shape.value, 'Member must not be null');
				else check(shape.value, item, join(path, key), findings);
			}
			return;
		}
	}
}
