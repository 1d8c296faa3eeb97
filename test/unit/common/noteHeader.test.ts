/**
 * A filed note says which encounter it is: the markdown, the plain text and the HTML start with a
 * header (vendor, the vendor's ids, date, template), for each of the three vendors, built from the
 * note's source only (no patient details added, nothing invented when the source lacks a field).
 */
import type { IDataObject } from 'n8n-workflow';
import type { EncounterNote } from '../../../nodes/common/encounterNote';
import { noteTitle } from '../../../nodes/common/encounterNote';
import { renderHtml, renderPlainText } from '../../../nodes/common/noteRender';
import { healthScribeNote } from '../../../nodes/HealthScribe/outputs/note';
import { sessionNote } from '../../../nodes/ConnectHealth/outputs/encounterNote';
import { heidiEncounterNote } from '../../../nodes/Heidi/outputs/encounterNote';
import { buildArtifacts } from '../../../sandbox/connect-health/artifacts';
import { ENCOUNTERS } from '../../../sandbox/data/encounters';
import { buildClinicalDocument, buildTranscript } from '../../../sandbox/transcribe/outputs';

const encounter = ENCOUNTERS[0];

const healthScribe = (): EncounterNote =>
	healthScribeNote(
		buildTranscript('clinic-a-visit-7', encounter),
		buildClinicalDocument('clinic-a-visit-7', encounter, 'HISTORY_AND_PHYSICAL'),
		{
			jobName: 'clinic-a-visit-7',
			template: 'HISTORY_AND_PHYSICAL',
			createdAt: '2026-03-02T14:05:09.123Z',
		},
	);

function connectHealth(): EncounterNote {
	const sessionId = 'c11d3e00-0000-4000-8000-000000000009';
	const noteTemplateSettings = { managedTemplate: { templateType: 'GIRPP' } };
	const docs = buildArtifacts({ sessionId, encounter, noteTemplateSettings } as never) as Record<
		string,
		object
	>;
	return sessionNote(
		{
			sessionId,
			domainId: 'dom-abcdefghij0123456789',
			subscriptionId: 'sub-ABCDEFGHIJ0123456789k',
			streamCreationTime: '2026-03-08T09:00:00Z',
			postStreamActionSettings: {
				outputS3Uri: 's3://b/x',
				clinicalNoteGenerationSettings: { noteTemplateSettings },
			},
		} as never,
		{ clinicalNote: { uri: 's3://b/x/clinical-note.json', document: docs.note as IDataObject } },
	);
}

const HEIDI_SESSION = {
	session_id: '2698932154726987103795845214563700',
	created_at: '2024-12-11T03:57:57.921000',
	// The session carries the patient's name and birth date: the header must not repeat them.
	patient: { name: 'Alex Example', gender: 'OTHER', dob: '1980-01-02' },
	consult_note: {
		status: 'CREATED',
		result: '## Plan\n- Fluids',
		heading: 'SOAP Note',
		template_id: '659b8042fe093d6592b41ef7',
	},
};
const heidi = (): EncounterNote =>
	heidiEncounterNote({ session: HEIDI_SESSION, transcript: 'Clinician: Hello\nPatient: Hi' });

describe('the note header (which encounter a filed note is)', () => {
	it.each([
		[
			'aws-healthscribe',
			healthScribe,
			'# History and physical note\n\n- **Vendor:** AWS HealthScribe\n- **Job:** clinic-a-visit-7\n- **Conversation:** ',
			'- **Date:** 2026-03-02 14:05 UTC\n- **Template:** HISTORY_AND_PHYSICAL\n\n## Chief Complaint',
		],
		[
			'amazon-connect-health',
			connectHealth,
			'# Mental health Progress note\n\n- **Vendor:** Amazon Connect Health\n- **Domain:** dom-abcdefghij0123456789\n- **Subscription:** sub-ABCDEFGHIJ0123456789k\n- **Session:** c11d3e00-0000-4000-8000-000000000009\n',
			'- **Date:** 2026-03-08 09:00 UTC\n- **Template:** GIRPP\n\n## ',
		],
		[
			'heidi',
			heidi,
			'# Progress note\n\n- **Vendor:** Heidi\n- **Session:** 2698932154726987103795845214563700\n- **Template ID:** 659b8042fe093d6592b41ef7\n',
			'- **Date:** 2024-12-11 03:57 UTC\n- **Template:** SOAP Note\n\n## Plan\n\n- Fluids\n',
		],
	])(
		'%s: markdown, plain text and HTML open with vendor, ids, date and template',
		(vendor, make, start, rest) => {
			const note = make();
			expect(note.source.vendor).toBe(vendor);
			expect(note.markdown.startsWith(start)).toBe(true);
			expect(note.markdown).toContain(rest);

			const title = noteTitle(note);
			const text = renderPlainText(note, title);
			expect(text.startsWith(`${title.toUpperCase()}\nVendor: `)).toBe(true);
			expect(text).toContain(`\nTemplate: ${note.source.template}\n\n`);
			for (const id of Object.values(note.source.ids)) expect(text).toContain(id);

			const html = renderHtml(note, title);
			expect(html).toContain(`<h1>${title}</h1>\n<dl><dt>Vendor</dt><dd>`);
			expect(html).toContain(`<dt>Template</dt><dd>${note.source.template}</dd></dl>`);
		},
	);

	it('adds no patient details the note does not hold, and leaves out what the source lacks', () => {
		const note = heidi();
		for (const rendered of [
			note.markdown,
			renderPlainText(note, 'Note'),
			renderHtml(note, 'Note'),
		]) {
			expect(rendered).not.toContain('Alex Example');
			expect(rendered).not.toContain('1980-01-02');
		}
		const bare = heidiEncounterNote({
			session: { session_id: 's-1', consult_note: { result: '## Plan\n- Rest' } },
			transcript: '',
		});
		expect(bare.markdown).toBe(
			'# Progress note\n\n- **Vendor:** Heidi\n- **Session:** s-1\n\n## Plan\n\n- Rest\n',
		);
		expect(renderPlainText(bare, 'Progress note')).toBe(
			'PROGRESS NOTE\nVendor: Heidi\nSession: s-1\n\nPLAN\n- Rest\n',
		);
	});

	it('keeps each header value on one line, escaped in HTML', () => {
		const note = heidiEncounterNote({
			session: {
				session_id: 's-1',
				consult_note: { result: '## Plan\n- Rest', heading: 'H & P\n <v2>' },
			},
			transcript: '',
		});
		expect(note.markdown).toContain('- **Template:** H & P <v2>\n');
		expect(renderHtml(note, 'Note')).toContain('<dt>Template</dt><dd>H &amp; P &lt;v2&gt;</dd>');
	});
});
