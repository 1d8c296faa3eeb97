import { createHash } from 'node:crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { EncounterNote } from './encounterNote';
import { toFhirBundle, type FhirReferences } from './fhir';

export type NoteFormat = 'encounterNote' | 'fhir' | 'raw';

/** The "Note Format" choice offered wherever a node returns a clinical note. */
export const noteFormatProperty: INodeProperties = {
	displayName: 'Note Format',
	name: 'noteFormat',
	type: 'options',
	options: [
		{ name: 'EncounterNote', value: 'encounterNote', description: 'One vendor-neutral shape: sections, transcript turns, insights and markdown' },
		{ name: 'FHIR R4 Bundle', value: 'fhir', description: 'A transaction Bundle with a DocumentReference and a Composition, ready for an EHR’s FHIR API' },
		{ name: 'Raw Vendor JSON', value: 'raw', description: 'The files exactly as the service wrote them' },
	],
	default: 'encounterNote',
};

/** FHIR references asked for when the format is FHIR. */
export const fhirReferenceProperties: INodeProperties[] = [
	{ displayName: 'FHIR Patient Reference', name: 'fhirPatient', type: 'string', default: '', placeholder: 'Patient/123', description: 'Written to subject; leave blank to let the EHR link it' },
	{ displayName: 'FHIR Encounter Reference', name: 'fhirEncounter', type: 'string', default: '', placeholder: 'Encounter/456' },
	{ displayName: 'FHIR Author Reference', name: 'fhirAuthor', type: 'string', default: '', placeholder: 'Practitioner/789' },
];

/** A UUID derived from a name, so re-running a workflow produces the same FHIR fullUrls. */
export function stableUuid(name: string): string {
	const hex = createHash('sha1').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Shapes a note for output in the chosen format; `raw` is the vendor JSON it was built from. */
export function formatNote(note: EncounterNote, raw: IDataObject, format: NoteFormat, refs: FhirReferences = {}): IDataObject {
	if (format === 'raw') return raw;
	if (format === 'encounterNote') return note as unknown as IDataObject;
	const seed = `${note.source.vendor}:${Object.values(note.source.ids).join(':')}`;
	return toFhirBundle(note, refs, { composition: stableUuid(`${seed}:composition`), documentReference: stableUuid(`${seed}:document`) });
}
