import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { checkDate, compact, genderOptions } from '../fields';

/** Profile fields of the official page (fact sheet §5): `birth_date`, not the derived profile's `date_of_birth`. */
export function profileFieldsProperty(name: string, displayName: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Additional Context', name: 'additionalContext', type: 'string', typeOptions: { rows: 3 }, default: '', description: 'Free text Heidi uses as background for this patient' },
			{ displayName: 'Birth Date', name: 'birthDate', type: 'string', default: '', placeholder: '1980-04-23', description: 'Date of birth as YYYY-MM-DD' },
			{ displayName: 'Demographic String', name: 'demographicString', type: 'string', default: '', description: 'The patient line Heidi shows in its interface' },
			{ displayName: 'EHR Patient ID', name: 'ehrPatientId', type: 'string', default: '', description: 'The patient’s ID in your EHR' },
			{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Gender', name: 'gender', type: 'options', options: genderOptions, default: 'OTHER' },
			{ displayName: 'Identifiers (JSON)', name: 'identifiers', type: 'json', default: '[]', description: 'A JSON list of identifiers, as your Heidi integration defines them' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{ displayName: 'Patient Sex Code', name: 'patientSexCode', type: 'number', default: 0, description: 'Numeric sex code, when your integration uses one' },
			{ displayName: 'Phone', name: 'phone', type: 'string', default: '' },
		],
	};
}

/** The request body from the collection; every rule checked before any call. */
export function readProfileBody(context: IExecuteFunctions, itemIndex: number, name: string): IDataObject {
	const f = context.getNodeParameter(name, itemIndex, {}) as IDataObject;
	const v = new ItemValidator(context.getNode(), itemIndex);
	checkDate(v, 'Birth Date', f.birthDate as string | undefined);
	v.pattern('Email', f.email as string | undefined, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Use an address such as name@example.org.');
	if (f.patientSexCode !== undefined) v.integer('Patient Sex Code', f.patientSexCode as number);
	let identifiers: unknown;
	if (f.identifiers !== undefined && f.identifiers !== '') {
		try {
			identifiers = typeof f.identifiers === 'string' ? JSON.parse(f.identifiers) : f.identifiers;
		} catch {
			v.fail('Identifiers (JSON)', 'it is not valid JSON', 'Enter a JSON list, e.g. [{"system": "MRN", "value": "…"}].');
		}
		if (!Array.isArray(identifiers)) v.fail('Identifiers (JSON)', 'it is not a list', 'Enter a JSON list, e.g. [].');
	}
	return compact({
		first_name: f.firstName,
		last_name: f.lastName,
		birth_date: f.birthDate,
		gender: f.gender,
		ehr_patient_id: f.ehrPatientId,
		phone: f.phone,
		email: f.email,
		patient_sex_code: f.patientSexCode,
		identifiers: identifiers as IDataObject[] | undefined,
		demographic_string: f.demographicString,
		additional_context: f.additionalContext,
	});
}

export const profileIdProperty: INodeProperties = {
	displayName: 'Patient Profile ID',
	name: 'patientProfileId',
	type: 'string',
	required: true,
	default: '',
};
