import type { INodeProperties } from 'n8n-workflow';
import { NOTE_TEMPLATES, PARTICIPANT_ROLES, PRONOUNS, VOCABULARY_FILTER_METHODS } from '../model';

/**
 * Parameters a medical scribe job and a medical scribe stream share: StartMedicalScribeJob and
 * StartMedicalScribeStream take the same channel roles, note template, vocabularies and pronouns
 * (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html,
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_MedicalScribeConfigurationEvent.html).
 */

/** A list of key/value entries (tags, a KMS encryption context), read with checkPairs. */
export const keyValueCollection = (
	displayName: string,
	name: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description,
	options: [
		{
			displayName: 'Entry',
			name: 'entries',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const ROLE_OPTIONS = PARTICIPANT_ROLES.map((role) => ({
	name: role === 'CLINICIAN' ? 'Clinician' : 'Patient',
	value: role,
}));

/** Channel 0 / Channel 1 Role, shown for two-channel recordings; `of` ends their help text. */
export const channelRoleProperties = (of: string): INodeProperties[] =>
	(
		[
			['0', 'CLINICIAN', 'first (left)'],
			['1', 'PATIENT', 'second (right)'],
		] as const
	).map(([channel, role, side]) => ({
		displayName: `Channel ${channel} Role`,
		name: `channel${channel}Role`,
		type: 'options',
		options: ROLE_OPTIONS,
		default: role,
		description: `Who speaks on the ${side} channel${of}`,
		displayOptions: { show: { speakerMode: ['channelIdentification'] } },
	}));

export const noteTemplateProperty = (description: string): INodeProperties => ({
	displayName: 'Note Template',
	name: 'noteTemplate',
	type: 'options',
	options: NOTE_TEMPLATES.map(([name, value]) => ({ name, value })),
	default: 'HISTORY_AND_PHYSICAL',
	description,
});

export const patientPronounsOption: INodeProperties = {
	displayName: 'Patient Pronouns',
	name: 'patientPronouns',
	type: 'options',
	options: PRONOUNS.map(([name, value]) => ({ name, value })),
	default: 'THEY_THEM',
	description: 'Pronouns the note uses for the patient',
};

/** Vocabulary Filter Method and Vocabulary Filter Name, in the Additional Fields collection. */
export const vocabularyFilterOptions: INodeProperties[] = [
	{
		displayName: 'Vocabulary Filter Method',
		name: 'vocabularyFilterMethod',
		type: 'options',
		options: VOCABULARY_FILTER_METHODS.map((method) => ({
			name: method.charAt(0).toUpperCase() + method.slice(1),
			value: method,
		})),
		default: 'mask',
		description: 'Mask replaces filtered words with ***, Remove deletes them, Tag only marks them',
	},
	{
		displayName: 'Vocabulary Filter Name or ID',
		name: 'vocabularyFilterName',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getVocabularyFilters' },
		default: '',
		description:
			'A Transcribe vocabulary filter in the same Region. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
];
