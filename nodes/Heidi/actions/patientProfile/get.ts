import type { IExecuteFunctions } from 'n8n-workflow';
import { getPatientProfile } from '../../transport/api';
import { readId } from '../ids';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { profileIdProperty } from './profileFields';

export const get: Operation<'get'> = {
	option: { name: 'Get', value: 'get', action: 'Get a patient profile' },
	description: [profileIdProperty],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(
			await getPatientProfile(this, readId(this, i, 'patientProfileId', 'Patient Profile ID'), i),
			i,
		);
	},
};
