/**
 * Note templates → `SectionName`s of the clinical document (https://docs.aws.amazon.com/transcribe/latest/dg/health-scribe-job.html), each filled from the
 * encounter's neutral findings. Sections with nothing to say are kept with an empty `Summary`.
 */
import type { SectionKey } from '../data/encounters';
import type { NoteTemplate } from './shapes';

export const DEFAULT_TEMPLATE: NoteTemplate = 'HISTORY_AND_PHYSICAL';

const SUBJECTIVE: SectionKey[] = [
	'CHIEF_COMPLAINT',
	'HISTORY_OF_PRESENT_ILLNESS',
	'REVIEW_OF_SYSTEMS',
	'PAST_MEDICAL_HISTORY',
];

export const TEMPLATE_SECTIONS: Record<
	NoteTemplate,
	Array<[sectionName: string, from: SectionKey[]]>
> = {
	HISTORY_AND_PHYSICAL: [
		['CHIEF_COMPLAINT', ['CHIEF_COMPLAINT']],
		['HISTORY_OF_PRESENT_ILLNESS', ['HISTORY_OF_PRESENT_ILLNESS']],
		['REVIEW_OF_SYSTEMS', ['REVIEW_OF_SYSTEMS']],
		['PAST_MEDICAL_HISTORY', ['PAST_MEDICAL_HISTORY']],
		['PAST_FAMILY_HISTORY', []],
		['PAST_SOCIAL_HISTORY', []],
		['PHYSICAL_EXAMINATION', ['PHYSICAL_EXAMINATION']],
		['DIAGNOSTIC_TESTING', []],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	GIRPP: [
		['GOAL', ['CHIEF_COMPLAINT']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION']],
		['RESPONSE', ['HISTORY_OF_PRESENT_ILLNESS']],
		['PROGRESS', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	BIRP: [
		['BEHAVIOR', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION']],
		['RESPONSE', ['REVIEW_OF_SYSTEMS']],
		['PLAN', ['PLAN']],
	],
	SIRP: [
		['SITUATION', ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS']],
		['INTERVENTION', ['PHYSICAL_EXAMINATION']],
		['RESPONSE', ['REVIEW_OF_SYSTEMS']],
		['PLAN', ['PLAN']],
	],
	DAP: [
		['DATA', [...SUBJECTIVE, 'PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	BEHAVIORAL_SOAP: [
		['SUBJECTIVE', SUBJECTIVE],
		['OBJECTIVE', ['PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
	PHYSICAL_SOAP: [
		['SUBJECTIVE', SUBJECTIVE],
		['OBJECTIVE', ['PHYSICAL_EXAMINATION']],
		['ASSESSMENT', ['ASSESSMENT']],
		['PLAN', ['PLAN']],
	],
};

/** Transcript `SectionDetails.SectionName` of a turn, from the findings it supports. */
export function turnSection(
	keys: SectionKey[],
): 'SUBJECTIVE' | 'OBJECTIVE' | 'ASSESSMENT_AND_PLAN' | 'OTHER' {
	if (keys.some((k) => k === 'ASSESSMENT' || k === 'PLAN')) return 'ASSESSMENT_AND_PLAN';
	if (keys.includes('PHYSICAL_EXAMINATION')) return 'OBJECTIVE';
	if (keys.some((k) => SUBJECTIVE.includes(k))) return 'SUBJECTIVE';
	return 'OTHER';
}
