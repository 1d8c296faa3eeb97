import { heidiEncounterNote, heidiTime } from '../../../nodes/Heidi/outputs/encounterNote';
import { parseNoteSections, sectionKey } from '../../../nodes/Heidi/outputs/noteText';
import { parseTranscript } from '../../../nodes/Heidi/outputs/transcript';

describe('parseNoteSections', () => {
	it('reads Markdown headings, bullets and paragraphs', () => {
		const text =
			'Seen today.\n\n## Chief complaint\n- Sore throat\n- Fever\n\n### Plan\n1. Fluids\n2) Review in 3 days\nCall if worse.';
		expect(parseNoteSections(text)).toEqual([
			{ heading: 'Note', items: ['Seen today.'] },
			{ heading: 'Chief complaint', items: ['Sore throat', 'Fever'] },
			{ heading: 'Plan', items: ['Fluids', 'Review in 3 days', 'Call if worse.'] },
		]);
	});

	it('reads HTML the same way, decoding entities', () => {
		const html =
			'<h2>Assessment</h2><ul><li>Viral URTI &amp; cough</li><li>Temp &lt; 38</li></ul>\n<h2>Plan</h2><p>Rest<br>Fluids</p>';
		expect(parseNoteSections(html)).toEqual([
			{ heading: 'Assessment', items: ['Viral URTI & cough', 'Temp < 38'] },
			{ heading: 'Plan', items: ['Rest', 'Fluids'] },
		]);
	});

	it('reads plain "Heading:" lines and bold headings, and drops empty sections', () => {
		expect(
			parseNoteSections('Subjective:\nTired for weeks\n**Objective**\nBP 120/80\nAssessment:\n'),
		).toEqual([
			{ heading: 'Subjective', items: ['Tired for weeks'] },
			{ heading: 'Objective', items: ['BP 120/80'] },
		]);
	});

	it('keys sections for FHIR matching', () => {
		expect(sectionKey('History of present illness')).toBe('HISTORY_OF_PRESENT_ILLNESS');
		expect(sectionKey('H & P')).toBe('H_P');
		expect(sectionKey('***')).toBe('NOTE');
	});
});

describe('parseTranscript', () => {
	it('maps speakers to roles and keeps unlabelled lines', () => {
		expect(
			parseTranscript(
				'Clinician: How are you?\nPatient: Not great.\n\nDr Smith: Any fever?\n(inaudible)\nInterpreter: She says yes.',
			),
		).toEqual([
			{ id: '0', role: 'CLINICIAN', speaker: 'Clinician', text: 'How are you?' },
			{ id: '1', role: 'PATIENT', speaker: 'Patient', text: 'Not great.' },
			{ id: '2', role: 'CLINICIAN', speaker: 'Dr Smith', text: 'Any fever?' },
			{ id: '3', role: 'UNKNOWN', text: '(inaudible)' },
			{ id: '4', role: 'INTERPRETER', speaker: 'Interpreter', text: 'She says yes.' },
		]);
	});
});

describe('heidiEncounterNote', () => {
	it('builds the vendor-neutral note from session, transcript and note', () => {
		const session = {
			session_id: '269893215472698710379584521456370012345',
			created_at: '2024-12-11T03:57:57.921000',
			consult_note: {
				status: 'CREATED',
				result: '## Assessment\n- Viral URTI\n## Plan\n- Fluids',
				heading: 'SOAP Note',
				template_id: '65a1c0de4b1d2e3f40a1b2c3',
			},
		};
		const note = heidiEncounterNote({ session, transcript: 'Clinician: Hello\nPatient: Hi' });
		expect(note.source).toEqual({
			vendor: 'heidi',
			ids: { sessionId: session.session_id, templateId: '65a1c0de4b1d2e3f40a1b2c3' },
			template: 'SOAP Note',
			createdAt: '2024-12-11T03:57:57.921Z',
		});
		expect(note.sections.map((s) => [s.name, s.text])).toEqual([
			['ASSESSMENT', 'Viral URTI'],
			['PLAN', 'Fluids'],
		]);
		expect(note.transcript.turns.map((t) => t.role)).toEqual(['CLINICIAN', 'PATIENT']);
		expect(note.markdown).toBe(
			'# Progress note\n\n- **Vendor:** Heidi\n- **Session:** 269893215472698710379584521456370012345\n- **Template ID:** 65a1c0de4b1d2e3f40a1b2c3\n- **Date:** 2024-12-11 03:57 UTC\n- **Template:** SOAP Note\n\n## Assessment\n\n- Viral URTI\n\n## Plan\n\n- Fluids\n',
		);
	});

	it('reads Heidi timestamps as UTC', () => {
		expect(heidiTime('2024-12-11T03:57:57.921000')).toBe(Date.UTC(2024, 11, 11, 3, 57, 57, 921));
		expect(heidiTime('2024-12-11T03:57:57Z')).toBe(Date.UTC(2024, 11, 11, 3, 57, 57));
		expect(heidiTime('not a time')).toBeUndefined();
	});
});
