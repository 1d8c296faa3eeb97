import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';
import {
	noteOutputProperties,
	readNoteOutput,
	type NoteParameter,
} from '../../../common/noteOutput';
import type { ParamReader } from '../../../common/params';
import type { ArtifactKind } from '../../outputs/layout';
import { ARTIFACT_KINDS, type NoteSettings } from '../../outputs/encounterNote';

type Show = NonNullable<IDisplayOptions['show']>;

const ARTIFACTS_LABEL = 'Artifacts';

/** Which artifact files Raw returns. */
const rawSettings = (show: Show): INodeProperties[] => [
	{
		displayName: ARTIFACTS_LABEL,
		name: 'artifacts',
		type: 'multiOptions',
		options: [
			{ name: 'Clinical Note', value: 'clinicalNote' },
			{ name: 'Transcript', value: 'transcript' },
			{ name: 'After-Visit Summary', value: 'afterVisitSummary' },
		],
		default: ['clinicalNote', 'transcript', 'afterVisitSummary'],
		description: 'Which artifact files to return as they are',
		displayOptions: { show },
	},
];

/** How a session's note is offered (Get, the trigger; Start with wait has its own default); version 1 had "Include Note". */
export function noteParameter(
	overrides: Partial<Pick<NoteParameter, 'default' | 'description'>> = {},
): NoteParameter {
	const description =
		overrides.description ??
		'Whether to download the post-stream artifacts from S3, and in which shape to return them under "note"';
	return {
		default: overrides.default ?? 'none',
		none: 'Only the session details',
		description,
		rawSettings,
		legacy: { name: 'includeNote', displayName: 'Include Note', description },
	};
}

/** Note Format and its companions, shown where `show` says. */
export function noteProperties(
	show: Show,
	spec: NoteParameter = noteParameter(),
): INodeProperties[] {
	return noteOutputProperties(spec, show);
}

/** Reads the settings through the one reader; undefined when no note is wanted. */
export function readNoteSettings(
	p: ParamReader,
	spec: NoteParameter = noteParameter(),
): NoteSettings | undefined {
	const note = readNoteOutput(p, spec);
	if (note.format === 'none') return undefined;
	// An empty choice returns every artifact; a value no option has is refused.
	const picked =
		note.format === 'raw'
			? p
					.textList(ARTIFACTS_LABEL, p.raw('artifacts', ARTIFACT_KINDS))
					.map((kind) => p.choice(ARTIFACTS_LABEL, kind, ARTIFACT_KINDS) as ArtifactKind)
			: [];
	return { ...note, format: note.format, rawArtifacts: picked.length ? picked : ARTIFACT_KINDS };
}
