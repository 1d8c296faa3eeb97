import type { Sandbox } from '../../../sandbox';
import { expandDateTokens } from '../../../nodes/ConnectHealth/outputs/layout';
import { byId, connectHealthSandbox, DEMO, expectSigned, run, wire } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const [FIRST, SECOND, THIRD] = DEMO.sessionIds;
const sessionParameters = (sessionId: string, extra = {}) => ({
	resource: 'listeningSession',
	operation: 'get',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	sessionId,
	...extra,
});
const path = (sessionId: string) =>
	`/medical-scribe-stream/domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}/session/${sessionId}`;

describe('GetMedicalScribeListeningSession', () => {
	test('GET /medical-scribe-stream/domain/…/subscription/…/session/{id}: details, stream and artifact status', async () => {
		const { items, requests, s3 } = await run(sandbox, sessionParameters(FIRST));
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'GET',
			path: path(FIRST),
			query: {},
			body: undefined,
		});
		expect(s3).toHaveLength(0);
		const details = items[0].json;
		expect(details).toMatchObject({
			sessionId: FIRST,
			domainId: DEMO.domainId,
			subscriptionId: DEMO.subscriptionId,
			streamStatus: 'COMPLETED',
			streamCreationTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
			streamEndTime: expect.stringMatching(/Z$/),
			postStreamActionSettings: {
				// Started with the demo's dated location: its tokens filled with the UTC start date.
				outputS3Uri: expandDateTokens(
					DEMO.outputS3Uri,
					Date.parse(String(details.streamCreationTime)),
				),
				clinicalNoteGenerationSettings: {
					noteTemplateSettings: { managedTemplate: { templateType: 'HISTORY_AND_PHYSICAL' } },
				},
			},
			postStreamActionResult: {
				clinicalNoteGenerationResult: {
					noteResult: {
						status: 'COMPLETED',
						outputLocation: expect.stringMatching(/clinical-note\.json$/),
					},
					transcriptResult: { status: 'COMPLETED' },
					afterVisitSummaryResult: { status: 'COMPLETED' },
				},
			},
		});
		expect(Date.parse(String(details.streamEndTime))).toBeGreaterThan(
			Date.parse(String(details.streamCreationTime)),
		);
	});

	test('Include Note → EncounterNote built from the three artifacts downloaded from S3', async () => {
		const { items, s3 } = await run(
			sandbox,
			sessionParameters(THIRD, { includeNote: 'encounterNote' }),
		);
		// Under the UTC date of the session's start.
		const started = Date.parse(String(items[0].json.streamCreationTime));
		const folder = new Date(started).toISOString().slice(0, 10).replace(/-/g, '/');
		expect(s3.map((r) => r.path).sort()).toEqual(
			['after-visit-summary.json', 'clinical-note.json', 'transcript.json'].map(
				(f) =>
					`/sandbox-connect-health-output/scribe/${folder}/medical-scribe/${DEMO.domainId}/${DEMO.subscriptionId}/${THIRD}/${f}`,
			),
		);
		const note = items[0].json.note as any;
		expect(note.source).toMatchObject({
			vendor: 'amazon-connect-health',
			ids: { domainId: DEMO.domainId, subscriptionId: DEMO.subscriptionId, sessionId: THIRD },
			template: 'PHYSICAL_SOAP',
		});
		expect(note.sections.map((s: { name: string }) => s.name)).toEqual([
			'SUBJECTIVE',
			'OBJECTIVE',
			'ASSESSMENT',
			'PLAN',
		]);
		expect(note.transcript.turns.length).toBeGreaterThan(4);
		expect(note.transcript.turns[0]).toMatchObject({
			role: expect.stringMatching(/^(CLINICIAN|PATIENT)$/),
			text: expect.any(String),
			start: expect.any(Number),
		});
		// Evidence links resolve to transcript turns.
		const evidence = note.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.evidence));
		expect(evidence.length).toBeGreaterThan(0);
		expect(evidence.every((e: any) => typeof e.turnIndex === 'number')).toBe(true);
		expect(note.afterVisitSummary).toEqual(expect.any(String));
		expect(note.markdown).toContain('## Subjective');
		expect(note.markdown).toContain('## After-Visit Summary');
	});

	test('Include Note → FHIR Bundle, and raw artifacts as written', async () => {
		const fhir = await run(
			sandbox,
			sessionParameters(SECOND, { includeNote: 'fhir', fhirPatient: 'Patient/123' }),
		);
		const bundle = fhir.items[0].json.note as any;
		expect(bundle.resourceType).toBe('Bundle');
		expect(bundle.entry.map((e: any) => e.resource.resourceType)).toEqual([
			'Composition',
			'DocumentReference',
		]);
		expect(bundle.entry[1].resource.subject).toEqual({ reference: 'Patient/123' });

		const raw = await run(
			sandbox,
			sessionParameters(SECOND, { includeNote: 'raw', artifacts: ['transcript'] }),
		);
		expect(raw.s3).toHaveLength(1);
		expect(Object.keys(raw.items[0].json.note as object)).toEqual(['transcript']);
		expect((raw.items[0].json.note as any).transcript.Conversation.SessionId).toBe(SECOND);
	});

	test('no note while the artifacts are still being generated', async () => {
		const session = sandbox.connectHealth.addListeningSession({
			domainId: DEMO.domainId,
			subscriptionId: DEMO.subscriptionId,
		});
		const { items, s3 } = await run(
			sandbox,
			sessionParameters(session.sessionId, { includeNote: 'encounterNote' }),
		);
		expect(items[0].json.postStreamActionResult).toMatchObject({
			clinicalNoteGenerationResult: { noteResult: { status: 'IN_PROGRESS' } },
		});
		expect(items[0].json.note).toBeUndefined();
		expect(s3).toHaveLength(0);
	});

	test('ResourceNotFoundException (404)', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const { error, requests } = await run(sandbox, sessionParameters(missing));
		expect(requests.map((r) => [r.path, r.status, r.errorType])).toEqual([
			[path(missing), 404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(
			/^GetMedicalScribeListeningSession failed \(HTTP 404\): ResourceNotFoundException/,
		);
		expect(error?.message).not.toContain(missing);
	});
});
