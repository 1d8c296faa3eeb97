import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import {
	audioItem,
	heidiRequests,
	heidiSandbox,
	HeidiRunner,
	HP_TEMPLATE,
	json,
	lastSeq,
} from './helpers';

let sandbox: Sandbox;
let heidi: HeidiRunner;
beforeAll(async () => {
	sandbox = await heidiSandbox();
	heidi = new HeidiRunner(sandbox);
});
afterAll(async () => await sandbox.stop());

describe('streamed answers', () => {
	it.each(['sse', 'json-lines'] as const)(
		'joins the consult note and Ask Heidi streams sent as %s',
		async (streamFormat) => {
			sandbox.heidi.configure({ streamFormat, streamChunkDelayMs: 2 });
			const sessionId = sandbox.heidi.seedSession({ withNote: false });
			const since = lastSeq(sandbox);
			const note = await heidi.run({
				resource: 'consultNote',
				operation: 'generate',
				sessionId,
				templateSource: 'template',
				templateId: HP_TEMPLATE,
				voiceStyle: 'GOLDILOCKS',
				brain: 'LEFT',
				contentType: 'HTML',
				noteFormat: 'raw',
			});
			expect(note.error).toBeUndefined();
			const stored = sandbox.heidi.inspectSession(sessionId)!.session.consult_note.result as string;
			expect(stored).toContain('<h2>');
			expect(note.items[0].json).toMatchObject({
				session_id: sessionId,
				note: stored,
				content_type: 'HTML',
				template_id: HP_TEMPLATE,
			});

			const asked = await heidi.run({
				resource: 'askHeidi',
				operation: 'ask',
				sessionId,
				command: 'Summarise this note',
				content: stored,
				contentType: 'HTML',
			});
			expect(asked.error).toBeUndefined();
			expect(asked.items[0].json.answer).toMatch(/^<h2>Summary<\/h2><p>.+<\/p>$/s);
			const wire = heidiRequests(sandbox, since).filter(
				(r) => r.route.endsWith('/consult-note') || r.route.endsWith('/ask-ai'),
			);
			expect(wire.map((r) => r.status)).toEqual([200, 200]);
		},
	);
});

test('continue on fail: a bad item sends nothing, the others go through with their pairing', async () => {
	const good = sandbox.heidi.seedSession();
	const since = lastSeq(sandbox);
	const { items, error } = await heidi.run(
		{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
		[
			{ json: { id: good } },
			{ json: { id: 2.6989321547269871e38 } },
			{ json: { id: '' } },
			{ json: { id: good } },
		],
		true,
	);
	expect(error).toBeUndefined();
	expect(items.map((i) => i.pairedItem)).toEqual([
		{ item: 0 },
		{ item: 1 },
		{ item: 2 },
		{ item: 3 },
	]);
	expect(items[0].json.session_id).toBe(good);
	expect(items[3].json.session_id).toBe(good);
	expect(items[1].json.error).toMatch(/Session ID/);
	expect(items[2].json.error).toMatch(/Session ID.*empty/);
	const sent = heidiRequests(sandbox, since).filter((r) => r.route.startsWith('GET /sessions/'));
	expect(sent.map((r) => r.route)).toEqual([`GET /sessions/${good}`, `GET /sessions/${good}`]);
});

describe('known failure modes say what to do', () => {
	it('session not found', async () => {
		const { items } = await heidi.run(
			{
				resource: 'session',
				operation: 'get',
				sessionId: '123456789012345678901234567890123456789',
			},
			undefined,
			true,
		);
		expect(items[0].json.error).toMatch(/GetSession failed \(HTTP 404\): SessionNotFoundError/);
		expect(items[0].json.description).toMatch(/Check the Session ID/);
	});

	it('template missing', async () => {
		const sessionId = sandbox.heidi.seedSession({ withNote: false });
		const { items } = await heidi.run(
			{
				resource: 'consultNote',
				operation: 'generate',
				sessionId,
				templateSource: 'template',
				templateId: '000000000000000000000000',
				voiceStyle: 'BRIEF',
				brain: 'LEFT',
				contentType: 'MARKDOWN',
				noteFormat: 'raw',
			},
			undefined,
			true,
		);
		expect(items[0].json.error).toMatch(
			/GenerateConsultNote failed \(HTTP 404\): TemplateNotFoundError/,
		);
		expect(items[0].json.description).toMatch(/Template → Get Many/);
	});

	it('no linked account', async () => {
		const unlinked = await heidi.run({ resource: 'account', operation: 'unlink' });
		expect(unlinked.items[0].json).toEqual({ is_success: true });
		const { items } = await heidi.run(
			{ resource: 'session', operation: 'getAll', returnAll: true },
			undefined,
			true,
		);
		expect(items[0].json.error).toMatch(
			/ListLinkedUserSessions failed \(HTTP 400\): NoLinkedUserException/,
		);
		expect(items[0].json.description).toMatch(/not linked to a Heidi account/);
		const relinked = await heidi.run({
			resource: 'account',
			operation: 'link',
			kindeUserId: 'kp_sandbox0000000000000001',
		});
		expect((relinked.items[0].json.account as IDataObject).user_id).toBeDefined();
		const check = await heidi.run({ resource: 'account', operation: 'check' });
		expect(check.items[0].json).toMatchObject({ is_linked: true, is_valid: true });
	});

	it('a bad API key fails once with the credential’s advice, and no secret in the error', async () => {
		const badKey = new HeidiRunner(sandbox);
		badKey.credentials = { ...badKey.credentials, apiKey: 'wrong-key-0123456789' };
		const since = lastSeq(sandbox);
		const { items } = await badKey.run(
			{ resource: 'session', operation: 'get', sessionId: '1' },
			[{ json: {} }, { json: {} }, { json: {} }],
			true,
		);
		expect(items).toHaveLength(3);
		for (const item of items) {
			expect(item.json.error).toMatch(/GetToken failed \(HTTP 403\)/);
			expect(item.json.description).toMatch(/API key was refused/);
			expect(JSON.stringify(item.json)).not.toContain('wrong-key');
		}
		expect(heidiRequests(sandbox, since).map((r) => r.route)).toEqual(['GET /jwt']);
	});
});

test('throttling and server errors are retried; a reset on a create is not repeated', async () => {
	const sessionId = sandbox.heidi.seedSession();
	sandbox.faults.failNext({
		kind: 'throttle',
		service: 'heidi',
		count: 2,
		match: { pathPrefix: '/api/v2/ml-scribe/open-api/sessions/' },
	});
	sandbox.faults.failNext({
		kind: '5xx',
		service: 'heidi',
		count: 1,
		match: { pathPrefix: '/api/v2/ml-scribe/open-api/sessions/' },
	});
	const since = lastSeq(sandbox);
	const got = await heidi.run({ resource: 'session', operation: 'get', sessionId });
	expect(got.error).toBeUndefined();
	expect(got.items[0].json.session_id).toBe(sessionId);
	expect(heidiRequests(sandbox, since).map((r) => r.status)).toEqual([429, 429, 500, 200]);

	sandbox.faults.failNext({
		kind: 'reset',
		service: 'heidi',
		count: 1,
		match: { method: 'POST', pathPrefix: '/api/v2/ml-scribe/open-api/sessions' },
	});
	const mark = lastSeq(sandbox);
	const created = await heidi.run({ resource: 'session', operation: 'create' }, undefined, true);
	expect(created.items[0].json.error).toMatch(/CreateSession failed/);
	expect(created.items[0].json.description).toMatch(
		/may have done it: check before running it again/,
	);
	expect(heidiRequests(sandbox, mark).filter((r) => r.route === 'POST /sessions')).toHaveLength(1);

	sandbox.faults.failNext({
		kind: 'reset',
		service: 'heidi',
		count: 1,
		match: { method: 'GET', pathPrefix: '/api/v2/ml-scribe/open-api/sessions/' },
	});
	const again = await heidi.run({ resource: 'session', operation: 'get', sessionId });
	expect(again.error).toBeUndefined();
});

test('session update, patient profiles and context', async () => {
	const other = sandbox.heidi.seedSession();
	const profile = await heidi.run({
		resource: 'patientProfile',
		operation: 'create',
		profileFields: {
			firstName: 'Ada',
			lastName: 'Sample',
			birthDate: '1980-04-23',
			gender: 'FEMALE',
			ehrPatientId: 'P-100',
		},
	});
	expect(profile.error).toBeUndefined();
	const profileId = profile.items[0].json.id as string;
	const created = await heidi.run({
		resource: 'session',
		operation: 'create',
		additionalFields: { patientProfileId: profileId },
	});
	const sessionId = created.items[0].json.session_id as string;

	const updated = await heidi.run({
		resource: 'session',
		operation: 'update',
		sessionId,
		updateFields: {
			isConsent: true,
			duration: 600,
			patientDob: '1980-04-23',
			clinicianNotes: ['Allergic to penicillin'],
			linkedSessions: [other],
			languageCode: 'en',
		},
	});
	expect(updated.error).toBeUndefined();
	expect(updated.items[0].json).toMatchObject({
		is_consent: true,
		duration: 600,
		clinician_notes: ['Allergic to penicillin'],
		linked_sessions_for_context: [other],
	});

	const notes = await heidi.run({
		resource: 'context',
		operation: 'setClinicianNotes',
		sessionId,
		notes: ['On metformin'],
		mode: 'append',
	});
	expect(notes.items[0].json.clinician_notes).toEqual(['Allergic to penicillin', 'On metformin']);

	const found = await heidi.run({
		resource: 'patientProfile',
		operation: 'getAll',
		returnAll: true,
		filters: { ehrPatientId: 'P-100' },
	});
	expect(json(found.items).map((p) => p.id)).toEqual([profileId]);

	const doc = await heidi.run(
		{
			resource: 'context',
			operation: 'uploadDocument',
			sessionId,
			binaryPropertyName: 'data',
			documentName: 'Referral',
			documentDate: '2025-03-01',
			additionalContext: 'GP referral',
		},
		[
			{
				json: {},
				binary: {
					data: {
						data: Buffer.from('%PDF-1.4 synthetic').toString('base64'),
						mimeType: 'application/pdf',
						fileName: 'referral.pdf',
					},
				},
			},
		],
	);
	expect(doc.error).toBeUndefined();
	expect(sandbox.heidi.inspectSession(sessionId)!.contextDocuments).toEqual([
		{
			fileName: 'referral.pdf',
			contentType: 'application/pdf',
			size: 18,
			meta: { name: 'Referral', date: '2025-03-01', additional_context: 'GP referral' },
		},
	]);

	const since = lastSeq(sandbox);
	const listed = await heidi.run({ resource: 'context', operation: 'getDocuments', sessionId });
	expect(listed.error).toBeUndefined();
	expect(
		heidiRequests(sandbox, since)
			.filter((r) => r.route.includes('/sessions/'))
			.map((r) => r.route),
	).toEqual([`GET /sessions/${sessionId}/context-documents`]);
	expect(json(listed.items)).toEqual([
		expect.objectContaining({
			session_id: sessionId,
			name: 'Referral',
			file_name: 'referral.pdf',
			content_type: 'application/pdf',
			size: 18,
			status: expect.stringMatching(/^(PARSING|READY)$/),
		}),
	]);

	const bad = await heidi.run(
		{ resource: 'context', operation: 'uploadDocument', sessionId, binaryPropertyName: 'data' },
		[audioItem()],
		true,
	);
	expect(bad.items[0].json.error).toMatch(/Input Binary Field/);
});

test('segmented recording, live transcript, documents, codes and the listing', async () => {
	const sessionId = (await heidi.run({ resource: 'session', operation: 'create' })).items[0].json
		.session_id as string;
	const started = await heidi.run({
		resource: 'transcription',
		operation: 'startRecording',
		sessionId,
	});
	const recordingId = started.items[0].json.recording_id as string;
	expect(recordingId).toMatch(/^\d{39}$/);
	const segments = await heidi.run(
		{
			resource: 'transcription',
			operation: 'uploadSegment',
			sessionId,
			recordingId,
			index: '={{ $json.index }}',
			binaryPropertyName: 'data',
		},
		[0, 1, 2].map((index) => ({
			...audioItem(`chunk-${index}.ogg`, 'application/octet-stream'),
			json: { index },
		})),
	);
	expect(segments.error).toBeUndefined();
	const finished = await heidi.run({
		resource: 'transcription',
		operation: 'finishRecording',
		sessionId,
		recordingId,
	});
	expect(finished.items[0].json).toMatchObject({ is_success: true });
	const snapshot = sandbox.heidi.inspectSession(sessionId)!;
	expect(snapshot.recordings[0]).toMatchObject({ id: recordingId, finished: true });
	expect(snapshot.recordings[0].segments.map((s) => [s.index, s.contentType])).toEqual([
		[0, 'audio/ogg'],
		[1, 'audio/ogg'],
		[2, 'audio/ogg'],
	]);

	const live = await heidi.run({
		resource: 'transcription',
		operation: 'getLiveTranscript',
		sessionId,
	});
	expect(live.items[0].json.active_source).toBe('LIVE');

	await heidi.run({
		resource: 'consultNote',
		operation: 'generate',
		sessionId,
		templateSource: 'custom',
		customTemplate: '{"Assessment": "", "Plan": ""}',
		voiceStyle: 'BRIEF',
		brain: 'LEFT',
		contentType: 'MARKDOWN',
		noteFormat: 'fhir',
		fhirPatient: 'Patient/p1',
	});
	const fhir = await heidi.run({
		resource: 'consultNote',
		operation: 'get',
		sessionId,
		noteFormat: 'fhir',
		fhirPatient: 'Patient/p1',
	});
	expect(fhir.items[0].json).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });

	const filled = await heidi.run({
		resource: 'consultNote',
		operation: 'generateFromJsonTemplate',
		sessionId,
		jsonTemplate: JSON.stringify({
			content: '',
			summaryRequired: true,
			responses: [
				{ questionId: 1, question: 'Plan', answer: [], answerType: 'TextArea', answerOptions: [] },
			],
		}),
	});
	expect(filled.error).toBeUndefined();
	expect((filled.items[0].json.responses as IDataObject[])[0].answer).toEqual([expect.any(String)]);

	const templates = await heidi.run({
		resource: 'template',
		operation: 'getAll',
		templateType: 'document',
		returnAll: true,
	});
	const letter = json(templates.items).find((t) => t.template_category === 'DOCUMENT_TEMPLATE')!;
	const doc = await heidi.run({
		resource: 'document',
		operation: 'create',
		sessionId,
		templateId: String(letter.id),
		brain: 'LEFT',
	});
	expect(doc.items[0].json.content).toContain('Dear');
	const docs = await heidi.run({
		resource: 'document',
		operation: 'getAll',
		sessionId,
		returnAll: true,
	});
	expect(json(docs.items).map((d) => d.id)).toEqual([doc.items[0].json.id]);

	const codes = await heidi.run({
		resource: 'clinicalCode',
		operation: 'get',
		sessionId,
		codingSystem: 'ICD-10-CM',
	});
	expect(codes.error).toBeUndefined();
	expect(codes.items[0].json.session_id).toBe(sessionId);

	sandbox.heidi.configure({ pageSize: 2 });
	const limited = await heidi.run({
		resource: 'session',
		operation: 'getAll',
		returnAll: false,
		limit: 3,
	});
	expect(limited.items).toHaveLength(3);
	const all = await heidi.run({ resource: 'session', operation: 'getAll', returnAll: true });
	expect(new Set(json(all.items).map((s) => s.session_id)).size).toBe(all.items.length);
	expect(json(all.items).map((s) => s.session_id)).toContain(sessionId);
});
