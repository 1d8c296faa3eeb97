import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { updatePatientProfile } from '../../transport/api';
import { readId } from '../ids';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { profileFieldsProperty, profileIdProperty, readProfileBody } from './profileFields';

export const update: Operation<'update'> = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a patient profile',
		description: 'Change profile fields; only the fields you set are sent',
	},
	description: [profileIdProperty, profileFieldsProperty('updateFields', 'Update Fields')],
	async execute(this: IExecuteFunctions, i: number) {
		const id = readId(this, i, 'patientProfileId', 'Patient Profile ID');
		const body = readProfileBody(this, i, 'updateFields', 'Update Fields');
		if (!Object.keys(body).length)
			params(this, i).fail('Update Fields', 'nothing is set', 'Add at least one field to update.');
		return jsonItems(await updatePatientProfile(this, id, body, i), i);
	},
};
