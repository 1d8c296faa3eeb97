import { buildEncounterNote, sectionTitle } from '../../../nodes/common/encounterNote';
import { toFhirBundle } from '../../../nodes/common/fhir';
import { formatNote, stableUuid } from '../../../nodes/common/noteOutput';

const parts = {
	source: { vendor: 'test-scribe', ids: { job: 'job-1' } },
	turns: [
		{ id: 't0', role: 'CLINICIAN', start: 0.5, end: 2, text: 'What brings you in?' },
		{ id: 't1', role: 'PATIENT', start: 2.5, end: 5, text: 'A cough for five days.' },
	],
	sections: [
		{ name: 'CHIEF_COMPLAINT', items: [{ text: 'Cough for five days.', evidence: ['t1'] }] },
		{ name: 'PLAN', items: [{ text: 'Fluids & rest <as needed>.', evidence: ['t0', 'missing'] }] },
		{ name: 'REVIEW_OF_SYSTEMS', items: [] },
	],
	insights: [
		{
			type: 'DIAGNOSIS',
			text: 'URI',
			code: { system: 'ICD-10-CM', code: 'J06.9', display: 'Acute URI' },
			evidence: ['t1'],
		},
	],
	afterVisitSummary: 'Rest and drink fluids.',
};

describe('EncounterNote', () => {
	it('links evidence to transcript turns and renders markdown', () => {
		const note = buildEncounterNote(parts);
		expect(note.sections[0]).toEqual({
			name: 'CHIEF_COMPLAINT',
			title: 'Chief Complaint',
			text: 'Cough for five days.',
			code: {
				system: 'http://loinc.org',
				code: '10154-3',
				display: 'Chief complaint Narrative - Reported',
			},
			items: [{ text: 'Cough for five days.', evidence: [{ turnId: 't1', turnIndex: 1 }] }],
		});
		expect(note.sections[1].items[0].evidence).toEqual([
			{ turnId: 't0', turnIndex: 0 },
			{ turnId: 'missing' },
		]);
		expect(note.insights[0].evidence).toEqual([{ turnId: 't1', turnIndex: 1 }]);
		expect(note.markdown).toBe(
			'# Progress note\n\n- **Vendor:** test-scribe\n- **Job:** job-1\n\n## Chief Complaint\n\n- Cough for five days.\n\n## Plan\n\n- Fluids & rest <as needed>.\n\n## Clinical Insights\n\n- Diagnosis: URI\n\n## Codes\n\n- ICD-10-CM J06.9: Acute URI\n\n## After-Visit Summary\n\nRest and drink fluids.\n',
		);
		expect(sectionTitle('historyOfPresentIllness')).toBe('History Of Present Illness');
	});

	it('exports a FHIR R4 transaction bundle: a coded Composition and a US Core DocumentReference, each a conditional create', () => {
		const note = buildEncounterNote(parts);
		const bundle = toFhirBundle(
			note,
			{ patient: 'Patient/p1', encounter: 'Encounter/e1' },
			'2026-11-22T10:00:00Z',
		) as any;
		expect(bundle.resourceType).toBe('Bundle');
		expect(bundle.type).toBe('transaction');
		const [composition, documentReference] = bundle.entry.map((e: any) => e.resource);
		expect(composition.resourceType).toBe('Composition');
		expect(composition.subject).toEqual({ reference: 'Patient/p1' });
		expect(composition.section.map((s: any) => s.code?.coding[0].code)).toEqual([
			'10154-3',
			'18776-5',
			undefined,
			undefined,
			'69730-0',
		]);
		expect(composition.section[1].text.div).toContain('Fluids &amp; rest &lt;as needed&gt;.');
		expect(documentReference.resourceType).toBe('DocumentReference');
		expect(
			Buffer.from(documentReference.content[0].attachment.data, 'base64').toString('utf8'),
		).toContain('PLAN\n- Fluids & rest <as needed>.');
		expect(documentReference.context.encounter).toEqual([{ reference: 'Encounter/e1' }]);
		expect(bundle.entry.map((e: any) => [e.request.method, e.request.url])).toEqual([
			['POST', 'Composition'],
			['POST', 'DocumentReference'],
		]);
	});

	it('formats a note per the chosen output, with stable FHIR ids across runs', () => {
		const note = buildEncounterNote(parts);
		const as = (format: 'raw' | 'encounterNote' | 'fhir', fhir = {}) => ({
			format,
			simplify: false,
			fhir,
		});
		expect(formatNote(note, { raw: true }, as('raw'))).toEqual({ raw: true });
		expect(formatNote(note, {}, as('encounterNote'))).toBe(note);
		const first = formatNote(note, {}, as('fhir', { patient: 'Patient/p1' })) as any;
		const second = formatNote(
			buildEncounterNote(parts),
			{},
			as('fhir', { patient: 'Patient/p1' }),
		) as any;
		expect(first.entry[0].fullUrl).toBe(second.entry[0].fullUrl);
		expect(stableUuid('x')).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
		);
	});
});
