import { afterRequest, runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	recordingItem,
	startParameters,
} from './helpers';

describe('AWS HealthScribe: Start → wait → EncounterNote', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		// Sandbox time stands still unless the test steps it: what each poll sees never depends on machine speed.
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
	});
	afterAll(async () => await sandbox.stop());

	it('uploads the binary recording, starts the job, waits and returns an EncounterNote', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		// The first poll sees the job unfinished; an hour passes before the node's next poll.
		const unhook = afterRequest(
			sandbox.log,
			{ target: 'GetMedicalScribeJob' },
			(_, n) => n === 1 && sandbox.clock.advance(3_600_000),
		);
		const { items, error } = await runNode(
			NODE,
			startParameters(sandbox, {
				waitForCompletion: true,
				maxWaitMinutes: 1,
				includeOutputs: 'encounterNote',
				additionalFields: { patientPronouns: 'SHE_HER' },
			}),
			{ credentials: credentialsFor(sandbox), input: [recordingItem(0)] },
		);
		unhook();
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);

		// What AWS received: the upload, the start (after the upload), polls, and the two output downloads.
		const log = sandbox.log.entries({ since });
		const upload = log.find((e) => e.service === 's3' && e.method === 'PUT')!;
		expect(upload.path).toMatch(
			new RegExp(`^/${MEDIA_BUCKET}/healthscribe/input/[0-9a-f]{64}\\.wav$`),
		);
		expect(upload.headers['content-type']).toBe('audio/wav');
		expect(upload.status).toBe(200);
		const start = log.find((e) => e.target === 'Transcribe.StartMedicalScribeJob')!;
		expect(start.seq).toBeGreaterThan(upload.seq);
		const request = start.body as Record<string, any>;
		expect(request.MedicalScribeJobName).toMatch(/^clinic-visit-[0-9a-f]{32}$/);
		expect(request.Media).toEqual({
			MediaFileUri: `s3://${MEDIA_BUCKET}${upload.path.slice(MEDIA_BUCKET.length + 1)}`,
		});
		expect(request.Settings).toEqual({
			ShowSpeakerLabels: true,
			MaxSpeakerLabels: 2,
			ClinicalNoteGenerationSettings: { NoteTemplate: 'HISTORY_AND_PHYSICAL' },
		});
		expect(request.MedicalScribeContext).toEqual({ PatientContext: { Pronouns: 'SHE_HER' } });
		expect(start.status).toBe(200);
		const gets = log.filter((e) => e.target === 'Transcribe.GetMedicalScribeJob');
		expect(gets).toHaveLength(2);
		expect(gets[0].seq).toBeGreaterThan(start.seq);
		const downloads = log.filter((e) => e.service === 's3' && e.method === 'GET');
		expect(downloads.map((e) => e.path).sort()).toEqual([
			`/sandbox-output/${request.MedicalScribeJobName}/summary.json`,
			`/sandbox-output/${request.MedicalScribeJobName}/transcript.json`,
		]);

		// What the workflow gets.
		const json = items[0].json as Record<string, any>;
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(json.MedicalScribeJobName).toBe(request.MedicalScribeJobName);
		expect(json.MedicalScribeJobStatus).toBe('COMPLETED');
		expect(typeof json.CompletionTime).toBe('string');
		const note = json.note;
		expect(note.source.vendor).toBe('aws-healthscribe');
		expect(note.source.ids.jobName).toBe(request.MedicalScribeJobName);
		expect(note.source.template).toBe('HISTORY_AND_PHYSICAL');
		expect(note.sections.length).toBeGreaterThan(2);
		expect(note.sections.map((s: any) => s.name)).toContain('CHIEF_COMPLAINT');
		expect(note.transcript.turns.length).toBeGreaterThan(3);
		expect(new Set(note.transcript.turns.map((t: any) => t.role))).toEqual(
			new Set(['CLINICIAN', 'PATIENT']),
		);
		const linked = note.sections.flatMap((s: any) => s.items.flatMap((i: any) => i.evidence));
		expect(linked.length).toBeGreaterThan(0);
		for (const link of linked) expect(note.transcript.turns[link.turnIndex].id).toBe(link.turnId);
		expect(note.markdown).toContain('## Chief Complaint');
		expect(note.markdown).toContain(note.sections[0].items[0].text);
	});
});
