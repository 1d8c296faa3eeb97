import type { DisplayCondition, INodeProperties } from 'n8n-workflow';
import type { Show } from './locators';

/**
 * The editor notice under an output location without date tokens. Connect Health writes outputs under
 * folders named after random session and job ids, so S3 key order says nothing about age: a watcher
 * of an undated location must list everything ever written there on every poll (outputs/layout.ts).
 * Hidden while the value is empty, carries a date token, or is an expression (known only when it runs).
 */
const DATED_EMPTY_OR_EXPRESSION: Array<string | DisplayCondition> = [
	'',
	{ _cnd: { includes: '{yyyy}' } },
	{ _cnd: { includes: '{mm}' } },
	{ _cnd: { includes: '{dd}' } },
	{ _cnd: { startsWith: '=' } },
];

/** A notice shown while the string parameter `parameter` (shown under `show`) has no {yyyy}/{mm}/{dd}. */
export function undatedLocationNotice(
	parameter: string,
	text: string,
	show?: Show,
): INodeProperties {
	return {
		displayName: text,
		name: `${parameter}UndatedNotice`,
		type: 'notice',
		default: '',
		displayOptions: {
			...(show ? { show } : {}),
			hide: { [parameter]: DATED_EMPTY_OR_EXPRESSION },
		},
	};
}

export const START_NOTICE =
	'Add {yyyy}/{mm}/{dd} (filled with the start date, UTC), e.g. s3://bucket/sessions/{yyyy}/{mm}/{dd}/, and watch the same text in the trigger. Without them the Amazon Connect Health Trigger lists everything ever written here on every poll (one S3 request per 1,000 files): its polls grow with your history.';

export const TRIGGER_NOTICE =
	'Without {yyyy}/{mm}/{dd} every poll lists everything ever written here (one S3 request per 1,000 files): polls grow with your history. Start sessions and jobs with a dated location, e.g. s3://bucket/sessions/{yyyy}/{mm}/{dd}/, and watch the same text here.';
