import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ParamReader } from '../../common/params';
import type { FhirReferences } from '../../common/fhir';
import { fhirReferenceProperties, formatNote, noteFormatProperty, type NoteFormat } from '../../common/noteOutput';
import { heidiEncounterNote, type HeidiNoteParts } from '../outputs/encounterNote';
import { getSession, getTranscript } from '../transport/api';

const NOTE_FORMATS: readonly NoteFormat[] = ['raw', 'encounterNote', 'fhir'];

/** Note Format (with the given default) and the FHIR references shown for the FHIR format. */
export function noteFormatProperties(defaultFormat: NoteFormat, rawDescription: string): INodeProperties[] {
	return [
		{
			...noteFormatProperty,
			options: (noteFormatProperty.options ?? []).map((option) =>
				'value' in option && option.value === 'raw' ? { ...option, name: 'Heidi Response', description: rawDescription } : option,
			),
			default: defaultFormat,
		},
		...fhirReferenceProperties.map((property) => ({ ...property, displayOptions: { show: { noteFormat: ['fhir'] } } })),
	];
}

export interface NoteFormatSettings {
	format: NoteFormat;
	refs: FhirReferences;
}

/** Note Format and the FHIR references, read before any call. */
export function readNoteFormat(p: ParamReader): NoteFormatSettings {
	const format = p.options('noteFormat', 'Note Format', NOTE_FORMATS, 'raw');
	if (format !== 'fhir') return { format, refs: {} };
	return {
		format,
		refs: {
			patient: p.optionalString('fhirPatient', 'FHIR Patient Reference'),
			encounter: p.optionalString('fhirEncounter', 'FHIR Encounter Reference'),
			author: p.optionalString('fhirAuthor', 'FHIR Author Reference'),
		},
	};
}

/**
 * The note in the chosen format. EncounterNote and FHIR need the session and its transcript:
 * what the caller already has is passed in, the rest is read.
 */
export async function shapeNote(
	context: IExecuteFunctions,
	itemIndex: number,
	sessionId: string,
	raw: IDataObject,
	settings: NoteFormatSettings,
	known: Partial<HeidiNoteParts> = {},
): Promise<IDataObject> {
	if (settings.format === 'raw') return raw;
	const [session, transcript] = await Promise.all([
		known.session ?? getSession(context, sessionId, itemIndex),
		known.transcript ?? getTranscript(context, sessionId, itemIndex),
	]);
	const note = heidiEncounterNote({ session, transcript, note: known.note });
	return formatNote(note, raw, settings.format, settings.refs);
}
