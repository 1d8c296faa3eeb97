import type { IExecuteFunctions } from 'n8n-workflow';
import { getPatientProfile } from '../../transport/api';
import { readId } from '../fields';
import type { HeidiOperation } from '../operation';
import { profileIdProperty } from './profileFields';

export const get: HeidiOperation = {
	option: { name: 'Get', value: 'get', action: 'Get a patient profile' },
	description: [profileIdProperty],
	async execute(this: IExecuteFunctions, i: number) {
		return await getPatientProfile(this, readId(this, i, 'patientProfileId', 'Patient Profile ID'), i);
	},
};
