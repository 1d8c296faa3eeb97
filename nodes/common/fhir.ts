import { createHash } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';
import type { EncounterNote } from './encounterNote';
import { noteBlocks, noteTitle } from './encounterNote';
import { FieldError } from './errors';
import { blockBodyHtml, escapeHtml, narrativeDiv, renderHtml, renderPlainText } from './noteRender';

/**
 * The note as FHIR R4 for an EHR: a US Core DocumentReference (the note as plain text / HTML /
 * markdown attachments) plus a Composition (the sections, LOINC-coded), in a transaction Bundle that
 * files each at most once (`ifNoneExist` on a stable identifier).
 * US Core DocumentReference: https://hl7.org/fhir/us/core/StructureDefinition-us-core-documentreference.html
 * Conditional create: https://hl7.org/fhir/R4/http.html#ccreate
 */

/** References the EHR wants on the note; each is a FHIR reference such as "Patient/123". */
export interface FhirReferences {
	patient?: string;
	encounter?: string;
	author?: string;
}

export type FhirAttachmentFormat = 'text' | 'html' | 'markdown';
export type MissingPatientPolicy = 'fail' | 'warn';

export interface FhirOptions extends FhirReferences {
	/** Attachment content types; default plain text + HTML (what EHR FHIR APIs take for notes). */
	attachments?: FhirAttachmentFormat[];
	/** Without a patient the note is not US Core: fail (default), or file it without subject and say so. */
	missingPatient?: MissingPatientPolicy;
}

export const DEFAULT_ATTACHMENTS: readonly FhirAttachmentFormat[] = ['text', 'html'];
export const US_CORE_DOCUMENT_REFERENCE =
	'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
export const US_CORE_CATEGORY_SYSTEM =
	'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
/** Identifiers that are URIs (here urn:uuid), the FHIR convention for globally unique ids. */
export const URI_IDENTIFIER_SYSTEM = 'urn:ietf:rfc:3986';
/** Where the warning about a missing patient is written on the Bundle (meta.tag). */
export const WARNING_TAG_SYSTEM =
	'https://github.com/clinical-scribe/n8n-nodes-clinical-scribe/fhir-warning';

const CONTENT_TYPES: Record<FhirAttachmentFormat, string> = {
	text: 'text/plain; charset=utf-8',
	html: 'text/html; charset=utf-8',
	markdown: 'text/markdown; charset=utf-8',
};

const REFERENCE_TYPES: Record<keyof FhirReferences, { field: string; types: string[] }> = {
	patient: { field: 'FHIR Patient Reference', types: ['Patient'] },
	encounter: { field: 'FHIR Encounter Reference', types: ['Encounter'] },
	author: {
		field: 'FHIR Author Reference',
		types: [
			'Practitioner',
			'PractitionerRole',
			'Organization',
			'Device',
			'Patient',
			'RelatedPerson',
		],
	},
};

/** Checks the references and options; throws FieldError naming the field. Call before any network call. */
export function checkFhirOptions(options: FhirOptions): void {
	for (const key of Object.keys(REFERENCE_TYPES) as Array<keyof FhirReferences>) {
		const value = options[key];
		if (value === undefined) continue;
		const { field, types } = REFERENCE_TYPES[key];
		const match = /^(?:https?:\/\/\S+\/)?([A-Z][A-Za-z]+)\/[A-Za-z0-9\-.]{1,64}$/.exec(value);
		if (!match || !types.includes(match[1]))
			throw new FieldError(
				field,
				`it must be a FHIR reference like ${types[0]}/123`,
				`Use a reference of type ${types.join(', ')}, e.g. ${types[0]}/123.`,
			);
	}
	for (const format of options.attachments ?? [])
		if (!(format in CONTENT_TYPES))
			throw new FieldError(
				'FHIR Attachment Formats',
				'it is not one of the allowed values',
				'Use text, html or markdown.',
			);
	if (options.attachments && !options.attachments.length)
		throw new FieldError(
			'FHIR Attachment Formats',
			'none is chosen',
			'Choose at least one: plain text and HTML are what EHRs take.',
		);
	if (!options.patient && (options.missingPatient ?? 'fail') === 'fail')
		throw new FieldError(
			'FHIR Patient Reference',
			'it is empty, but US Core requires the note’s patient (DocumentReference.subject) and EHRs reject notes without one',
			'Set it (e.g. Patient/123), or set "If Patient Reference Is Missing" to Warn to file without one.',
		);
}

/** A UUID (version-5 layout) derived from a name, so re-running a workflow produces the same ids. */
export function stableUuid(name: string): string {
	const hex = createHash('sha1').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** What makes a vendor note the same note: its vendor and ids (in key order, so field order does not matter). */
function noteSeed(note: EncounterNote): string {
	const ids = Object.entries(note.source.ids).sort(([a], [b]) => a.localeCompare(b));
	return `${note.source.vendor}:${ids.map(([k, v]) => `${k}=${v}`).join(':')}`;
}

/** The stable urn:uuid of the note's DocumentReference or Composition (identifier value and fullUrl). */
export function noteUrn(note: EncounterNote, kind: 'document' | 'composition'): string {
	return `urn:uuid:${stableUuid(`${noteSeed(note)}:${kind}`)}`;
}

const reference = (value?: string): IDataObject | undefined =>
	value ? { reference: value } : undefined;

function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

const codeable = (note: EncounterNote): IDataObject => ({
	coding: [{ ...note.noteType }],
	text: note.noteType.display,
});

const title = noteTitle;

function attachmentData(note: EncounterNote, format: FhirAttachmentFormat): string {
	const text =
		format === 'text'
			? renderPlainText(note, title(note))
			: format === 'html'
				? renderHtml(note, title(note))
				: note.markdown;
	return Buffer.from(text, 'utf8').toString('base64');
}

/** A FHIR R4 Composition with one section per note block (LOINC-coded where LOINC has a code). */
export function toFhirComposition(
	note: EncounterNote,
	options: FhirOptions,
	date: string,
): IDataObject {
	const blocks = noteBlocks(note);
	return compact({
		resourceType: 'Composition',
		identifier: { system: URI_IDENTIFIER_SYSTEM, value: noteUrn(note, 'composition') },
		text: {
			status: 'generated',
			div: narrativeDiv(
				blocks.map((b) => `<h2>${escapeHtml(b.title)}</h2>${blockBodyHtml(b)}`).join('') ||
					`<p>${escapeHtml(title(note))}</p>`,
			),
		},
		status: 'preliminary',
		type: codeable(note),
		subject: reference(options.patient),
		encounter: reference(options.encounter),
		date,
		author: [
			options.author
				? { reference: options.author }
				: { display: `AI scribe (${note.source.vendor})` },
		],
		title: title(note),
		section: blocks.length
			? blocks.map((block) =>
					compact({
						title: block.title,
						code: block.code ? { coding: [{ ...block.code }] } : undefined,
						text: { status: 'generated', div: narrativeDiv(blockBodyHtml(block)) },
					}),
				)
			: undefined,
	});
}

/** A US Core DocumentReference carrying the note in the chosen content types. */
export function toFhirDocumentReference(
	note: EncounterNote,
	options: FhirOptions,
	date: string,
): IDataObject {
	const formats = options.attachments?.length ? options.attachments : DEFAULT_ATTACHMENTS;
	return compact({
		resourceType: 'DocumentReference',
		// Claim the profile only when the resource meets it (a note without a patient does not).
		meta: options.patient ? { profile: [US_CORE_DOCUMENT_REFERENCE] } : undefined,
		identifier: [{ system: URI_IDENTIFIER_SYSTEM, value: noteUrn(note, 'document') }],
		status: 'current',
		// An AI draft until a clinician signs it in the EHR.
		docStatus: 'preliminary',
		type: codeable(note),
		category: [
			{
				coding: [
					{ system: US_CORE_CATEGORY_SYSTEM, code: 'clinical-note', display: 'Clinical Note' },
				],
			},
		],
		subject: reference(options.patient),
		date,
		author: options.author ? [{ reference: options.author }] : undefined,
		description: `${title(note)} drafted by an AI scribe (${note.source.vendor}); review before signing`,
		content: formats.map((format) => ({
			attachment: {
				contentType: CONTENT_TYPES[format],
				data: attachmentData(note, format),
				title: title(note),
				creation: date,
			},
			format: {
				system: 'http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode',
				code: 'urn:ihe:iti:xds:2017:mimeTypeSufficient',
				display: 'mimeType Sufficient',
			},
		})),
		context: compact({
			encounter: options.encounter ? [{ reference: options.encounter }] : undefined,
			related: [{ reference: noteUrn(note, 'composition') }],
		}),
	});
}

const ifNoneExist = (urn: string) => `identifier=${URI_IDENTIFIER_SYSTEM}|${urn}`;

/**
 * A transaction Bundle (Composition + DocumentReference) ready to POST to a FHIR server's base URL.
 * Each entry is a conditional create on its stable identifier, so filing the same note again creates nothing.
 */
export function toFhirBundle(
	note: EncounterNote,
	options: FhirOptions = {},
	date = new Date().toISOString(),
): IDataObject {
	checkFhirOptions(options);
	const composition = noteUrn(note, 'composition');
	const document = noteUrn(note, 'document');
	return compact({
		resourceType: 'Bundle',
		meta: options.patient
			? undefined
			: {
					tag: [
						{
							system: WARNING_TAG_SYSTEM,
							code: 'no-patient',
							display:
								'No FHIR Patient Reference: the DocumentReference has no subject and is not US Core; most EHRs reject it',
						},
					],
				},
		type: 'transaction',
		entry: [
			{
				fullUrl: composition,
				resource: toFhirComposition(note, options, date),
				request: { method: 'POST', url: 'Composition', ifNoneExist: ifNoneExist(composition) },
			},
			{
				fullUrl: document,
				resource: toFhirDocumentReference(note, options, date),
				request: { method: 'POST', url: 'DocumentReference', ifNoneExist: ifNoneExist(document) },
			},
		],
	});
}
