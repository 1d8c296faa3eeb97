import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { EncounterNote } from './encounterNote';
import { checkFhirOptions, DEFAULT_ATTACHMENTS, toFhirBundle, type FhirAttachmentFormat, type FhirOptions, type MissingPatientPolicy } from './fhir';

export { stableUuid } from './fhir';

export type NoteFormat = 'encounterNote' | 'fhir' | 'raw';

/** The "Note Format" choice offered wherever a node returns a clinical note. */
export const noteFormatProperty: INodeProperties = {
	displayName: 'Note Format',
	name: 'noteFormat',
	type: 'options',
	options: [
		{ name: 'EncounterNote', value: 'encounterNote', description: 'One vendor-neutral shape: sections, transcript turns, insights and markdown' },
		{ name: 'FHIR R4 Bundle (US Core)', value: 'fhir', description: 'A transaction Bundle with a US Core DocumentReference and a Composition, ready for an EHR’s FHIR API' },
		{ name: 'Raw Vendor JSON', value: 'raw', description: 'The files exactly as the service wrote them' },
	],
	default: 'encounterNote',
};

/** FHIR settings asked for when the format is FHIR: the references, the attachment types, and the missing-patient policy. */
export const fhirReferenceProperties: INodeProperties[] = [
	{
		displayName: 'FHIR Patient Reference',
		name: 'fhirPatient',
		type: 'string',
		default: '',
		placeholder: 'Patient/123',
		description: 'Written to subject; US Core requires it (see If Patient Reference Is Missing)',
	},
	{ displayName: 'FHIR Encounter Reference', name: 'fhirEncounter', type: 'string', default: '', placeholder: 'Encounter/456' },
	{ displayName: 'FHIR Author Reference', name: 'fhirAuthor', type: 'string', default: '', placeholder: 'Practitioner/789' },
	{
		displayName: 'FHIR Attachment Formats',
		name: 'fhirAttachments',
		type: 'multiOptions',
		options: [
			{ name: 'Plain Text', value: 'text', description: 'Content type text/plain, taken by every EHR FHIR API' },
			{ name: 'HTML', value: 'html', description: 'Content type text/html, rendered from the sections with every text escaped' },
			{ name: 'Markdown', value: 'markdown', description: 'Content type text/markdown: the EncounterNote markdown' },
		],
		default: [...DEFAULT_ATTACHMENTS],
		description: 'Content types of the note attached to the DocumentReference',
	},
	{
		displayName: 'If Patient Reference Is Missing',
		name: 'fhirMissingPatient',
		type: 'options',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error: EHRs reject notes without a patient' },
			{ name: 'Warn', value: 'warn', description: 'Return the Bundle without subject (not US Core), tagged with a warning' },
		],
		default: 'fail',
	},
];

/** Reads the FHIR settings through the caller's parameter getter and checks them (before any network call). */
export function readFhirOptions(read: (name: string, fallback: unknown) => unknown): FhirOptions {
	const text = (name: string) => String(read(name, '') ?? '').trim() || undefined;
	const attachments = read('fhirAttachments', DEFAULT_ATTACHMENTS);
	const options: FhirOptions = {
		patient: text('fhirPatient'),
		encounter: text('fhirEncounter'),
		author: text('fhirAuthor'),
		attachments: Array.isArray(attachments) ? (attachments as FhirAttachmentFormat[]) : [...DEFAULT_ATTACHMENTS],
		missingPatient: (text('fhirMissingPatient') ?? 'fail') as MissingPatientPolicy,
	};
	checkFhirOptions(options);
	return options;
}

/** Shapes a note for output in the chosen format; `raw` is the vendor JSON it was built from. */
export function formatNote(note: EncounterNote, raw: IDataObject, format: NoteFormat, options: FhirOptions = {}): IDataObject {
	if (format === 'raw') return raw;
	if (format === 'encounterNote') return note as unknown as IDataObject;
	return toFhirBundle(note, options);
}
