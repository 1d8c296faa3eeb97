import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { updateSession } from '../../transport/api';
import { checkId, compact, genderOptions, readSessionId, sessionIdProperty, toList } from '../fields';
import type { HeidiOperation } from '../operation';

export const update: HeidiOperation = {
	option: { name: 'Update', value: 'update', action: 'Update a session', description: 'Change session fields; only the fields you set are sent' },
	description: [
		sessionIdProperty(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{ displayName: 'Clinician Notes', name: 'clinicianNotes', type: 'string', typeOptions: { multipleValues: true, rows: 3 }, default: [], description: 'Context for the note (allergies, medications…); Markdown allowed. Replaces the session’s notes.' },
				{ displayName: 'Consent Obtained', name: 'isConsent', type: 'boolean', default: true, description: 'Whether the patient consented to the recording (sent as is_consent)' },
				{ displayName: 'Created Time (Local)', name: 'createdTimeLocal', type: 'string', default: '', description: 'The consultation’s local start time, as your EHR writes it' },
				{ displayName: 'Duration (Seconds)', name: 'duration', type: 'number', typeOptions: { minValue: 0 }, default: 0 },
				{ displayName: 'EHR Appointment ID', name: 'ehrApptId', type: 'string', default: '', description: 'Sent as ehr_appt_id' },
				{ displayName: 'EHR Patient ID', name: 'ehrPatientId', type: 'string', default: '' },
				{ displayName: 'Generate Output Without Recording', name: 'generateOutputWithoutRecording', type: 'boolean', default: false, description: 'Whether Heidi may write a note from context alone, without audio' },
				{ displayName: 'Language Code', name: 'languageCode', type: 'string', default: '', placeholder: 'en', description: 'Language spoken in the consultation' },
				{ displayName: 'Linked Sessions for Context', name: 'linkedSessions', type: 'string', typeOptions: { multipleValues: true }, default: [], description: 'Session IDs whose consult notes Heidi uses as context. Replaces the current list.' },
				{ displayName: 'Output Language Code', name: 'outputLanguageCode', type: 'string', default: '', placeholder: 'en', description: 'Language Heidi writes the note in' },
				{ displayName: 'Patient Date of Birth', name: 'patientDob', type: 'string', default: '', placeholder: '1980-04-23' },
				{ displayName: 'Patient Demographic Details', name: 'patientDemographicDetails', type: 'string', default: '' },
				{ displayName: 'Patient Gender', name: 'patientGender', type: 'options', options: genderOptions, default: 'OTHER' },
				{ displayName: 'Patient Name', name: 'patientName', type: 'string', default: '' },
				{ displayName: 'Recording Status', name: 'recordingStatus', type: 'string', default: '', description: 'Heidi does not document the values; use what Heidi returns on sessions' },
				{ displayName: 'Session Status', name: 'sessionStatus', type: 'string', default: '', description: 'Heidi does not document the values; use what Heidi returns on sessions' },
				{ displayName: 'Transcribe Mode', name: 'transcribeMode', type: 'string', default: '', description: 'Heidi does not document the values; use what Heidi returns on sessions' },
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const f = this.getNodeParameter('updateFields', i, {}) as IDataObject;
		const v = new ItemValidator(this.getNode(), i);
		if (f.duration !== undefined) v.range('Duration (Seconds)', f.duration as number, 0, Number.MAX_SAFE_INTEGER);
		const patient = compact({ name: f.patientName, gender: f.patientGender, dob: f.patientDob, demographic_details: f.patientDemographicDetails });
		const linked = f.linkedSessions === undefined ? undefined : toList(f.linkedSessions).map((id) => checkId(v, 'Linked Sessions for Context', id));
		if (linked?.includes(sessionId)) v.fail('Linked Sessions for Context', 'it contains the session itself', 'Link other sessions only.');
		const patch = compact({
			duration: f.duration,
			language_code: f.languageCode,
			output_language_code: f.outputLanguageCode,
			transcribe_mode: f.transcribeMode,
			patient: Object.keys(patient).length ? patient : undefined,
			clinician_notes: f.clinicianNotes === undefined ? undefined : toList(f.clinicianNotes),
			ehr_patient_id: f.ehrPatientId,
			ehr_appt_id: f.ehrApptId,
			generate_output_without_recording: f.generateOutputWithoutRecording,
			recording_status: f.recordingStatus,
			session_status: f.sessionStatus,
			is_consent: f.isConsent,
			created_time_local: f.createdTimeLocal,
			linked_sessions_for_context: linked,
		});
		if (!Object.keys(patch).length) v.fail('Update Fields', 'nothing is set', 'Add at least one field to update.');
		return await updateSession(this, sessionId, patch, i);
	},
};
