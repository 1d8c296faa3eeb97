import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { createSession } from '../../transport/api';
import { compact } from '../compact';
import { checkId } from '../ids';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const create: Operation<'create'> = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a session',
		description: 'Start a new consultation session',
	},
	description: [
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'EHR Appointment ID',
					name: 'ehrAppointmentId',
					type: 'string',
					default: '',
					description: 'The appointment in your EHR this consultation belongs to',
				},
				{
					displayName: 'Patient Profile ID',
					name: 'patientProfileId',
					type: 'string',
					default: '',
					description:
						'Link the session to a patient profile, so Heidi uses the patient’s details and earlier sessions as context',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const fields = p.collection('additionalFields', 'Additional Fields');
		const profileId = p.optionalText('Patient Profile ID', fields.patientProfileId);
		// Older docs and several clients send no body; an empty one is sent the same way.
		const body = compact({
			patient_profile_id:
				profileId === undefined ? undefined : checkId(p, 'Patient Profile ID', profileId),
			ehr_appointment_id: p.optionalText('EHR Appointment ID', fields.ehrAppointmentId),
		});
		return jsonItems(await createSession(this, body, i), i);
	},
};
