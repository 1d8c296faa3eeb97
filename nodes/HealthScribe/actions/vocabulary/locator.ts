import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { NAME_PATTERN } from '../../model';
import type { VocabularyKind } from '../../transport/vocabularies';
import { checkName } from '../../transport/names';
import { params } from '../../../common/params';

export const KINDS: readonly VocabularyKind[] = ['standard', 'medical'];

export const vocabularyTypeProperty: INodeProperties = {
	displayName: 'Vocabulary Type',
	name: 'vocabularyType',
	type: 'options',
	options: [
		{
			name: 'Custom Vocabulary',
			value: 'standard',
			description: 'The usual kind: from a phrase list or a table',
		},
		{
			name: 'Custom Medical Vocabulary',
			value: 'medical',
			description:
				'Amazon Transcribe Medical’s kind: from a table only, always stored as a file in S3',
		},
	],
	default: 'standard',
	description:
		'Which kind of vocabulary: a list of words (drug, clinician and clinic names) that HealthScribe should recognise and spell right. Either kind can be picked in Medical Scribe Job → Start.',
};

/** Name of a new vocabulary (Create). */
export const vocabularyNameProperty: INodeProperties = {
	displayName: 'Vocabulary Name',
	name: 'vocabularyName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'cardiology-terms',
	description: 'Up to 200 letters, digits, dots, hyphens or underscores; unique in the AWS account',
};

/** The Vocabulary locator of Get, Update and Delete: From List (ListVocabularies) or By Name. */
export function vocabularyLocator(): INodeProperties {
	return {
		displayName: 'Vocabulary',
		name: 'vocabulary',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The custom vocabulary, picked from the list or entered by name',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVocabularies', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'cardiology-terms',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: NAME_PATTERN.source,
							errorMessage: 'Letters, digits, dots, hyphens or underscores only',
						},
					},
				],
			},
		],
	};
}

export function readKind(context: IExecuteFunctions, i: number): VocabularyKind {
	return params(context, i).options('vocabularyType', 'Vocabulary Type', KINDS, 'standard');
}

/** The vocabulary name of item `i`, from the locator (`vocabulary`) or the Create name field. */
export function readVocabularyName(
	context: IExecuteFunctions,
	i: number,
	fromLocator: boolean,
): string {
	const field = fromLocator ? 'Vocabulary' : 'Vocabulary Name';
	const name = fromLocator
		? params(context, i).locator('vocabulary', field)
		: params(context, i).string('vocabularyName', field);
	const v = new ItemValidator(context.getNode(), i);
	v.required(
		field,
		name,
		fromLocator ? 'Choose a vocabulary from the list or enter its name.' : undefined,
	);
	checkName(v, field, name);
	return name;
}
