/**
 * US Core FHIR output: every Bundle, DocumentReference and Composition the package produces passes a
 * maintained FHIR R4 validator (Medplum's, via sandbox/fhir/validate.ts) and the US Core checks it
 * leaves out; the note type and section codes follow the template; re-filing creates nothing.
 */
import type { IDataObject } from 'n8n-workflow';
import type { EncounterNote } from '../../../nodes/common/encounterNote';
import {
	toFhirBundle,
	US_CORE_DOCUMENT_REFERENCE,
	type FhirOptions,
} from '../../../nodes/common/fhir';
import { FieldError } from '../../../nodes/common/errors';
import { sectionCodeFor } from '../../../nodes/common/loinc';
import { formatNote, readFhirOptions } from '../../../nodes/common/noteOutput';
import { healthScribeNote } from '../../../nodes/HealthScribe/outputs/note';
import { sessionNote } from '../../../nodes/ConnectHealth/outputs/encounterNote';
import { heidiEncounterNote } from '../../../nodes/Heidi/outputs/encounterNote';
import { buildArtifacts } from '../../../sandbox/connect-health/artifacts';
import { ENCOUNTERS } from '../../../sandbox/data/encounters';
import { buildClinicalDocument, buildTranscript } from '../../../sandbox/transcribe/outputs';
import { NOTE_TEMPLATES, type NoteTemplate } from '../../../sandbox/transcribe/shapes';
import { fhirErrors, validateFhirResource } from '../../../sandbox/fhir/validate';
import { rawRequest, sandbox } from '../../sandbox/core-helpers';

const REFS: FhirOptions = {
	patient: 'Patient/p-1',
	encounter: 'Encounter/e-1',
	author: 'Practitioner/dr-1',
};
const encounter = ENCOUNTERS[0];
type Json = any;

const healthScribe = (template: NoteTemplate = 'HISTORY_AND_PHYSICAL') =>
	healthScribeNote(
		buildTranscript(`job-${template}`, encounter),
		buildClinicalDocument(`job-${template}`, encounter, template),
		{ jobName: `job-${template}`, template },
	);

function connectHealth(template = 'HISTORY_AND_PHYSICAL'): EncounterNote {
	const sessionId = 'c11d3e00-0000-4000-8000-000000000009';
	const noteTemplateSettings = { managedTemplate: { templateType: template } };
	const docs = buildArtifacts({ sessionId, encounter, noteTemplateSettings } as never) as Record<
		string,
		object
	>;
	const artifact = (kind: string) => ({
		uri: `s3://b/x/${kind}.json`,
		document: docs[kind === 'clinicalNote' ? 'note' : kind] as IDataObject,
	});
	return sessionNote(
		{
			sessionId,
			domainId: 'dom-abcdefghij0123456789',
			subscriptionId: 'sub-ABCDEFGHIJ0123456789k',
			postStreamActionSettings: {
				outputS3Uri: 's3://b/x',
				clinicalNoteGenerationSettings: { noteTemplateSettings },
			},
		} as never,
		{
			clinicalNote: artifact('clinicalNote'),
			transcript: artifact('transcript'),
			afterVisitSummary: artifact('afterVisitSummary'),
		},
	);
}

function heidi(
	heading = 'H & P',
	result = '## Chief complaint\n- Cough <3 days> & fever\n## Examination\n- Chest clear\n## Plan\n1. Fluids',
): EncounterNote {
	const session = {
		session_id: '2698932154726987103795845214563700',
		created_at: '2024-12-11T03:57:57.921000',
		consult_note: { status: 'CREATED', result, heading, template_id: '659b8042fe093d6592b41ef7' },
	};
	return heidiEncounterNote({
		session,
		transcript: 'Clinician: What brings you in?\nPatient: A cough.',
	});
}

const resources = (bundle: Json): Json[] => bundle.entry.map((entry: Json) => entry.resource);
const decode = (attachment: Json) => Buffer.from(attachment.data, 'base64').toString('utf8');

/** The validator plus the US Core checks, on the Bundle and on each resource alone. */
function expectValid(bundle: Json): void {
	expect(fhirErrors(bundle)).toEqual([]);
	for (const resource of resources(bundle)) expect(fhirErrors(resource)).toEqual([]);
	const document = resources(bundle).find((r) => r.resourceType === 'DocumentReference');
	expect(document.meta.profile).toEqual([US_CORE_DOCUMENT_REFERENCE]);
	expect(document.subject).toEqual({ reference: 'Patient/p-1' });
	expect(document.category[0].coding[0]).toMatchObject({
		system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
		code: 'clinical-note',
	});
}

describe('the validator catches what an EHR rejects (so a pass means something)', () => {
	const bundle = toFhirBundle(healthScribe(), REFS) as Json;
	it.each([
		[
			'an element FHIR does not define',
			(b: Json) => (resources(b)[1].foo = 1),
			'Bundle.entry[1].resource.foo',
		],
		[
			'a missing required element',
			(b: Json) => delete resources(b)[0].title,
			'Bundle.entry[0].resource.title',
		],
		[
			'a code outside its required value set',
			(b: Json) => (resources(b)[1].docStatus = 'draft'),
			'Bundle.entry[1].resource.docStatus',
		],
		[
			'a section without text (cmp-1)',
			(b: Json) => delete resources(b)[0].section[0].text,
			'Bundle.entry[0].resource.section[0]',
		],
		[
			'unescaped narrative',
			(b: Json) =>
				(resources(b)[0].section[0].text.div =
					'<div xmlns="http://www.w3.org/1999/xhtml"><b>a < b</b></div>'),
			'Bundle.entry[0].resource.section[0].text.div',
		],
		[
			'no patient (US Core)',
			(b: Json) => delete resources(b)[1].subject,
			'Bundle.entry[1].resource.subject',
		],
		[
			'no US Core category',
			(b: Json) => (resources(b)[1].category = [{ text: 'note' }]),
			'Bundle.entry[1].resource.category',
		],
		[
			'a type without LOINC',
			(b: Json) => (resources(b)[1].type = { text: 'Note' }),
			'Bundle.entry[1].resource.type',
		],
		[
			'two encounters (US Core: at most one)',
			(b: Json) =>
				(resources(b)[1].context.encounter = [
					{ reference: 'Encounter/1' },
					{ reference: 'Encounter/2' },
				]),
			'Bundle.entry[1].resource.context.encounter',
		],
		[
			'an attachment without data or url (us-core-6)',
			(b: Json) => delete resources(b)[1].content[0].attachment.data,
			'Bundle.entry[1].resource.content[0].attachment',
		],
	])('%s', (_label, damage, expression) => {
		const copy = structuredClone(bundle);
		damage(copy);
		expect(fhirErrors(copy).map((issue) => issue.expression)).toContain(expression);
	});
});

describe('note type from the template (LOINC document ontology)', () => {
	const expected: Record<NoteTemplate, string> = {
		HISTORY_AND_PHYSICAL: '34117-2',
		PHYSICAL_SOAP: '11506-3',
		BEHAVIORAL_SOAP: '34904-3',
		GIRPP: '34904-3',
		BIRP: '34904-3',
		SIRP: '34904-3',
		DAP: '34904-3',
	};
	/** Section codes per template; null = LOINC has no section code for it. */
	const sectionCodes: Record<NoteTemplate, Record<string, string | null>> = {
		HISTORY_AND_PHYSICAL: {
			CHIEF_COMPLAINT: '10154-3',
			HISTORY_OF_PRESENT_ILLNESS: '10164-2',
			REVIEW_OF_SYSTEMS: '10187-3',
			PAST_MEDICAL_HISTORY: '11348-0',
			PAST_FAMILY_HISTORY: '10157-6',
			PAST_SOCIAL_HISTORY: '29762-2',
			PHYSICAL_EXAMINATION: '29545-1',
			DIAGNOSTIC_TESTING: '30954-2',
			ASSESSMENT: '51848-0',
			PLAN: '18776-5',
		},
		GIRPP: {
			GOAL: '61146-7',
			INTERVENTION: '62387-6',
			RESPONSE: null,
			PROGRESS: null,
			PLAN: '18776-5',
		},
		BIRP: { BEHAVIOR: null, INTERVENTION: '62387-6', RESPONSE: null, PLAN: '18776-5' },
		SIRP: { SITUATION: null, INTERVENTION: '62387-6', RESPONSE: null, PLAN: '18776-5' },
		DAP: { DATA: null, ASSESSMENT: '51848-0', PLAN: '18776-5' },
		BEHAVIORAL_SOAP: {
			SUBJECTIVE: '61150-9',
			OBJECTIVE: '61149-1',
			ASSESSMENT: '51848-0',
			PLAN: '18776-5',
		},
		PHYSICAL_SOAP: {
			SUBJECTIVE: '61150-9',
			OBJECTIVE: '61149-1',
			ASSESSMENT: '51848-0',
			PLAN: '18776-5',
		},
	};

	it.each([...NOTE_TEMPLATES])(
		'%s: type code on the note, the DocumentReference and the Composition; section codes',
		(template) => {
			for (const note of [healthScribe(template), connectHealth(template)]) {
				expect(note.noteType.code).toBe(expected[template]);
				for (const section of note.sections)
					expect([section.name, section.code?.code ?? null]).toEqual([
						section.name,
						sectionCodes[template][section.name],
					]);
				const bundle = toFhirBundle(note, REFS) as Json;
				expectValid(bundle);
				const [composition, document] = resources(bundle);
				expect(document.type.coding).toEqual([note.noteType]);
				expect(composition.type.coding).toEqual([note.noteType]);
				const coded = composition.section
					.filter((s: Json) => s.code)
					.map((s: Json) => [s.title, s.code.coding[0].code]);
				for (const section of note.sections.filter((s) => s.items.length && s.code))
					expect(coded).toContainEqual([section.title, section.code!.code]);
			}
		},
	);

	it.each([
		['H & P', '34117-2'],
		['SOAP Note', '11506-3'],
		['Progress note', '11506-3'],
		['Consult note', '11488-4'],
		['Referral letter', '11488-4'],
		['Psychology Progress Notes', '34904-3'],
		['Therapy session (BIRP)', '34904-3'],
		['Psychiatry consult', '34785-6'],
		['Mental health H & P', '78306-8'],
		['My own template', '11506-3'],
	])('Heidi template "%s" → %s', (heading, code) => {
		const note = heidi(heading);
		expect(note.noteType.code).toBe(code);
		expect(resources(toFhirBundle(note, REFS))[1].type.coding[0].code).toBe(code);
	});

	it('codes section aliases and HealthScribe’s CHIEF_COMPLIANT spelling as Chief Complaint', () => {
		const note = healthScribeNote(
			{},
			{
				ClinicalDocumentation: {
					Sections: [
						{ SectionName: 'CHIEF_COMPLIANT', Summary: [{ SummarizedSegment: '- Cough.' }] },
					],
				},
			},
		);
		expect(note.sections[0]).toMatchObject({
			name: 'CHIEF_COMPLAINT',
			title: 'Chief Complaint',
			code: { code: '10154-3' },
			items: [{ text: 'Cough.' }],
		});
		expect(sectionCodeFor('Family history')?.code).toBe('10157-6');
		expect(sectionCodeFor('Examination')?.code).toBe('29545-1');
		expect(sectionCodeFor('Assessment & Plan')?.code).toBe('51847-2');
		expect(sectionCodeFor('Behavior')).toBeUndefined();
	});
});

describe('each vendor’s note → a valid US Core Bundle', () => {
	const vendors: Array<[string, () => EncounterNote]> = [
		['aws-healthscribe', () => healthScribe()],
		['amazon-connect-health', () => connectHealth()],
		['heidi', () => heidi()],
	];

	it.each(vendors)(
		'%s: passes the validator and the US Core checks, with plain text + HTML attachments',
		(vendor, make) => {
			const note = make();
			expect(note.source.vendor).toBe(vendor);
			const bundle = formatNote(note, {}, { format: 'fhir', simplify: false, fhir: REFS }) as Json;
			expectValid(bundle);
			const document = resources(bundle)[1];
			expect(document.content.map((c: Json) => c.attachment.contentType)).toEqual([
				'text/plain; charset=utf-8',
				'text/html; charset=utf-8',
			]);
			const [text, html] = document.content.map((c: Json) => decode(c.attachment));
			for (const section of note.sections.filter((s) => s.items.length)) {
				expect(text).toContain(`${section.title.toUpperCase()}\n- ${section.items[0].text}`);
				expect(html).toContain(`<h2>${section.title.replace(/&/g, '&amp;')}</h2>`);
			}
			expect(html).not.toMatch(
				/<(?!\/?(?:!DOCTYPE|html|head|meta|title|body|h1|h2|dl|dt|dd|ul|li|p)\b)/,
			);
			expect(document.context.encounter).toEqual([{ reference: 'Encounter/e-1' }]);
			expect(document.author).toEqual([{ reference: 'Practitioner/dr-1' }]);
		},
	);

	it('escapes note text in HTML and narrative (no markup from the vendor reaches the EHR)', () => {
		const bundle = toFhirBundle(
			heidi('H & P', '## Plan\n- <script>alert(1)</script> & "quotes"'),
			REFS,
		) as Json;
		expectValid(bundle);
		const html = decode(resources(bundle)[1].content[1].attachment);
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
		expect(html).not.toContain('<script>');
		expect(resources(bundle)[0].section[0].text.div).toContain('&lt;script&gt;');
	});

	it('offers markdown, and any mix of the three content types', () => {
		const note = healthScribe();
		const document = resources(
			toFhirBundle(note, { ...REFS, attachments: ['markdown', 'text'] }),
		)[1];
		expect(document.content.map((c: Json) => c.attachment.contentType)).toEqual([
			'text/markdown; charset=utf-8',
			'text/plain; charset=utf-8',
		]);
		expect(decode(document.content[0].attachment)).toBe(note.markdown);
		expect(() => toFhirBundle(note, { ...REFS, attachments: [] })).toThrow(
			'"FHIR Attachment Formats"',
		);
	});

	it('insights reach the markdown, the attachments and the Composition', () => {
		const note = healthScribe();
		expect(note.insights.length).toBeGreaterThan(0);
		expect(note.markdown).toContain('## Clinical Insights');
		const bundle = toFhirBundle(note, REFS) as Json;
		const insightsSection = resources(bundle)[0].section.find(
			(s: Json) => s.title === 'Clinical Insights',
		);
		expect(insightsSection.text.div).toContain(note.insights[0].text.split(';')[0]);
		expect(decode(resources(bundle)[1].content[0].attachment)).toContain('CLINICAL INSIGHTS');
	});
});

describe('the patient reference', () => {
	const note = heidi();
	it('fails by default, naming the field and the fix', () => {
		expect(() => toFhirBundle(note, {})).toThrow(FieldError);
		expect(() => toFhirBundle(note, {})).toThrow(
			expect.objectContaining({
				message: expect.stringMatching(/^Invalid "FHIR Patient Reference": it is empty/),
				fix: expect.stringMatching(/Set it \(e\.g\. Patient\/123\)/),
			}),
		);
		expect(() =>
			readFhirOptions((name, fallback) => ({ fhirPatient: '' })[name] ?? fallback),
		).toThrow('Invalid "FHIR Patient Reference": it is empty');
	});

	it('must be a Patient reference; encounter and author are checked too', () => {
		expect(() => toFhirBundle(note, { patient: 'Practitioner/1' })).toThrow(
			'Invalid "FHIR Patient Reference"',
		);
		expect(() => toFhirBundle(note, { ...REFS, encounter: 'visit 4' })).toThrow(
			'Invalid "FHIR Encounter Reference"',
		);
		expect(() => toFhirBundle(note, { ...REFS, author: 'Encounter/1' })).toThrow(
			'Invalid "FHIR Author Reference"',
		);
		expect(
			resources(toFhirBundle(note, { patient: 'https://ehr.example.org/fhir/Patient/9' }))[1]
				.subject,
		).toEqual({ reference: 'https://ehr.example.org/fhir/Patient/9' });
	});

	it('on Warn: no subject, no US Core claim, a warning tag on the Bundle; the validator (and an EHR) still rejects it', () => {
		const bundle = toFhirBundle(note, { missingPatient: 'warn' }) as Json;
		const document = resources(bundle)[1];
		expect(document.subject).toBeUndefined();
		expect(document.meta).toBeUndefined();
		expect(bundle.meta.tag[0]).toMatchObject({ code: 'no-patient' });
		expect(validateFhirResource(bundle).map((i) => i.expression)).toEqual([
			'Bundle.entry[1].resource.subject',
		]);
	});
});

describe('the same EncounterNote fields from every vendor', () => {
	const keys = (value: object | undefined) => Object.keys(value ?? {}).sort();
	it('top level, sections, turns and insights carry the same members', () => {
		const notes = [healthScribe(), connectHealth(), heidi()];
		for (const note of notes) {
			expect(keys(note)).toEqual(
				['insights', 'markdown', 'noteType', 'sections', 'source', 'transcript']
					.concat(note.afterVisitSummary ? ['afterVisitSummary'] : [])
					.sort(),
			);
			expect(keys(note.noteType)).toEqual(['code', 'display', 'system']);
			for (const section of note.sections)
				expect(keys(section).filter((k) => k !== 'code')).toEqual([
					'items',
					'name',
					'text',
					'title',
				]);
			for (const section of note.sections)
				for (const item of section.items) expect(item.text).not.toMatch(/^[-*•]\s|^\d+[.)]\s/);
			for (const turn of note.transcript.turns)
				expect(['id', 'role', 'text'].every((k) => k in turn)).toBe(true);
			for (const insight of note.insights)
				expect(keys(insight)).toEqual(
					expect.arrayContaining(['attributes', 'evidence', 'spans', 'text', 'type']),
				);
		}
		expect(notes.map((n) => n.sections[0].name)).toEqual([
			'CHIEF_COMPLAINT',
			'CHIEF_COMPLAINT',
			'CHIEF_COMPLAINT',
		]);
		const turns = healthScribe().transcript.turns;
		expect(new Set(turns.map((t) => t.section))).toEqual(
			new Set(
				['OTHER', 'SUBJECTIVE', 'OBJECTIVE', 'ASSESSMENT_AND_PLAN'].filter((s) =>
					turns.some((t) => t.section === s),
				),
			),
		);
		expect(turns.every((t) => typeof t.section === 'string')).toBe(true);
		const insight = healthScribe().insights[0];
		expect(insight).toMatchObject({ id: expect.any(String), subtype: expect.any(String) });
		expect(insight.spans[0]).toMatchObject({
			turnId: expect.any(String),
			turnIndex: expect.any(Number),
			begin: expect.any(Number),
			end: expect.any(Number),
		});
	});
});

describe('re-filing is idempotent (stable identifier + ifNoneExist), against the sandbox FHIR receiver', () => {
	let sb: Awaited<ReturnType<typeof sandbox>>;
	beforeAll(async () => {
		sb = await sandbox({ seed: false });
	});
	afterAll(() => sb.stop());
	const post = (body: unknown) =>
		rawRequest(
			sb.urls.fhir,
			'POST',
			{ 'content-type': 'application/fhir+json' },
			JSON.stringify(body),
		);

	it('the same vendor note gives the same identifiers; a second transaction creates nothing', async () => {
		const first = toFhirBundle(healthScribe(), REFS, '2026-11-22T10:00:00Z') as Json;
		const again = toFhirBundle(healthScribe(), REFS, '2026-11-23T08:00:00Z') as Json;
		expect(resources(again).map((r) => r.identifier)).toEqual(
			resources(first).map((r) => r.identifier),
		);
		expect(first.entry.map((e: Json) => e.request.ifNoneExist)).toEqual(
			resources(first).map((r) => `identifier=urn:ietf:rfc:3986|${[r.identifier].flat()[0].value}`),
		);
		expect(resources(toFhirBundle(healthScribe('DAP'), REFS))[1].identifier).not.toEqual(
			resources(first)[1].identifier,
		);

		const filed = await post(first);
		expect(filed.status).toBe(200);
		expect(filed.json.entry.map((e: Json) => e.response.status)).toEqual([
			'201 Created',
			'201 Created',
		]);
		const stored = sb.fhir.resources().length;
		const refiled = await post(again);
		expect(refiled.status).toBe(200);
		expect(refiled.json.entry.map((e: Json) => e.response.status)).toEqual(['200 OK', '200 OK']);
		expect(refiled.json.entry.map((e: Json) => e.response.location)).toEqual(
			filed.json.entry.map((e: Json) => e.response.location),
		);
		expect(sb.fhir.resources()).toHaveLength(stored);
		const document = sb.fhir.resources('DocumentReference')[0] as Json;
		expect(document.context.related[0].reference).toBe(
			`Composition/${filed.json.entry[0].resource.id}`,
		);
	});

	it('every vendor’s Bundle is accepted; a Bundle without a patient is refused with 400 + OperationOutcome', async () => {
		for (const note of [
			healthScribe('GIRPP'),
			connectHealth('BEHAVIORAL_SOAP'),
			heidi('Consult note'),
		])
			expect((await post(toFhirBundle(note, REFS))).status).toBe(200);
		const before = sb.fhir.resources().length;
		const refused = await post(toFhirBundle(heidi('SOAP Note'), { missingPatient: 'warn' }));
		expect(refused.status).toBe(400);
		expect(refused.json).toMatchObject({
			resourceType: 'OperationOutcome',
			issue: [{ severity: 'error', expression: ['Bundle.entry[1].resource.subject'] }],
		});
		expect(sb.fhir.resources()).toHaveLength(before);
	});
});
