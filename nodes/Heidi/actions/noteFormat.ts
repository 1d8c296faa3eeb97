import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { FhirOptions } from '../../common/fhir';
import { fhirReferenceProperties, formatNote, noteFormatProperty, readFhirOptions, type NoteFormat } from '../../common/noteOutput';
import { describedGetter, type ParamReader } from '../../common/params';
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
	fhir: FhirOptions;
}

/** Note Format and the FHIR settings, read and checked before any call (a missing patient fails here). */
export function readNoteFormat(p: ParamReader): NoteFormatSettings {
	const format = p.options('noteFormat', 'Note Format', NOTE_FORMATS, 'raw');
	return { format, fhir: format === 'fhir' ? readFhirOptions(describedGetter(p, fhirReferenceProperties)) : {} };
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
	return formatNote(note, raw, settings.format, settings.fhir);
}
