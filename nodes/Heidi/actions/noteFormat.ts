import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fhirReferenceProperties, formatNote, noteFormatProperty, readFhirOptions, type NoteFormat } from '../../common/noteOutput';
import type { FhirOptions } from '../../common/fhir';
import { heidiEncounterNote, type HeidiNoteParts } from '../outputs/encounterNote';
import { getSession, getTranscript } from '../transport/api';

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

/** The FHIR settings when the format is FHIR (checked: a missing patient fails here, before any call to Heidi). */
export function readNoteFhirOptions(context: IExecuteFunctions, itemIndex: number): FhirOptions {
	const format = context.getNodeParameter('noteFormat', itemIndex, 'raw') as NoteFormat;
	return format === 'fhir' ? readFhirOptions((name, fallback) => context.getNodeParameter(name, itemIndex, fallback)) : {};
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
	known: Partial<HeidiNoteParts> = {},
): Promise<IDataObject> {
	const format = context.getNodeParameter('noteFormat', itemIndex, 'raw') as NoteFormat;
	if (format === 'raw') return raw;
	const fhir = readNoteFhirOptions(context, itemIndex);
	const [session, transcript] = await Promise.all([
		known.session ?? getSession(context, sessionId, itemIndex),
		known.transcript ?? getTranscript(context, sessionId, itemIndex),
	]);
	const note = heidiEncounterNote({ session, transcript, note: known.note });
	return formatNote(note, raw, format, fhir);
}
