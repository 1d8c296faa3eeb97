import type {
	IDataObject,
	IDisplayOptions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import type { EncounterNote } from './encounterNote';
import {
	checkFhirOptions,
	DEFAULT_ATTACHMENTS,
	toFhirBundle,
	type FhirAttachmentFormat,
	type FhirOptions,
	type MissingPatientPolicy,
} from './fhir';
import { describedGetter, type ParamReader } from './params';

export { stableUuid } from './fhir';

/**
 * The one note output of every node and trigger that returns a clinical note (common/encounterNote.ts):
 * one parameter, "Note Format" (`noteFormat`: none / encounterNote / fhir / raw), with "Simplify"
 * (`simple`) for the EncounterNote and the FHIR settings for FHIR, read by one reader.
 *
 * Saved workflows: the nodes were version 1 with their own selector (HealthScribe `includeOutputs`,
 * Connect Health `includeNote`, Heidi `noteFormat`, Heidi Trigger `options.includeEncounterNote`).
 * n8n's convention for a renamed parameter is a new node version, so version 1 keeps showing and
 * reading its old selector (and never simplifies: its output is unchanged), and version 2 (what a
 * new node gets) has this one. A saved workflow carries its typeVersion, so it runs as it was saved.
 */

export type NoteFormat = 'encounterNote' | 'fhir' | 'raw';
export type NoteOutput = 'none' | NoteFormat;

export const NOTE_FORMAT = 'noteFormat';
export const SIMPLIFY = 'simple';
const NOTE_FORMAT_LABEL = 'Note Format';
const SIMPLIFY_LABEL = 'Simplify';

/** The first node version with the one Note Format parameter and Simplify. */
export const NOTE_OUTPUT_VERSION = 2;
type Show = NonNullable<IDisplayOptions['show']>;
export const LEGACY_VERSIONS: Show = { '@version': [{ _cnd: { lt: NOTE_OUTPUT_VERSION } }] };
export const CURRENT_VERSIONS: Show = { '@version': [{ _cnd: { gte: NOTE_OUTPUT_VERSION } }] };

const FORMAT_OPTIONS: Array<INodePropertyOptions & { value: NoteFormat }> = [
	{
		name: 'EncounterNote',
		value: 'encounterNote',
		description:
			'One vendor-neutral shape: title, markdown and sections (Simplify), or the full structure with transcript turns and insights',
	},
	{
		name: 'FHIR R4 Bundle (US Core)',
		value: 'fhir',
		description:
			'A transaction Bundle with a US Core DocumentReference and a Composition, ready for an EHR’s FHIR API',
	},
	{
		name: 'Raw Vendor JSON',
		value: 'raw',
		description: 'The files exactly as the service wrote them',
	},
];

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
	{
		displayName: 'FHIR Encounter Reference',
		name: 'fhirEncounter',
		type: 'string',
		default: '',
		placeholder: 'Encounter/456',
	},
	{
		displayName: 'FHIR Author Reference',
		name: 'fhirAuthor',
		type: 'string',
		default: '',
		placeholder: 'Practitioner/789',
	},
	{
		displayName: 'FHIR Attachment Formats',
		name: 'fhirAttachments',
		type: 'multiOptions',
		options: [
			{
				name: 'Plain Text',
				value: 'text',
				description: 'Content type text/plain, taken by every EHR FHIR API',
			},
			{
				name: 'HTML',
				value: 'html',
				description: 'Content type text/html, rendered from the sections with every text escaped',
			},
			{
				name: 'Markdown',
				value: 'markdown',
				description: 'Content type text/markdown: the EncounterNote markdown',
			},
		],
		default: [...DEFAULT_ATTACHMENTS],
		description: 'Content types of the note attached to the DocumentReference',
	},
	{
		displayName: 'If Patient Reference Is Missing',
		name: 'fhirMissingPatient',
		type: 'options',
		options: [
			{
				name: 'Fail',
				value: 'fail',
				description: 'Stop with an error: EHRs reject notes without a patient',
			},
			{
				name: 'Warn',
				value: 'warn',
				description: 'Return the Bundle without subject (not US Core), tagged with a warning',
			},
		],
		default: 'fail',
	},
];

/** How one operation or trigger offers the note. */
export interface NoteParameter {
	default: NoteOutput;
	/** What None returns (e.g. "Only the job record"); without it None is not offered (the note is the whole output). */
	none?: string;
	description: string;
	/** Another name and description for Raw, where the vendor's "raw" is not files. */
	raw?: { name: string; description: string };
	/** Settings shown for Raw only (binary output, which files), given the show conditions to use. */
	rawSettings?: (show: Show) => INodeProperties[];
	/** The version-1 selector saved workflows hold, with the same values (none for the Heidi Trigger, whose version 1 had a switch). */
	legacy?: { name: string; displayName: string; description: string };
}

function formatOptions(spec: NoteParameter): INodePropertyOptions[] {
	const formats = FORMAT_OPTIONS.map((option) =>
		option.value === 'raw' && spec.raw ? { ...option, ...spec.raw } : option,
	);
	return spec.none
		? [{ name: 'None', value: 'none', description: spec.none }, ...formats]
		: formats;
}

/** The selector and its companions for one version range, shown where `show` says. */
function selectorProperties(
	spec: NoteParameter,
	show: Show,
	versions: Show,
	selector: { name: string; displayName: string; description: string },
	simplify: boolean,
): INodeProperties[] {
	const when = (extra: Show): IDisplayOptions => ({ show: { ...show, ...versions, ...extra } });
	const fallback = spec.default;
	return [
		{
			displayName: selector.displayName,
			name: selector.name,
			type: 'options',
			options: formatOptions(spec),
			default: fallback,
			description: selector.description,
			displayOptions: when({}),
		},
		...(simplify
			? [
					{
						displayName: SIMPLIFY_LABEL,
						name: SIMPLIFY,
						type: 'boolean',
						default: true,
						description:
							'Whether to return a simplified version of the note (title, markdown, sections by name, vendor IDs) instead of the full EncounterNote',
						displayOptions: when({ [selector.name]: ['encounterNote'] }),
					} satisfies INodeProperties,
				]
			: []),
		...fhirReferenceProperties.map((property) => ({
			...property,
			displayOptions: when({ [selector.name]: ['fhir'] }),
		})),
		...(spec.rawSettings?.({ ...show, ...versions, [selector.name]: ['raw'] }) ?? []),
	];
}

/** Note Format (and Simplify, FHIR and raw settings) for the current version, plus the version-1 selector saved workflows use. */
export function noteOutputProperties(spec: NoteParameter, show: Show = {}): INodeProperties[] {
	const current = selectorProperties(
		spec,
		show,
		CURRENT_VERSIONS,
		{ name: NOTE_FORMAT, displayName: NOTE_FORMAT_LABEL, description: spec.description },
		true,
	);
	return spec.legacy
		? [...selectorProperties(spec, show, LEGACY_VERSIONS, spec.legacy, false), ...current]
		: current;
}

export interface NoteOutputSettings {
	format: NoteOutput;
	/** Return the simplified EncounterNote (version 2+, EncounterNote format, Simplify on). */
	simplify: boolean;
	fhir: FhirOptions;
}

/** Whether the node runs as version 1 (a saved workflow's node with the old selector). */
export const isLegacyVersion = (p: ParamReader): boolean =>
	(p.node.typeVersion ?? 1) < NOTE_OUTPUT_VERSION;

/**
 * The one reader: the format (from Note Format, or from a version-1 node's old selector), Simplify,
 * and the FHIR settings, all checked before any call. `legacy` reads a version-1 node whose old
 * setting is not a selector (the Heidi Trigger's switch).
 */
export function readNoteOutput(
	p: ParamReader,
	spec: NoteParameter,
	legacy?: (p: ParamReader) => NoteOutput,
): NoteOutputSettings {
	const allowed = formatOptions(spec).map((option) => option.value as NoteOutput);
	let format: NoteOutput;
	const old = isLegacyVersion(p);
	if (old && legacy) format = legacy(p);
	else if (old && spec.legacy)
		format = p.options(spec.legacy.name, spec.legacy.displayName, allowed, spec.default);
	else format = p.options(NOTE_FORMAT, NOTE_FORMAT_LABEL, allowed, spec.default);
	return {
		format,
		simplify: !old && format === 'encounterNote' && p.boolean(SIMPLIFY, SIMPLIFY_LABEL, true),
		fhir: format === 'fhir' ? readFhirOptions(describedGetter(p, fhirReferenceProperties)) : {},
	};
}

/** Reads the FHIR settings through a parameter getter and checks them (before any network call). */
export function readFhirOptions(read: (name: string, fallback: unknown) => unknown): FhirOptions {
	const text = (name: string) => String(read(name, '') ?? '').trim() || undefined;
	const attachments = read('fhirAttachments', DEFAULT_ATTACHMENTS);
	const options: FhirOptions = {
		patient: text('fhirPatient'),
		encounter: text('fhirEncounter'),
		author: text('fhirAuthor'),
		attachments: Array.isArray(attachments)
			? (attachments as FhirAttachmentFormat[])
			: [...DEFAULT_ATTACHMENTS],
		missingPatient: (text('fhirMissingPatient') ?? 'fail') as MissingPatientPolicy,
	};
	checkFhirOptions(options);
	return options;
}

/** Fields of the simplified note that vendor ids must not replace. */
const SIMPLE_FIELDS = new Set([
	'title',
	'markdown',
	'sections',
	'afterVisitSummary',
	'vendor',
	'template',
	'createdAt',
]);

/**
 * The EncounterNote as a person reads it first, flat for n8n's table view: title, markdown, each
 * section's text under its name, the vendor and its ids. No transcript, evidence or insights
 * (the markdown lists the insights): those are behind Simplify off.
 */
export function simplifyNote(note: EncounterNote): IDataObject {
	const sections: IDataObject = {};
	for (const section of note.sections) {
		if (!section.text) continue;
		const previous = sections[section.name];
		sections[section.name] =
			typeof previous === 'string' ? `${previous}\n\n${section.text}` : section.text;
	}
	const ids = Object.fromEntries(
		Object.entries(note.source.ids).filter(([key, value]) => value && !SIMPLE_FIELDS.has(key)),
	);
	return {
		title: note.noteType.display,
		markdown: note.markdown,
		sections,
		...(note.afterVisitSummary ? { afterVisitSummary: note.afterVisitSummary } : {}),
		vendor: note.source.vendor,
		...ids,
		...(note.source.template ? { template: note.source.template } : {}),
		...(note.source.createdAt ? { createdAt: note.source.createdAt } : {}),
	};
}

/** Shapes a note for output as the settings say; `raw` is the vendor JSON it was built from. */
export function formatNote(
	note: EncounterNote,
	raw: IDataObject,
	settings: NoteOutputSettings,
): IDataObject {
	if (settings.format === 'raw') return raw;
	if (settings.format === 'fhir') return toFhirBundle(note, settings.fhir);
	return settings.simplify ? simplifyNote(note) : (note as unknown as IDataObject);
}
