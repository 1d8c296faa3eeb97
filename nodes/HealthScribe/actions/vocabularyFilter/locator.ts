import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { NAME_PATTERN } from '../../model';
import { checkName } from '../../transport/names';
import { params } from '../../../common/params';

export const filterNameProperty: INodeProperties = {
	displayName: 'Vocabulary Filter Name',
	name: 'filterName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'clinic-filter',
	description: 'Up to 200 letters, digits, dots, hyphens or underscores; unique in the AWS account',
};

/** The Vocabulary Filter locator: From List (ListVocabularyFilters) or By Name. */
export function filterLocator(): INodeProperties {
	return {
		displayName: 'Vocabulary Filter',
		name: 'vocabularyFilter',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The vocabulary filter, picked from the list or entered by name',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchVocabularyFilters', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'clinic-filter',
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

export function readFilterName(
	context: IExecuteFunctions,
	i: number,
	fromLocator: boolean,
): string {
	const field = fromLocator ? 'Vocabulary Filter' : 'Vocabulary Filter Name';
	const name = fromLocator
		? params(context, i).locator('vocabularyFilter', field)
		: params(context, i).string('filterName', field);
	const v = new ItemValidator(context.getNode(), i);
	v.required(
		field,
		name,
		fromLocator ? 'Choose a vocabulary filter from the list or enter its name.' : undefined,
	);
	checkName(v, field, name);
	return name;
}
