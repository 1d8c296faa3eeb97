import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import { fhirReferenceProperties, noteFormatProperty, readFhirOptions, type NoteFormat } from '../../../common/noteOutput';
import type { ArtifactKind } from '../../outputs/layout';
import { ARTIFACT_KINDS, type NoteSettings } from '../../outputs/encounterNote';

type Show = NonNullable<IDisplayOptions['show']>;

/** "Include Note" (none / EncounterNote / FHIR / raw artifacts) and its companions, shown where `show` says. */
export function noteProperties(show: Show): INodeProperties[] {
	const when = (extra: Show): IDisplayOptions => ({ show: { ...show, ...extra } });
	return [
		{
			displayName: 'Include Note',
			name: 'includeNote',
			type: 'options',
			options: [{ name: 'None', value: 'none', description: 'Only the session details' }, ...(noteFormatProperty.options as Array<{ name: string; value: string }>)],
			default: 'none',
			description: 'Whether to download the post-stream artifacts from S3, and in which shape to return them under "note"',
			displayOptions: when({}),
		},
		...fhirReferenceProperties.map((property) => ({ ...property, displayOptions: when({ includeNote: ['fhir'] }) })),
		{
			displayName: 'Artifacts',
			name: 'artifacts',
			type: 'multiOptions',
			options: [
				{ name: 'Clinical Note', value: 'clinicalNote' },
				{ name: 'Transcript', value: 'transcript' },
				{ name: 'After-Visit Summary', value: 'afterVisitSummary' },
			],
			default: ['clinicalNote', 'transcript', 'afterVisitSummary'],
			description: 'Which artifact files to return as they are',
			displayOptions: when({ includeNote: ['raw'] }),
		},
	];
}

/** Reads the settings through the caller's getter; undefined when no note is wanted. */
export function readNoteSettings(read: (name: string, fallback: unknown) => unknown): NoteSettings | undefined {
	const include = String(read('includeNote', 'none'));
	if (include === 'none') return undefined;
	const format = include as NoteFormat;
	const picked = (read('artifacts', ARTIFACT_KINDS) as string[]).filter((kind): kind is ArtifactKind => ARTIFACT_KINDS.includes(kind as ArtifactKind));
	return {
		format,
		refs: format === 'fhir' ? readFhirOptions(read) : {},
		rawArtifacts: picked.length ? picked : ARTIFACT_KINDS,
	};
}
