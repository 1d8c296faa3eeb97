import { paginationProperties, readLimit } from '../../common/pagination';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ParamReader, type SegmentRule } from '../../common/params';

/** Heidi enums (https://www.heidihealth.com/developers/heidi-api/consult-notes). */
export const VOICE_STYLES = [
	'GOLDILOCKS',
	'DETAILED',
	'BRIEF',
	'SUPER_DETAILED',
	'MY_VOICE',
] as const;
export const BRAINS = ['LEFT', 'RIGHT'] as const;
export const CONTENT_TYPES = ['MARKDOWN', 'HTML'] as const;
export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;

export const voiceStyleOptions = [
	{ name: 'Brief', value: 'BRIEF', description: 'Short: the key points only' },
	{ name: 'Detailed', value: 'DETAILED', description: 'More detail than Goldilocks' },
	{
		name: 'Goldilocks (Balanced)',
		value: 'GOLDILOCKS',
		description: 'Neither too short nor too long',
	},
	{
		name: 'My Voice',
		value: 'MY_VOICE',
		description:
			'Writes like the clinician’s own notes, once the clinician has set this up in Heidi',
	},
	{ name: 'Super Detailed', value: 'SUPER_DETAILED', description: 'The most detail' },
];

export const brainOptions = [
	{ name: 'Left', value: 'LEFT', description: 'Heidi’s default' },
	{ name: 'Right', value: 'RIGHT', description: 'Heidi’s other writing engine' },
];

/** Help for the "Voice Style" field, wherever it appears. */
export const VOICE_STYLE_HELP =
	'How long and detailed Heidi writes: from Brief (key points only) to Super Detailed; Goldilocks is the balanced middle. My Voice imitates the clinician’s own writing style, once set up in Heidi.';

/** Help for the "Brain" field, wherever it appears. */
export const BRAIN_HELP =
	'Which of Heidi’s two AI writing engines writes the text. Heidi’s API names them Left (its default) and Right without saying how they differ: keep Left unless Heidi advises otherwise, or compare both on a test session.';

export const contentTypeOptions = [
	{ name: 'HTML', value: 'HTML' },
	{ name: 'Markdown', value: 'MARKDOWN' },
];

export const genderOptions = [
	{ name: 'Female', value: 'FEMALE' },
	{ name: 'Male', value: 'MALE' },
	{ name: 'Other', value: 'OTHER' },
];

export function sessionIdProperty(
	description = 'The Heidi session (one consultation). Its ID is a long number: map it from an earlier step as text, never as a number, or it gets rounded.',
): INodeProperties {
	return {
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		description,
	};
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

/** Where an ID sits in a request path; `linked-user` is the one route beside `/sessions/{id}` (https://www.heidihealth.com/developers/heidi-api/sessions/overview). */
const SESSION_ROUTES = ['linked-user'];
const NUMBER_ID_FIX =
	'Map the ID as text, e.g. {{ $json.session_id }} straight from a Heidi node, not through a number.';

/** Session and recording ids: long decimal numbers (39 digits in practice), always kept as text. */
const NUMERIC_ID: SegmentRule = {
	pattern: /^\d+$/,
	reserved: SESSION_ROUTES,
	fix: `Use the ID Heidi returned: a long number. ${NUMBER_ID_FIX}`,
};
/** Profile, template and document ids: ObjectId-style text (24 hex digits in the docs' samples). */
const TEXT_ID: SegmentRule = {
	fix: 'Use the ID exactly as Heidi returned it (letters, digits, hyphens or underscores; no spaces or slashes).',
};

/**
 * An ID as text, safe as a path segment. Session and recording ids are 39-digit numbers: one that
 * went through a JS number has lost digits (and may show as 1.23e+38), which is refused before any call.
 */
export function checkId(
	p: ParamReader,
	label: string,
	raw: unknown,
	kind: 'number' | 'text' = 'text',
): string {
	if (typeof raw === 'number' && !Number.isSafeInteger(raw))
		p.fail(label, 'it is a number that has lost digits', NUMBER_ID_FIX);
	const text = p.text(label, raw, { required: true });
	if (/^\d+(\.\d+)?e\+?\d+$/i.test(text))
		p.fail(label, 'it is written in exponent form, so digits were lost', NUMBER_ID_FIX);
	return p.segment(label, text, kind === 'number' ? NUMERIC_ID : TEXT_ID);
}

/** An ID parameter (see checkId). */
export function readId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	label: string,
	kind: 'number' | 'text' = 'text',
): string {
	const p = new ParamReader(context, itemIndex);
	return checkId(p, label, p.raw(parameter, ''), kind);
}

export const readSessionId = (context: IExecuteFunctions, itemIndex: number): string =>
	readId(context, itemIndex, 'sessionId', 'Session ID', 'number');

/** The operation's Options collection. */
export const readOptions = (context: IExecuteFunctions, itemIndex: number): IDataObject =>
	new ParamReader(context, itemIndex).collection('options', 'Options');

/** Drops empty strings and undefined, so optional fields the user left blank are not sent. */
export function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(
		Object.entries(object).filter(([, value]) => value !== undefined && value !== ''),
	) as IDataObject;
}
