import { paginationProperties, readLimit } from '../../common/pagination';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../common/validate';

/** Heidi enums (fact sheet §8.1). */
export const VOICE_STYLES = ['GOLDILOCKS', 'DETAILED', 'BRIEF', 'SUPER_DETAILED', 'MY_VOICE'] as const;
export const BRAINS = ['LEFT', 'RIGHT'] as const;
export const CONTENT_TYPES = ['MARKDOWN', 'HTML'] as const;
export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;

export const voiceStyleOptions = [
	{ name: 'Brief', value: 'BRIEF' },
	{ name: 'Detailed', value: 'DETAILED' },
	{ name: 'Goldilocks (Balanced)', value: 'GOLDILOCKS' },
	{ name: 'My Voice', value: 'MY_VOICE', description: 'Writes in the clinician’s own style, if set up in Heidi' },
	{ name: 'Super Detailed', value: 'SUPER_DETAILED' },
];

export const brainOptions = [
	{ name: 'Left', value: 'LEFT' },
	{ name: 'Right', value: 'RIGHT' },
];

export const contentTypeOptions = [
	{ name: 'HTML', value: 'HTML' },
	{ name: 'Markdown', value: 'MARKDOWN' },
];

export const genderOptions = [
	{ name: 'Female', value: 'FEMALE' },
	{ name: 'Male', value: 'MALE' },
	{ name: 'Other', value: 'OTHER' },
];

export function sessionIdProperty(description = 'The Heidi session ID (a long number: map it as text, never as a number)'): INodeProperties {
	return { displayName: 'Session ID', name: 'sessionId', type: 'string', required: true, default: '', description };
}

export const binaryPropertyProperty = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file',
	description,
});

export const returnAllProperties = paginationProperties();
export { readLimit };

/**
 * An ID parameter as text. Session and recording ids are 39-digit numbers: one that went through a
 * JS number has lost digits (and may show as 1.23e+38), which is refused before any call.
 */
export function readId(context: IExecuteFunctions, itemIndex: number, parameter: string, label: string): string {
	const raw = context.getNodeParameter(parameter, itemIndex, '') as unknown;
	return checkId(new ItemValidator(context.getNode(), itemIndex), label, raw);
}

export function checkId(v: ItemValidator, label: string, raw: unknown): string {
	const fix = `Map the ID as text, e.g. {{ $json.session_id }} straight from a Heidi node, not through a number.`;
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) v.fail(label, 'it is a number that has lost digits', fix);
	const id = (typeof raw === 'number' ? String(raw) : String(raw ?? '')).trim();
	v.required(label, id);
	if (/^\d+(\.\d+)?e\+?\d+$/i.test(id)) v.fail(label, 'it is written in exponent form, so digits were lost', fix);
	v.pattern(label, id, /^[^\s/?#]+$/, 'Use the ID exactly as Heidi returned it (no spaces or slashes).');
	return id;
}

export const readSessionId = (context: IExecuteFunctions, itemIndex: number): string => readId(context, itemIndex, 'sessionId', 'Session ID');

/** A list from multiple values, or from one expression returning a list or line-separated text. */
export function toList(raw: unknown): string[] {
	const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/\r?\n/) : raw === undefined || raw === null ? [] : [raw];
	return values.map((value) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)).trim()).filter(Boolean);
}

export const readList = (context: IExecuteFunctions, itemIndex: number, parameter: string): string[] =>
	toList(context.getNodeParameter(parameter, itemIndex, []));

/** The operation's Options collection. */
export const readOptions = (context: IExecuteFunctions, itemIndex: number): IDataObject =>
	context.getNodeParameter('options', itemIndex, {}) as IDataObject;

/** Drops empty strings and undefined, so optional fields the user left blank are not sent. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as IDataObject;
}

/** The real calendar date check for YYYY-MM-DD fields (patient birth dates). */
export function checkDate(v: ItemValidator, label: string, value: string | undefined): void {
	if (!value) return;
	const date = new Date(`${value}T00:00:00Z`);
	const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
	if (!valid) v.fail(label, 'it is not a real date in YYYY-MM-DD form', 'Use a date such as 1980-04-23.');
}
