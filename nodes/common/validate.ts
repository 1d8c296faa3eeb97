import type { INode } from 'n8n-workflow';
import { invalidField } from './errors';

/**
 * Local checks of one item's parameters, run before any network call. Each failure names the
 * field and the fix; values are never quoted back (they may be PHI).
 */
export class ItemValidator {
	constructor(
		readonly node: INode,
		readonly itemIndex: number,
	) {}

	fail(field: string, problem: string, fix: string): never {
		throw invalidField(this.node, this.itemIndex, field, problem, fix);
	}

	required(field: string, value: unknown, fix = `Enter a value for "${field}".`): void {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
			this.fail(field, 'it is empty', fix);
	}

	length(field: string, value: string | undefined, min: number, max: number): void {
		if (value === undefined) return;
		if (value.length < min || value.length > max)
			this.fail(
				field,
				`it has ${value.length} characters`,
				`Use ${min === max ? min : `${min} to ${max}`} characters.`,
			);
	}

	pattern(field: string, value: string | undefined, pattern: RegExp, fix: string): void {
		if (value !== undefined && value !== '' && !pattern.test(value))
			this.fail(field, 'it does not have the required format', fix);
	}

	range(field: string, value: number | undefined, min: number, max: number): void {
		if (value === undefined) return;
		if (!Number.isFinite(value) || value < min || value > max)
			this.fail(field, `${value} is out of range`, `Use a number from ${min} to ${max}.`);
	}

	integer(field: string, value: number | undefined): void {
		if (value !== undefined && !Number.isInteger(value))
			this.fail(field, 'it is not a whole number', 'Use a whole number.');
	}

	oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
		if (value !== undefined && value !== '' && !allowed.includes(value))
			this.fail(field, 'it is not one of the allowed values', `Use one of: ${allowed.join(', ')}.`);
	}

	/** Exactly one of several alternatives must be given (a one-of union). */
	exactlyOne(fields: Record<string, unknown>): void {
		const given = Object.entries(fields).filter(
			([, v]) => v !== undefined && v !== '' && v !== null,
		);
		if (given.length !== 1) {
			const names = Object.keys(fields)
				.map((n) => `"${n}"`)
				.join(' or ');
			this.fail(
				Object.keys(fields).join(' / '),
				given.length ? 'more than one alternative is set' : 'none is set',
				`Set exactly one of ${names}.`,
			);
		}
	}
}
