import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { listPatientProfiles } from '../../transport/api';
import { compact, readLimit, returnAllProperties } from '../fields';
import type { HeidiOperation } from '../operation';

export const getAll: HeidiOperation = {
	option: { name: 'Get Many', value: 'getAll', action: 'Get many patient profiles', description: 'List patient profiles, optionally only those with an EHR patient ID' },
	description: [
		...returnAllProperties,
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{ displayName: 'EHR Patient ID', name: 'ehrPatientId', type: 'string', default: '', description: 'Only the profile(s) with this EHR patient ID' },
				{ displayName: 'EHR Provider', name: 'ehrProvider', type: 'string', default: '', description: 'Only profiles from this EHR provider (some integrations need it with the EHR patient ID)' },
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
		const query = compact({ ehr_patient_id: (filters.ehrPatientId as string)?.trim(), ehr_provider: (filters.ehrProvider as string)?.trim() });
		return await listPatientProfiles(this, query, readLimit(this, i), i);
	},
};
