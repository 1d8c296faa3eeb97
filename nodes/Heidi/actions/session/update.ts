import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { updateSession } from '../../transport/api';
import { compact } from '../compact';
import { GENDERS, genderOptions } from '../enums';
import { checkId, readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const update: Operation<'update'> = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a session',
		description: 'Change session fields; only the fields you set are sent',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Update Fields',
			name: 'updateFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Clinician Notes',
					name: 'clinicianNotes',
					type: 'string',
					typeOptions: { multipleValues: true, rows: 3 },
					default: [],
					description:
						'Context for the note (allergies, medications…); Markdown allowed. Replaces the session’s notes.',
				},
				{
					displayName: 'Consent Obtained',
					name: 'isConsent',
					type: 'boolean',
					default: true,
					description: 'Whether the patient agreed to the consultation being recorded',
				},
				{
					displayName: 'Created Time (Local)',
					name: 'createdTimeLocal',
					type: 'string',
					default: '',
					description:
						'When the consultation started, in the clinic’s local time as your EHR writes it',
				},
				{
					displayName: 'Duration (Seconds)',
					name: 'duration',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Length of the consultation recording, in seconds',
				},
				{
					displayName: 'EHR Appointment ID',
					name: 'ehrApptId',
					type: 'string',
					default: '',
					description: 'The appointment in your EHR (practice system) this consultation belongs to',
				},
				{
					displayName: 'EHR Patient ID',
					name: 'ehrPatientId',
					type: 'string',
					default: '',
					description: 'The patient’s ID in your EHR (practice system)',
				},
				{
					displayName: 'Generate Output Without Recording',
					name: 'generateOutputWithoutRecording',
					type: 'boolean',
					default: false,
					description: 'Whether Heidi may write a note from context alone, without audio',
				},
				{
					displayName: 'Language Code',
					name: 'languageCode',
					type: 'string',
					default: '',
					placeholder: 'en',
					description: 'Language spoken in the consultation, as a code such as en or fr',
				},
				{
					displayName: 'Linked Sessions for Context',
					name: 'linkedSessions',
					type: 'string',
					typeOptions: { multipleValues: true },
					default: [],
					description:
						'Session IDs whose consult notes Heidi uses as context. Replaces the current list.',
				},
				{
					displayName: 'Output Language Code',
					name: 'outputLanguageCode',
					type: 'string',
					default: '',
					placeholder: 'en',
					description: 'Language Heidi writes the note in, as a code such as en or fr',
				},
				{
					displayName: 'Patient Date of Birth',
					name: 'patientDob',
					type: 'string',
					default: '',
					placeholder: '1980-04-23',
					description: 'As YYYY-MM-DD',
				},
				{
					displayName: 'Patient Demographic Details',
					name: 'patientDemographicDetails',
					type: 'string',
					default: '',
					description: 'The patient line Heidi shows in its interface, e.g. age and pronouns',
				},
				{
					displayName: 'Patient Gender',
					name: 'patientGender',
					type: 'options',
					options: genderOptions,
					default: 'OTHER',
					description: 'The patient’s gender as Heidi records it',
				},
				{
					displayName: 'Patient Name',
					name: 'patientName',
					type: 'string',
					default: '',
					description: 'The name Heidi shows for the patient of this session',
				},
				{
					displayName: 'Recording Status',
					name: 'recordingStatus',
					type: 'string',
					default: '',
					description:
						'Rarely needed. Heidi does not publish the possible values: copy one from a session Heidi returned (Session → Get).',
				},
				{
					displayName: 'Session Status',
					name: 'sessionStatus',
					type: 'string',
					default: '',
					description:
						'Rarely needed. Heidi does not publish the possible values: copy one from a session Heidi returned (Session → Get).',
				},
				{
					displayName: 'Transcribe Mode',
					name: 'transcribeMode',
					type: 'string',
					default: '',
					description:
						'Rarely needed. Heidi does not publish the possible values: copy one from a session Heidi returned (Session → Get).',
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const f = p.collection('updateFields', 'Update Fields');
		const text = (field: string, label: string) => p.optionalText(label, f[field]);
		const duration = p.num('Duration (Seconds)', f.duration);
		if (duration !== undefined) p.range('Duration (Seconds)', duration, 0, Number.MAX_SAFE_INTEGER);
		const patient = compact({
			name: text('patientName', 'Patient Name'),
			gender: p.choice('Patient Gender', f.patientGender, GENDERS),
			dob: p.date('Patient Date of Birth', f.patientDob),
			demographic_details: text('patientDemographicDetails', 'Patient Demographic Details'),
		});
		const list = (field: string, label: string) =>
			f[field] === undefined ? undefined : p.textList(label, f[field], { lines: true });
		const linked = list('linkedSessions', 'Linked Sessions for Context')?.map((id) =>
			checkId(p, 'Linked Sessions for Context', id, 'number'),
		);
		if (linked?.includes(sessionId))
			p.fail(
				'Linked Sessions for Context',
				'it contains the session itself',
				'Link other sessions only.',
			);
		const flag = (field: string, label: string) =>
			f[field] === undefined || f[field] === null ? undefined : p.bool(label, f[field], false);
		const patch = compact({
			duration,
			language_code: text('languageCode', 'Language Code'),
			output_language_code: text('outputLanguageCode', 'Output Language Code'),
			transcribe_mode: text('transcribeMode', 'Transcribe Mode'),
			patient: Object.keys(patient).length ? patient : undefined,
			clinician_notes: list('clinicianNotes', 'Clinician Notes'),
			ehr_patient_id: text('ehrPatientId', 'EHR Patient ID'),
			ehr_appt_id: text('ehrApptId', 'EHR Appointment ID'),
			generate_output_without_recording: flag(
				'generateOutputWithoutRecording',
				'Generate Output Without Recording',
			),
			recording_status: text('recordingStatus', 'Recording Status'),
			session_status: text('sessionStatus', 'Session Status'),
			is_consent: flag('isConsent', 'Consent Obtained'),
			created_time_local: text('createdTimeLocal', 'Created Time (Local)'),
			linked_sessions_for_context: linked,
		});
		if (!Object.keys(patch).length)
			p.fail('Update Fields', 'nothing is set', 'Add at least one field to update.');
		return jsonItems(await updateSession(this, sessionId, patch, i), i);
	},
};
