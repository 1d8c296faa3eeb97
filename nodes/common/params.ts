import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { ItemValidator } from './validate';

/**
 * The one typed parameter reader of the action nodes. An expression can hand a parameter any JSON
 * value (a number, an object, null, a list), so every read states the type it wants and converts or
 * refuses here, before any call: a refusal names the field by its display name and says the fix,
 * and never quotes the value (it may be PHI).
 */

/** How the value arrived, for messages (never the value itself). */
function kindOf(raw: unknown): string {
	if (raw === null) return 'null';
	if (Array.isArray(raw)) return 'a list';
	if (typeof raw === 'object') return 'an object';
	if (typeof raw === 'boolean') return 'true or false';
	if (typeof raw === 'number') return 'a number';
	if (typeof raw === 'string') return 'text';
	return typeof raw;
}

/** Rules for a value used as one segment of a request path. */
export interface SegmentRule {
	/** What the value must look like, beyond being a safe segment. */
	pattern?: RegExp;
	/** The fix told when `pattern` fails. */
	fix: string;
	/** Values that are other routes of the API at the same place (compared case-insensitively). */
	reserved?: readonly string[];
}

/** Characters a path segment may hold: RFC 3986 unreserved ones. No / ? # % \ : or whitespace. */
const SAFE_SEGMENT = /^[A-Za-z0-9._~-]+$/;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const BUCKET_CHARS = /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/;
const BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * What is wrong with an S3 bucket name under AWS's general purpose bucket naming rules
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html), or undefined.
 */
export function bucketNameProblem(name: string): string | undefined {
	if (name.length < 3 || name.length > 63) return `it has ${name.length} characters`;
	if (!BUCKET_CHARS.test(name))
		return 'it has characters other than lower-case letters, digits, dots and hyphens, or does not start and end with a letter or digit';
	if (name.includes('..')) return 'it has two dots in a row';
	if (IPV4.test(name)) return 'it is written like an IP address';
	if (BUCKET_PREFIXES.some((prefix) => name.startsWith(prefix)))
		return 'it starts with a prefix AWS reserves';
	if (BUCKET_SUFFIXES.some((suffix) => name.endsWith(suffix)))
		return 'it ends with a suffix AWS reserves';
	return undefined;
}

export const BUCKET_FIX =
	'Use the bucket’s name: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit (no s3://, no folder).';

/** An ISO 8601 time that says its offset from UTC (Z, +01:00, -0500). */
const HAS_OFFSET = /T.*(Z|[+-]\d{2}:?\d{2})$/i;

/** Milliseconds between UTC and the wall clock of `zone` at `ms` (how far the zone is ahead of UTC). */
function zoneOffset(ms: number, zone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone: zone,
		hourCycle: 'h23',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric',
	}).formatToParts(ms);
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** A wall-clock time without offset (YYYY-MM-DD[THH:mm[:ss]]) in `zone`, as ms; an unknown zone reads it as UTC. */
function zonedTime(value: string, zone: string): number {
	const wall = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : `${value}Z`);
	if (Number.isNaN(wall)) return wall;
	try {
		// Two steps, so a time near a daylight-saving change takes the offset in force at that time.
		const first = wall - zoneOffset(wall, zone);
		return wall - zoneOffset(first, zone);
	} catch {
		return wall;
	}
}

/** True when `value` is a real calendar date written YYYY-MM-DD (1980-02-31 is not). */
export function isCalendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/**
 * Typed reads of one item's parameters. Methods taking `(name, label, …)` read a parameter;
 * methods taking `(label, raw, …)` check a value already read (a collection's field).
 */
/** Where parameters come from: an execute context, or a stand-in where only values are checked. */
export interface ParamSource {
	getNode(): INode;
	getNodeParameter(
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: { extractValue?: boolean },
	): unknown;
}

export class ParamReader extends ItemValidator {
	constructor(
		private readonly context: ParamSource,
		itemIndex: number,
	) {
		super(context.getNode(), itemIndex);
	}

	/** The parameter as n8n resolved it (any type); use the typed reads below instead where possible. */
	raw(name: string, fallback?: unknown): unknown {
		return this.context.getNodeParameter(name, this.itemIndex, fallback);
	}

	// ---- values ----

	/** Text, trimmed; numbers become their digits. Undefined, null and '' are "not set" (''). */
	text(label: string, raw: unknown, options: { required?: boolean; trim?: boolean } = {}): string {
		let value = '';
		if (typeof raw === 'string') value = options.trim === false ? raw : raw.trim();
		else if (typeof raw === 'number') {
			if (!Number.isFinite(raw))
				this.fail(label, 'it is a number that is not finite', 'Map a text or a real number.');
			value = String(raw);
		} else if (raw !== undefined && raw !== null) {
			this.fail(
				label,
				`the value is ${kindOf(raw)}, not text`,
				`Map a single text field, e.g. {{ $json.field }}, not a whole object, list or true/false.`,
			);
		}
		if (options.required) this.required(label, value);
		return value;
	}

	/** Text, or undefined when not set. */
	optionalText(label: string, raw: unknown): string | undefined {
		return this.text(label, raw) || undefined;
	}

	/** A number; numeric text is accepted. Undefined, null and '' give `fallback`. */
	num(label: string, raw: unknown, fallback?: number): number | undefined {
		if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === ''))
			return fallback;
		const value =
			typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
		if (typeof raw !== 'number' && typeof raw !== 'string')
			this.fail(
				label,
				`the value is ${kindOf(raw)}, not a number`,
				'Enter a number, or map a field that holds one.',
			);
		if (!Number.isFinite(value))
			this.fail(label, 'it is not a number', 'Enter a number, or map a field that holds one.');
		return value;
	}

	/** A number that must be given, checked against a range (and whole when `integer`). */
	requiredNum(
		label: string,
		raw: unknown,
		range: { min: number; max: number; integer?: boolean; fallback?: number },
	): number {
		const value = this.num(label, raw, range.fallback);
		if (value === undefined)
			return this.fail(label, 'it is empty', `Enter a number from ${range.min} to ${range.max}.`);
		if (range.integer) this.integer(label, value);
		this.range(label, value, range.min, range.max);
		return value;
	}

	/** true/false; the texts "true" and "false" too. Undefined, null and '' give `fallback`. */
	bool(label: string, raw: unknown, fallback: boolean): boolean {
		if (raw === undefined || raw === null || raw === '') return fallback;
		if (typeof raw === 'boolean') return raw;
		if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim()))
			return raw.trim().toLowerCase() === 'true';
		return this.fail(
			label,
			`the value is ${kindOf(raw)}, not true or false`,
			'Turn the switch on or off, or map a field that holds true or false.',
		);
	}

	/** One of the allowed values; undefined when not set and there is no fallback. */
	choice<T extends string>(
		label: string,
		raw: unknown,
		allowed: readonly T[],
		fallback?: T,
	): T | undefined {
		const value = this.text(label, raw);
		if (!value) return fallback;
		this.oneOf(label, value, allowed);
		return value as T;
	}

	/** A collection's value: an object of fields. Undefined and null are an empty collection. */
	object(label: string, raw: unknown): IDataObject {
		if (raw === undefined || raw === null) return {};
		if (typeof raw !== 'object' || Array.isArray(raw))
			this.fail(
				label,
				`the value is ${kindOf(raw)}, not a set of fields`,
				'Set the fields in the node, or map an object such as {{ { "key": "value" } }}.',
			);
		return raw as IDataObject;
	}

	/** The entries of a fixedCollection under `key` (one object or a list of them). */
	entries(label: string, raw: unknown, key: string): IDataObject[] {
		const group = this.object(label, raw)[key];
		if (group === undefined || group === null) return [];
		const list = Array.isArray(group) ? group : [group];
		return list.map((entry) => this.object(label, entry));
	}

	/**
	 * A list of texts from a multiple-values parameter or one expression: a list, or one text
	 * (split into lines when `lines`). Entries that are objects, lists or true/false are refused.
	 */
	textList(label: string, raw: unknown, options: { lines?: boolean } = {}): string[] {
		if (raw === undefined || raw === null) return [];
		const values = Array.isArray(raw)
			? raw
			: typeof raw === 'string' && options.lines
				? raw.split(/\r?\n/)
				: [raw];
		return values.map((value) => this.text(label, value)).filter(Boolean);
	}

	/** A real calendar date as YYYY-MM-DD, or undefined when not set. */
	date(label: string, raw: unknown, example = '1980-04-23'): string | undefined {
		const value = this.text(label, raw);
		if (!value) return undefined;
		if (!isCalendarDate(value))
			this.fail(
				label,
				'it is not a real date in YYYY-MM-DD form',
				`Use a date such as ${example}.`,
			);
		return value;
	}

	/**
	 * A date and time n8n or ISO 8601 can read, as milliseconds; undefined when not set. A value
	 * without an offset (n8n's date picker writes none) is read in `zone` when given (the workflow's
	 * time zone), else as JavaScript reads it.
	 */
	dateTime(label: string, raw: unknown, zone?: string): number | undefined {
		// An expression like {{ $now }} gives a Luxon DateTime or a Date: both write themselves as ISO.
		const iso =
			raw instanceof Date
				? raw.toISOString()
				: typeof (raw as { toISO?: unknown } | null)?.toISO === 'function'
					? (raw as { toISO(): string }).toISO()
					: raw;
		const value = this.text(label, iso);
		if (!value) return undefined;
		const ms =
			/^\d{4}-\d{2}-\d{2}/.test(value) && isCalendarDate(value.slice(0, 10))
				? zone && !HAS_OFFSET.test(value)
					? zonedTime(value, zone)
					: Date.parse(value)
				: Number.NaN;
		if (Number.isNaN(ms))
			this.fail(
				label,
				'it is not a date and time',
				'Use an ISO 8601 time such as 2025-03-01T09:30:00Z, or pick a date.',
			);
		return ms;
	}

	/**
	 * An ID that becomes one segment of a request path: never a dot segment, never a character that
	 * would start another segment, query or fragment, never another route of the API.
	 */
	segment(label: string, raw: unknown, rule: SegmentRule): string {
		const value = this.text(label, raw, { required: true });
		if (value === '.' || value === '..' || !SAFE_SEGMENT.test(value))
			this.fail(label, 'it is not a valid ID', rule.fix);
		if (rule.reserved?.some((route) => route.toLowerCase() === value.toLowerCase()))
			this.fail(label, 'it is the name of another part of the API, not an ID', rule.fix);
		if (rule.pattern && !rule.pattern.test(value))
			this.fail(label, 'it does not have the required format', rule.fix);
		return value;
	}

	/** An S3 bucket name under AWS's naming rules. */
	bucket(label: string, raw: unknown): string {
		const value = this.text(label, raw, { required: true });
		if (/^s3:\/\//i.test(value) || value.includes('/'))
			this.fail(label, 'it contains "s3://" or a path', BUCKET_FIX);
		const problem = bucketNameProblem(value);
		if (problem) this.fail(label, problem, BUCKET_FIX);
		return value;
	}

	/** An s3://bucket/key URI whose bucket follows the naming rules; undefined when not set and not required. */
	s3Uri(
		label: string,
		raw: unknown,
		options: { required?: boolean; fix?: string } = {},
	): string | undefined {
		const value = this.text(label, raw, { required: options.required });
		if (!value) return undefined;
		const fix = options.fix ?? 'Use s3://bucket/key, e.g. s3://my-bucket/visits/recording.flac.';
		const match = /^s3:\/\/([^/]*)(\/.*)?$/.exec(value);
		if (!match) this.fail(label, 'it is not an s3:// URI', fix);
		const problem = bucketNameProblem(match![1]);
		if (problem) this.fail(label, `its bucket name is not valid (${problem})`, BUCKET_FIX);
		return value;
	}

	// ---- parameters ----

	string(
		name: string,
		label: string,
		options: { required?: boolean; fallback?: string; trim?: boolean } = {},
	): string {
		return this.text(label, this.raw(name, options.fallback ?? ''), options);
	}

	/** A resource locator's value (From List, By Name …) as text; a plain value from an expression too. */
	locator(name: string, label: string): string {
		return this.text(
			label,
			this.context.getNodeParameter(name, this.itemIndex, '', { extractValue: true }),
		);
	}

	optionalString(name: string, label: string): string | undefined {
		return this.optionalText(label, this.raw(name, ''));
	}

	number(
		name: string,
		label: string,
		range: { min: number; max: number; integer?: boolean; fallback?: number },
	): number {
		return this.requiredNum(label, this.raw(name, range.fallback), range);
	}

	boolean(name: string, label: string, fallback = false): boolean {
		return this.bool(label, this.raw(name, fallback), fallback);
	}

	options<T extends string>(name: string, label: string, allowed: readonly T[], fallback?: T): T {
		const value = this.choice(label, this.raw(name, fallback ?? ''), allowed, fallback);
		if (value === undefined)
			return this.fail(label, 'it is empty', `Use one of: ${allowed.join(', ')}.`);
		return value;
	}

	collection(name: string, label: string): IDataObject {
		return this.object(label, this.raw(name, {}));
	}

	stringList(name: string, label: string, options: { lines?: boolean } = {}): string[] {
		return this.textList(label, this.raw(name, []), options);
	}

	/**
	 * A multi-options parameter that needs at least one allowed value (a trigger with no event would
	 * poll forever and never fire). One value, or several separated by commas, may come as text.
	 */
	requiredChoices<T extends string>(name: string, label: string, allowed: readonly T[]): T[] {
		const raw = this.raw(name, []);
		const values = this.textList(label, typeof raw === 'string' ? raw.split(',') : raw);
		if (!values.length)
			this.fail(
				label,
				'none is chosen, so nothing would ever be emitted',
				`Choose at least one of: ${allowed.join(', ')}.`,
			);
		return [...new Set(values.map((value) => this.choice(label, value, allowed) as T))];
	}
}

/** The reader for item `itemIndex`. */
export const params = (context: IExecuteFunctions, itemIndex: number): ParamReader =>
	new ParamReader(context, itemIndex);

/** The reader of a trigger's settings, read when a poll runs (a poll has no items: index 0). */
export const pollParams = (context: IPollFunctions): ParamReader =>
	new ParamReader(
		{
			getNode: () => context.getNode(),
			getNodeParameter: (name, _itemIndex, fallback) => context.getNodeParameter(name, fallback),
		},
		0,
	);

/** The value checks of the reader for a plain validator (callers that have no parameters to read, e.g. a trigger's or a list search's). */
export function valueChecks(v: ItemValidator): ParamReader {
	return v instanceof ParamReader
		? v
		: new ParamReader(
				{ getNode: () => v.node, getNodeParameter: (_name, _i, fallback) => fallback },
				v.itemIndex,
			);
}

/**
 * A `(name, fallback) => value` getter for helpers that take one (shared output settings): each
 * parameter is read as its description says — display name, type and allowed options.
 */
export function describedGetter(
	p: ParamReader,
	properties: readonly INodeProperties[],
): (name: string, fallback: unknown) => unknown {
	return (name, fallback) => {
		const property = properties.find((candidate) => candidate.name === name);
		if (!property) return p.raw(name, fallback);
		const label = property.displayName;
		const values = (property.options ?? []).flatMap((option) =>
			'value' in option && typeof option.value === 'string' ? [option.value] : [],
		);
		switch (property.type) {
			case 'options':
				return p.options(name, label, values, fallback as string | undefined);
			case 'multiOptions':
				return p
					.textList(label, p.raw(name, fallback))
					.map((value) => p.choice(label, value, values));
			case 'boolean':
				return p.bool(label, p.raw(name, fallback), fallback === true);
			case 'number':
				return p.num(label, p.raw(name, fallback), fallback as number | undefined);
			default:
				return p.text(label, p.raw(name, fallback));
		}
	};
}
