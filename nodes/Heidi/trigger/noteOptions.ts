import type { INodeProperties } from 'n8n-workflow';
import {
	CURRENT_VERSIONS,
	isLegacyVersion,
	LEGACY_VERSIONS,
	noteOutputProperties,
	readNoteOutput,
	type NoteOutputSettings,
	type NoteParameter,
} from '../../common/noteOutput';
import type { ParamReader } from '../../common/params';

/** How Consult Note Ready events carry the note (version 2: Note Format; the note under "note"). */
export const TRIGGER_NOTE: NoteParameter = {
	default: 'none',
	none: 'Only the event and the session',
	description:
		'Whether to add the consult note to Consult Note Ready events under "note", and in which shape (EncounterNote and FHIR read the transcript)',
	raw: { name: 'Heidi Response', description: 'The consult note exactly as Heidi returns it' },
};

/** Version 1's switch in Options, replaced by Note Format in version 2. */
const LEGACY_SWITCH = 'includeEncounterNote';

const withShow = (
	property: INodeProperties,
	versions: NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>,
): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, ...versions },
	},
});

/**
 * The trigger's parameters for every version, from version 1's list: version 1 keeps its Options
 * with "Include EncounterNote" (a saved workflow runs as it was saved); version 2 gets Note Format
 * after Events and Options without the switch.
 */
export function versionedTriggerProperties(properties: INodeProperties[]): INodeProperties[] {
	return properties.flatMap((property) => {
		if (property.name === 'events') return [property, ...noteOutputProperties(TRIGGER_NOTE)];
		if (property.name !== 'options' || property.type !== 'collection') return [property];
		const current = {
			...property,
			options: (property.options ?? []).filter(
				(option) => !('name' in option && option.name === LEGACY_SWITCH),
			),
		} as INodeProperties;
		return [withShow(property, LEGACY_VERSIONS), withShow(current, CURRENT_VERSIONS)];
	});
}

export interface TriggerNote {
	settings: NoteOutputSettings;
	/** Where the item carries the note: "encounterNote" in version 1, "note" since. */
	key: string;
}

/** The note settings through the one reader; `options` is the Options collection (version 1's switch). */
export function readTriggerNote(p: ParamReader, options: Record<string, unknown>): TriggerNote {
	const legacy = (reader: ParamReader) =>
		reader.bool('Include EncounterNote', options[LEGACY_SWITCH], false) ? 'encounterNote' : 'none';
	return {
		settings: readNoteOutput(p, TRIGGER_NOTE, legacy),
		key: isLegacyVersion(p) ? 'encounterNote' : 'note',
	};
}
