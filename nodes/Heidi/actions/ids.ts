import type { IExecuteFunctions } from 'n8n-workflow';
import { ParamReader, type SegmentRule } from '../../common/params';

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
