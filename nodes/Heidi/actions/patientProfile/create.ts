import type { IExecuteFunctions } from 'n8n-workflow';
import { createPatientProfile } from '../../transport/api';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { profileFieldsProperty, readProfileBody } from './profileFields';

export const create: Operation<'create'> = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a patient profile',
		description: 'Create a patient profile that sessions can link to',
	},
	description: [profileFieldsProperty('profileFields', 'Profile Fields')],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(
			await createPatientProfile(
				this,
				readProfileBody(this, i, 'profileFields', 'Profile Fields'),
				i,
			),
			i,
		);
	},
};
