import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { NAME_PATTERN } from '../../model';
import type { VocabularyKind } from '../../transport/vocabularies';
import { checkName } from '../medicalScribeJob/startRequest';
import { readChoice, readLocator, readText } from './params';

export const show = (operations: string[], extra: Record<string, string[]> = {}): IDisplayOptions => ({
	show: { resource: ['vocabulary'], operation: operations, ...extra },
});

export const KINDS: readonly VocabularyKind[] = ['standard', 'medical'];

export const vocabularyTypeProperty: INodeProperties = {
	displayName: 'Vocabulary Type',
	name: 'vocabularyType',
	type: 'options',
	options: [
		{
			name: 'Custom Vocabulary',
			value: 'standard',
			description: 'Amazon Transcribe custom vocabulary (CreateVocabulary): phrase lists or tables',
		},
		{
			name: 'Custom Medical Vocabulary',
			value: 'medical',
			description: 'Amazon Transcribe Medical vocabulary (CreateMedicalVocabulary): tables only, always from a file in S3',
		},
	],
	default: 'standard',
	description: 'Which Transcribe vocabulary API to use. Medical scribe jobs take a vocabulary by name; both kinds are listed in Start.',
	displayOptions: show(['create', 'get', 'getAll', 'update', 'delete']),
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
	displayOptions: show(['create']),
};

/** The Vocabulary locator of Get, Update and Delete: From List (ListVocabularies) or By Name. */
export function vocabularyLocator(operations: string[]): INodeProperties {
	return {
		displayName: 'Vocabulary',
		name: 'vocabulary',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchVocabularies', searchable: true } },
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'cardiology-terms',
				validation: [{ type: 'regex', properties: { regex: NAME_PATTERN.source, errorMessage: 'Letters, digits, dots, hyphens or underscores only' } }],
			},
		],
		displayOptions: show(operations),
	};
}

export function readKind(context: IExecuteFunctions, i: number): VocabularyKind {
	return readChoice(context, i, 'vocabularyType', 'Vocabulary Type', KINDS, 'standard');
}

/** The vocabulary name of item `i`, from the locator (`vocabulary`) or the Create name field. */
export function readVocabularyName(context: IExecuteFunctions, i: number, fromLocator: boolean): string {
	const field = fromLocator ? 'Vocabulary' : 'Vocabulary Name';
	const name = fromLocator ? readLocator(context, i, 'vocabulary', field) : readText(context, i, 'vocabularyName', field);
	const v = new ItemValidator(context.getNode(), i);
	v.required(field, name, fromLocator ? 'Choose a vocabulary from the list or enter its name.' : undefined);
	checkName(v, field, name);
	return name;
}
