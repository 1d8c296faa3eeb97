import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { params } from '../../../common/params';
import { compact } from '../compact';
import { GENDERS, genderOptions } from '../enums';

/** Profile fields of the official page (https://www.heidihealth.com/developers/heidi-api/patient-profiles): `birth_date`, not the derived profile's `date_of_birth`. */
export function profileFieldsProperty(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Additional Context',
				name: 'additionalContext',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Free text Heidi uses as background for this patient',
			},
			{
				displayName: 'Birth Date',
				name: 'birthDate',
				type: 'string',
				default: '',
				placeholder: '1980-04-23',
				description: 'Date of birth as YYYY-MM-DD',
			},
			{
				displayName: 'Demographic String',
				name: 'demographicString',
				type: 'string',
				default: '',
				description: 'The patient line Heidi shows in its interface',
			},
			{
				displayName: 'EHR Patient ID',
				name: 'ehrPatientId',
				type: 'string',
				default: '',
				description: 'The patient’s ID in your EHR',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{
				displayName: 'Gender',
				name: 'gender',
				type: 'options',
				options: genderOptions,
				default: 'OTHER',
				description: 'The patient’s gender as Heidi records it',
			},
			{
				displayName: 'Identifiers (JSON)',
				name: 'identifiers',
				type: 'json',
				default: '[]',
				description: 'A JSON list of identifiers, as your Heidi integration defines them',
			},
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				displayName: 'Patient Sex Code',
				name: 'patientSexCode',
				type: 'number',
				default: 0,
				description: 'Numeric sex code, when your integration uses one',
			},
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	};
}

/** The request body from the collection; every rule checked before any call. */
export function readProfileBody(
	context: IExecuteFunctions,
	itemIndex: number,
	name: string,
	label: string,
): IDataObject {
	const p = params(context, itemIndex);
	const f = p.collection(name, label);
	const text = (field: string, fieldLabel: string) => p.optionalText(fieldLabel, f[field]);
	const email = text('email', 'Email');
	p.pattern(
		'Email',
		email,
		/^[^\s@]+@[^\s@]+\.[^\s@]+$/,
		'Use an address such as name@example.org.',
	);
	const sexCode = p.num('Patient Sex Code', f.patientSexCode);
	if (sexCode !== undefined) p.integer('Patient Sex Code', sexCode);
	let identifiers: unknown;
	if (f.identifiers !== undefined && f.identifiers !== null && f.identifiers !== '') {
		try {
			identifiers = typeof f.identifiers === 'string' ? JSON.parse(f.identifiers) : f.identifiers;
		} catch {
			p.fail(
				'Identifiers (JSON)',
				'it is not valid JSON',
				'Enter a JSON list, e.g. [{"system": "MRN", "value": "…"}].',
			);
		}
		if (!Array.isArray(identifiers))
			p.fail('Identifiers (JSON)', 'it is not a list', 'Enter a JSON list, e.g. [].');
	}
	return compact({
		first_name: text('firstName', 'First Name'),
		last_name: text('lastName', 'Last Name'),
		birth_date: p.date('Birth Date', f.birthDate),
		gender: p.choice('Gender', f.gender, GENDERS),
		ehr_patient_id: text('ehrPatientId', 'EHR Patient ID'),
		phone: text('phone', 'Phone'),
		email,
		patient_sex_code: sexCode,
		identifiers: identifiers as IDataObject[] | undefined,
		demographic_string: text('demographicString', 'Demographic String'),
		additional_context: text('additionalContext', 'Additional Context'),
	});
}

export const profileIdProperty: INodeProperties = {
	displayName: 'Patient Profile ID',
	name: 'patientProfileId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID Heidi gave the patient profile (returned by Create, or found with Get Many)',
};
