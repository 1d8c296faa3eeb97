import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

/**
 * Table-driven bad-value checks shared by the three nodes' bad-values suites. Each parameter is
 * mapped from the item (`={{ $json.v }}`), so the value reaches the node the way an upstream node's
 * output does: n8n's own parameter checks never see it, only the node's reader stands before the call.
 */

/** Values an expression can yield, by name. */
export const BAD_VALUES = {
	object: { a: 1 },
	list: ['x'],
	null: null,
	boolean: true,
	number: 12345,
	numericText: '3',
	word: 'abc',
	dot: '.',
	dotDot: '..',
	slash: 'a/b',
	linkedUser: 'linked-user',
	badDate: '1980-02-31',
	badBucket: 'my..bucket',
} as const;

export type BadName = keyof typeof BAD_VALUES;

/**
 * Whole collections are not in the table: n8n replaces a collection parameter that is not an object
 * with its default before the node runs (the reader's own refusal is unit-tested).
 */
export type Kind =
	| 'text'
	| 'requiredText'
	| 'id'
	| 'number'
	| 'requiredNumber'
	| 'boolean'
	| 'options'
	| 'list'
	| 'date';

/** What each kind refuses by default; every other value of `TRIED` must be accepted (or refused by the service, not by a JS error). */
const REFUSED: Record<Kind, BadName[]> = {
	text: ['object', 'list', 'boolean'],
	requiredText: ['object', 'list', 'boolean', 'null'],
	id: ['object', 'list', 'boolean', 'null', 'dot', 'dotDot', 'slash'],
	number: ['object', 'list', 'boolean', 'word'],
	requiredNumber: ['object', 'list', 'boolean', 'word', 'null'],
	boolean: ['object', 'list', 'number', 'word'],
	options: ['object', 'list', 'boolean', 'number', 'word'],
	list: ['object', 'boolean'],
	date: ['object', 'list', 'boolean', 'number', 'badDate'],
};

/** The values tried on each kind. */
const TRIED: Record<Kind, BadName[]> = {
	text: ['object', 'list', 'boolean', 'null', 'number'],
	requiredText: ['object', 'list', 'boolean', 'null', 'number'],
	id: ['object', 'list', 'boolean', 'null', 'number', 'dot', 'dotDot', 'slash'],
	number: ['object', 'list', 'boolean', 'null', 'word', 'numericText'],
	requiredNumber: ['object', 'list', 'boolean', 'null', 'word', 'numericText'],
	boolean: ['object', 'list', 'null', 'number', 'word'],
	options: ['object', 'list', 'boolean', 'null', 'number', 'word'],
	list: ['object', 'boolean', 'null', 'number'],
	date: ['object', 'list', 'boolean', 'null', 'number', 'badDate'],
};

export interface Field {
	/** Parameter path: `jobName`, `additionalFields.dateOfBirth`, `domain.value` (a locator's value). */
	path: string;
	/** The display name the error must name. */
	label: string;
	kind: Kind;
	/** The valid value for the good item (default: the value at `path` in the operation's parameters). */
	good?: unknown;
	/** Values refused besides the kind's defaults (e.g. `number` for an ID with a pattern). */
	alsoRefuses?: readonly BadName[];
	/** Values accepted although the kind refuses them by default (e.g. `null` for an optional ID). */
	accepts?: readonly BadName[];
}

export interface OperationCase {
	name: string;
	/** Valid parameters: with one good item the operation succeeds. */
	parameters: INodeParameters;
	fields: Field[];
	/** Input item JSON the operation needs besides `v`. */
	json?: IDataObject;
	binary?: INodeExecutionData['binary'];
	/** Run the good item once before counting: the operation's first run differs from later ones. */
	warmUp?: boolean;
	/** Run before each run of the operation (e.g. undo what the last run did). */
	prepare?: () => Promise<void>;
}

export interface RunOutcome {
	items: INodeExecutionData[];
	/** Requests the emulators received for this run (token exchanges left out). */
	requests: number;
}

export type Runner = (
	parameters: INodeParameters,
	input: INodeExecutionData[],
) => Promise<RunOutcome>;

function getPath(object: IDataObject, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], object);
}

/** A deep copy of `parameters` with `path` set to `value`. */
export function withPath(
	parameters: INodeParameters,
	path: string,
	value: unknown,
): INodeParameters {
	const copy = JSON.parse(JSON.stringify(parameters)) as IDataObject;
	const keys = path.split('.');
	let target = copy;
	for (const key of keys.slice(0, -1)) {
		if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
		target = target[key] as IDataObject;
	}
	target[keys[keys.length - 1]] = value as IDataObject;
	return copy as INodeParameters;
}

/** A type refusal or a raw JavaScript failure: what an accepted value must never produce. */
const TYPE_REFUSAL =
	/the value is (an object|a list|true or false|null)|not a set of fields|could not be processed|is not a function|\[object Object\]/;

/** One row per field and value: [operation, field, value name, refused?]. */
export function rows(
	cases: OperationCase[],
): Array<{ op: OperationCase; field: Field; bad: BadName; refused: boolean; title: string }> {
	return cases.flatMap((op) =>
		op.fields.flatMap((field) => {
			const refused = new Set(
				[...REFUSED[field.kind], ...(field.alsoRefuses ?? [])].filter(
					(name) => !(field.accepts ?? []).includes(name),
				),
			);
			const tried = [...new Set([...TRIED[field.kind], ...(field.alsoRefuses ?? [])])];
			return tried.map((bad) => ({
				op,
				field,
				bad,
				refused: refused.has(bad),
				title: `${op.name} · ${field.label} · ${bad}`,
			}));
		}),
	);
}

/**
 * Runs the good item alone, then [bad, good] under Continue On Fail, and checks: a refused value is
 * a named error for the field, sends nothing, and leaves the good item processed; an accepted value
 * is never refused as a type nor breaks with a JavaScript error.
 */
export async function checkRow(
	run: Runner,
	op: OperationCase,
	field: Field,
	bad: BadName,
	refused: boolean,
): Promise<void> {
	const parameters = withPath(op.parameters, field.path, '={{ $json.v }}');
	const good = 'good' in field ? field.good : getPath(op.parameters as IDataObject, field.path);
	const item = (v: unknown): INodeExecutionData => ({
		json: { ...op.json, v: v as IDataObject },
		...(op.binary ? { binary: op.binary } : {}),
	});

	if (op.warmUp) await run(parameters, [item(good)]);
	await op.prepare?.();
	const alone = await run(parameters, [item(good)]);
	expect(alone.items.map((i) => i.json.error)).toEqual([undefined]);

	await op.prepare?.();
	const both = await run(parameters, [item(BAD_VALUES[bad]), item(good)]);
	const fromBad = both.items.filter((i) => (i.pairedItem as { item: number }).item === 0);
	const fromGood = both.items.filter((i) => (i.pairedItem as { item: number }).item === 1);
	expect(fromGood.length).toBeGreaterThan(0);
	expect(fromGood.map((i) => i.json.error)).toEqual(fromGood.map(() => undefined));
	const error = fromBad.find((i) => i.json.error !== undefined)?.json.error as string | undefined;
	if (refused) {
		expect(fromBad).toHaveLength(1);
		expect(error).toContain(`"${field.label}`);
		expect(fromBad[0].json.description).toEqual(expect.any(String));
		expect(both.requests).toBe(alone.requests);
	} else if (error !== undefined) {
		expect(error).not.toMatch(TYPE_REFUSAL);
	}
}
