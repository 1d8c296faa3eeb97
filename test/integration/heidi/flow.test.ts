import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import {
	audioItem,
	heidiRequests,
	heidiSandbox,
	HeidiRunner,
	HP_TEMPLATE,
	lastSeq,
} from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await heidiSandbox()));
afterAll(async () => await sandbox.stop());

test('jwt → create session → upload audio → transcript → consult note → EncounterNote', async () => {
	const heidi = new HeidiRunner(sandbox);
	const since = lastSeq(sandbox);

	const created = await heidi.run({
		resource: 'session',
		operation: 'create',
		additionalFields: { ehrAppointmentId: 'appt-77' },
	});
	expect(created.error).toBeUndefined();
	const sessionId = created.items[0].json.session_id as string;
	expect(sessionId).toMatch(/^\d{39}$/);
	expect(sandbox.heidi.inspectSession(sessionId)?.session.ehr_appt_id).toBe('appt-77');

	const uploaded = await heidi.run(
		{
			resource: 'transcription',
			operation: 'uploadAudio',
			sessionId: '={{ $json.session_id }}',
			binaryPropertyName: 'data',
		},
		[audioItem('consult.mp3', 'audio/mpeg', { session_id: sessionId })],
	);
	expect(uploaded.error).toBeUndefined();
	expect(uploaded.items[0].json).toMatchObject({
		session_id: sessionId,
		uploaded_audio: { status: 'INITIALIZED' },
	});
	expect(sandbox.heidi.inspectSession(sessionId)?.audio).toEqual([
		expect.objectContaining({ fileName: 'consult.mp3', contentType: 'audio/mpeg' }),
	]);

	const transcript = await heidi.run({
		resource: 'transcription',
		operation: 'getTranscript',
		sessionId,
		options: { splitTurns: true },
	});
	expect(transcript.error).toBeUndefined();
	const text = transcript.items[0].json.transcript as string;
	expect(text.split('\n').length).toBeGreaterThan(3);
	expect((transcript.items[0].json.turns as IDataObject[]).map((t) => t.role)).toEqual(
		expect.arrayContaining(['CLINICIAN', 'PATIENT']),
	);

	const generated = await heidi.run({
		resource: 'consultNote',
		operation: 'generate',
		sessionId,
		templateSource: 'template',
		templateId: HP_TEMPLATE,
		voiceStyle: 'DETAILED',
		brain: 'RIGHT',
		contentType: 'MARKDOWN',
		additionalInstructions: 'Mention the follow-up call.',
		noteFormat: 'encounterNote',
	});
	expect(generated.error).toBeUndefined();
	const note = generated.items[0].json as IDataObject & {
		sections: IDataObject[];
		transcript: { turns: IDataObject[] };
		markdown: string;
	};
	const stored = sandbox.heidi.inspectSession(sessionId)!.session.consult_note;
	expect(stored.status).toBe('COMPLETED');
	expect(note.source).toMatchObject({
		vendor: 'heidi',
		ids: { sessionId, templateId: HP_TEMPLATE },
		template: 'H & P',
	});
	expect(note.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Assessment', 'Plan']));
	// Every line of the streamed note is in the EncounterNote, in order.
	const noteLines = (stored.result as string)
		.split('\n')
		.filter((l) => l && !l.startsWith('#'))
		.map((l) => l.replace(/^- /, ''));
	expect(note.sections.flatMap((s) => (s.items as IDataObject[]).map((i) => i.text))).toEqual(
		noteLines,
	);
	expect(note.transcript.turns).toHaveLength(text.split('\n').length);
	expect(note.markdown).toContain('## Assessment');
	expect(generated.items[0].pairedItem).toEqual({ item: 0 });

	const requests = heidiRequests(sandbox, since);
	expect(requests.map((r) => r.route.replace(sessionId, '{id}'))).toEqual([
		'GET /jwt',
		'POST /sessions',
		'POST /sessions/{id}/upload-audio',
		'GET /sessions/{id}/transcript',
		'POST /sessions/{id}/consult-note',
		// The streamed note checked against the stored one (no end marker is documented).
		'GET /sessions/{id}',
		'GET /sessions/{id}',
		'GET /sessions/{id}/transcript',
	]);
	expect(requests.every((r) => r.status === 200)).toBe(true);
	expect(requests.find((r) => r.route.endsWith('/consult-note'))?.body).toEqual({
		voice_style: 'DETAILED',
		brain: 'RIGHT',
		content_type: 'MARKDOWN',
		addition: 'Mention the follow-up call.',
		generation_method: 'TEMPLATE',
		template_id: HP_TEMPLATE,
	});
	// One token for the whole chain: the stored credential's token was reused by every later run.
	expect(heidi.exchanges).toBe(1);
	expect(sandbox.heidi.stats().jwtExchanges).toBe(1);
});
