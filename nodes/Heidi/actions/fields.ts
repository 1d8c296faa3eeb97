import { paginationProperties, readLimit } from '../../common/pagination';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ParamReader, type SegmentRule } from '../../common/params';

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

/** Where an ID sits in a request path; `linked-user` is the one route beside `/sessions/{id}` (fact sheet §4). */
const SESSION_ROUTES = ['linked-user'];
const NUMBER_ID_FIX = 'Map the ID as text, e.g. {{ $json.session_id }} straight from a Heidi node, not through a number.';

/** Session and recording ids: long decimal numbers (39 digits in practice), always kept as text. */
const NUMERIC_ID: SegmentRule = { pattern: /^\d+$/, reserved: SESSION_ROUTES, fix: `Use the ID Heidi returned: a long number. ${NUMBER_ID_FIX}` };
/** Profile, template and document ids: ObjectId-style text (24 hex digits in the docs' samples). */
const TEXT_ID: SegmentRule = { fix: 'Use the ID exactly as Heidi returned it (letters, digits, hyphens or underscores; no spaces or slashes).' };

/**
 * An ID as text, safe as a path segment. Session and recording ids are 39-digit numbers: one that
 * went through a JS number has lost digits (and may show as 1.23e+38), which is refused before any call.
 */
export function checkId(p: ParamReader, label: string, raw: unknown, kind: 'number' | 'text' = 'text'): string {
	if (typeof raw === 'number' && !Number.isSafeInteger(raw)) p.fail(label, 'it is a number that has lost digits', NUMBER_ID_FIX);
	const text = p.text(label, raw, { required: true });
	if (/^\d+(\.\d+)?e\+?\d+$/i.test(text)) p.fail(label, 'it is written in exponent form, so digits were lost', NUMBER_ID_FIX);
	return p.segment(label, text, kind === 'number' ? NUMERIC_ID : TEXT_ID);
}

/** An ID parameter (see checkId). */
export function readId(context: IExecuteFunctions, itemIndex: number, parameter: string, label: string, kind: 'number' | 'text' = 'text'): string {
	const p = new ParamReader(context, itemIndex);
	return checkId(p, label, p.raw(parameter, ''), kind);
}

export const readSessionId = (context: IExecuteFunctions, itemIndex: number): string => readId(context, itemIndex, 'sessionId', 'Session ID', 'number');

/** A list from multiple values, or from one expression returning a list or line-separated text. */
export const readList = (context: IExecuteFunctions, itemIndex: number, parameter: string, label: string): string[] =>
	new ParamReader(context, itemIndex).stringList(parameter, label, { lines: true });

/** The operation's Options collection. */
export const readOptions = (context: IExecuteFunctions, itemIndex: number): IDataObject => new ParamReader(context, itemIndex).collection('options', 'Options');

/** Drops empty strings and undefined, so optional fields the user left blank are not sent. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined && value !== '')) as IDataObject;
}
