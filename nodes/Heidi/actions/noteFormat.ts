import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import {
	formatNote,
	noteOutputProperties,
	readNoteOutput,
	type NoteFormat,
	type NoteOutputSettings,
	type NoteParameter,
} from '../../common/noteOutput';
import type { ParamReader } from '../../common/params';
import { heidiEncounterNote, type HeidiNoteParts } from '../outputs/encounterNote';
import { getSession, getTranscript } from '../transport/api';

/** How a consult-note operation offers the note: the note is its whole output, so there is no None. Version 1 had the same name. */
export function noteParameter(defaultFormat: NoteFormat, rawDescription: string): NoteParameter {
	const description = 'In which shape to return the note';
	return {
		default: defaultFormat,
		description,
		raw: { name: 'Heidi Response', description: rawDescription },
		legacy: { name: 'noteFormat', displayName: 'Note Format', description },
	};
}

/** Note Format (with the given default), Simplify, and the FHIR settings shown for the FHIR format. */
export function noteFormatProperties(spec: NoteParameter): INodeProperties[] {
	return noteOutputProperties(spec);
}

export type NoteFormatSettings = NoteOutputSettings & { format: NoteFormat };

/** Note Format, Simplify and the FHIR settings, read and checked before any call (a missing patient fails here). */
export function readNoteFormat(p: ParamReader, spec: NoteParameter): NoteFormatSettings {
	return readNoteOutput(p, spec) as NoteFormatSettings;
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
	return formatNote(note, raw, settings);
}
