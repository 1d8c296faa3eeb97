import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { listPatientProfiles } from '../../transport/api';
import { compact } from '../compact';
import { paginationProperties, readLimit } from '../../../common/pagination';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getAll: Operation<'getAll'> = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many patient profiles',
		description: 'List patient profiles, optionally only those with an EHR patient ID',
	},
	description: [
		...paginationProperties(),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: [
				{
					displayName: 'EHR Patient ID',
					name: 'ehrPatientId',
					type: 'string',
					default: '',
					description: 'Only the profile(s) with this EHR patient ID',
				},
				{
					displayName: 'EHR Provider',
					name: 'ehrProvider',
					type: 'string',
					default: '',
					description:
						'Only profiles from this EHR provider (some integrations need it with the EHR patient ID)',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const filters = p.collection('filters', 'Filters');
		const query = compact({
			ehr_patient_id: p.optionalText('EHR Patient ID', filters.ehrPatientId),
			ehr_provider: p.optionalText('EHR Provider', filters.ehrProvider),
		});
		return jsonItems(await listPatientProfiles(this, query, readLimit(this, i), i), i);
	},
};
