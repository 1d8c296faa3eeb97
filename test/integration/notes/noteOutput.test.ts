/**
 * The one note output (common/noteOutput) through every note-returning operation and trigger:
 * version 2 (a new node) reads Note Format and Simplify; version 1 (a saved workflow) reads its old
 * selector (HealthScribe Include Outputs, Connect Health Include Note, Heidi Trigger Include
 * EncounterNote) and returns the note as it always did.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { fhirErrors } from '../../../sandbox/fhir/validate';
import { afterRequest, heidiCredentials, pollTrigger, runNode } from '../../harness';
import { expandDateTokens } from '../../../nodes/ConnectHealth/outputs/layout';
import {
	credentialsFor as healthScribeCredentials,
	healthScribeSandbox,
	NODE as HEALTHSCRIBE,
	recordingItem as healthScribeRecording,
	seedJob,
	startParameters as healthScribeStart,
	TRIGGER as HEALTHSCRIBE_TRIGGER,
} from '../healthscribe/helpers';
import {
	byId,
	connectHealthSandbox,
	credentialsFor as connectHealthCredentials,
	DEMO,
	NODE as CONNECT_HEALTH,
	TRIGGER as CONNECT_HEALTH_TRIGGER,
} from '../connect-health/helpers';
import {
	flacStream,
	recordingItem as connectHealthRecording,
} from '../connect-health/streaming.helpers';
import { heidiRequests, heidiSandbox, HP_TEMPLATE, lastSeq } from '../heidi/helpers';

type Json = any;
const CURRENT = 2;
const SAVED = 1;
const PATIENT = { fhirPatient: 'Patient/sandbox-patient-01' };

/** The simplified note: title, markdown and sections first, flat; vendor ids; no transcript, evidence or insights. */
function expectSimplified(note: Json, vendor: string, ids: IDataObject): void {
	expect(Object.keys(note).slice(0, 3)).toEqual(['title', 'markdown', 'sections']);
	expect(note.title).toEqual(expect.stringMatching(/note$/));
	expect(note.markdown).toContain('## ');
	const sections = Object.values(note.sections);
	expect(sections.length).toBeGreaterThan(0);
	expect(sections.every((text) => typeof text === 'string' && text.length > 0)).toBe(true);
	expect(note).toMatchObject({ vendor, ...ids });
	for (const nested of ['source', 'transcript', 'insights', 'noteType'])
		expect(note).not.toHaveProperty(nested);
}

/** The full EncounterNote, as version 1 always returned it. */
function expectFull(note: Json, vendor: string): void {
	expect(note.source.vendor).toBe(vendor);
	expect(Array.isArray(note.sections)).toBe(true);
	expect(Array.isArray(note.transcript.turns)).toBe(true);
	expect(typeof note.markdown).toBe('string');
}

describe('AWS HealthScribe', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
		await seedJob(sandbox, 'clinic-notes-1', sandbox.seededRecordings[0]);
		sandbox.clock.advance(3_600_000);
	});
	afterAll(async () => await sandbox.stop());
	const credentials = () => healthScribeCredentials(sandbox);
	const get = (typeVersion: number, extra: INodeParameters) =>
		runNode(
			HEALTHSCRIBE,
			{ resource: 'medicalScribeJob', operation: 'get', jobName: 'clinic-notes-1', ...extra },
			{ credentials: credentials(), typeVersion, continueOnFail: true },
		);

	it('Get (version 2): Note Format EncounterNote is simplified by default, full with Simplify off, FHIR a Bundle', async () => {
		expectSimplified(
			(await get(CURRENT, { noteFormat: 'encounterNote' })).items[0].json.note,
			'aws-healthscribe',
			{ jobName: 'clinic-notes-1', template: 'HISTORY_AND_PHYSICAL' },
		);
		expectFull(
			(await get(CURRENT, { noteFormat: 'encounterNote', simple: false })).items[0].json.note,
			'aws-healthscribe',
		);
		const bundle = (await get(CURRENT, { noteFormat: 'fhir', ...PATIENT })).items[0].json.note;
		expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
		expect(fhirErrors(bundle)).toEqual([]);
		expect((await get(CURRENT, {})).items[0].json.note).toBeUndefined();
	});

	it('Get (version 1, a saved workflow): Include Outputs still decides, and the note is not simplified', async () => {
		expectFull(
			(await get(SAVED, { includeOutputs: 'encounterNote', simple: true })).items[0].json.note,
			'aws-healthscribe',
		);
		expect((await get(SAVED, { includeOutputs: 'raw' })).items[0].json.note).toEqual({
			transcript: expect.any(Object),
			clinicalDocument: expect.any(Object),
		});
	});

	it('a Note Format no option has is refused, naming the field, before any call to AWS', async () => {
		const before = sandbox.log.entries().length;
		const { items } = await get(CURRENT, { noteFormat: 'pdf' });
		expect(items[0].json.error).toContain('Invalid "Note Format"');
		expect(sandbox.log.entries()).toHaveLength(before);
	});

	it('Start with Wait for Completion (version 2) returns the simplified note', async () => {
		const unhook = afterRequest(
			sandbox.log,
			{ target: 'GetMedicalScribeJob' },
			(_, n) => n === 1 && sandbox.clock.advance(3_600_000),
		);
		const { items, error } = await runNode(
			HEALTHSCRIBE,
			healthScribeStart(sandbox, {
				waitForCompletion: true,
				maxWaitMinutes: 1,
				noteFormat: 'encounterNote',
			}),
			{
				credentials: credentials(),
				input: [healthScribeRecording(1)],
				typeVersion: CURRENT,
			},
		);
		unhook();
		expect(error).toBeUndefined();
		expectSimplified(items[0].json.note, 'aws-healthscribe', {
			jobName: items[0].json.MedicalScribeJobName,
		});
	});

	it('Trigger: Note Format in version 2 (simplified), Include Outputs in version 1 (full)', async () => {
		const poll = (typeVersion: number, parameters: INodeParameters) =>
			pollTrigger(
				HEALTHSCRIBE_TRIGGER,
				{ events: ['completed'], jobNameContains: 'clinic-notes', ...parameters },
				{ credentials: credentials(), staticData: {}, mode: 'manual', typeVersion },
			);
		const current = await poll(CURRENT, { noteFormat: 'encounterNote' });
		expectSimplified(current![0][0].json.note, 'aws-healthscribe', { jobName: 'clinic-notes-1' });
		const saved = await poll(SAVED, { includeOutputs: 'encounterNote' });
		expectFull(saved![0][0].json.note, 'aws-healthscribe');
	});
});

describe('Amazon Connect Health', () => {
	let sandbox: Sandbox;
	beforeAll(
		async () =>
			(sandbox = await connectHealthSandbox({
				connectHealth: { timings: { artifactGenerationMs: 0 } },
			})),
	);
	afterAll(async () => await sandbox.stop());
	const keys = { domain: byId(DEMO.domainId), subscription: byId(DEMO.subscriptionId) };
	const run = (typeVersion: number, parameters: INodeParameters, input?: INodeExecutionData[]) =>
		runNode(
			CONNECT_HEALTH,
			{ ...keys, ...parameters },
			{ credentials: connectHealthCredentials(sandbox), typeVersion, input, continueOnFail: true },
		);
	const get = (typeVersion: number, extra: INodeParameters) =>
		run(typeVersion, {
			resource: 'listeningSession',
			operation: 'get',
			sessionId: DEMO.sessionIds[0],
			...extra,
		});

	it('Get Listening Session (version 2): simplified by default, full with Simplify off, Raw with the chosen artifacts', async () => {
		expectSimplified(
			(await get(CURRENT, { noteFormat: 'encounterNote' })).items[0].json.note,
			'amazon-connect-health',
			{ sessionId: DEMO.sessionIds[0], domainId: DEMO.domainId },
		);
		expectFull(
			(await get(CURRENT, { noteFormat: 'encounterNote', simple: false })).items[0].json.note,
			'amazon-connect-health',
		);
		expect(
			Object.keys(
				(await get(CURRENT, { noteFormat: 'raw', artifacts: ['clinicalNote'] })).items[0].json
					.note as IDataObject,
			),
		).toEqual(['clinicalNote']);
	});

	it('Get Listening Session (version 1, a saved workflow): Include Note still decides, not simplified', async () => {
		expectFull(
			(await get(SAVED, { includeNote: 'encounterNote' })).items[0].json.note,
			'amazon-connect-health',
		);
		expect((await get(SAVED, { includeNote: 'none' })).items[0].json.note).toBeUndefined();
	});

	it('Start with Wait for Completion (version 2): EncounterNote by default, simplified', async () => {
		sandbox.store.ensureBucket('scribe-output');
		const start = {
			resource: 'listeningSession',
			operation: 'start',
			outputS3Uri: 's3://scribe-output/streams/{yyyy}/{mm}/{dd}/',
			waitForCompletion: true,
			maxWaitMinutes: 1,
			onTimeout: 'error',
		};
		const { items, error } = await run(CURRENT, start, [
			connectHealthRecording(
				flacStream({ seconds: 2, channels: 1, sampleRate: 16000 }),
				'visit.flac',
				'audio/flac',
			),
		]);
		expect(error).toBeUndefined();
		expectSimplified(items[0].json.note, 'amazon-connect-health', {
			sessionId: (items[0].json as Json).sessionId,
		});
	});

	it('Trigger (listening session artifacts): Note Format in version 2, Include Note in version 1', async () => {
		const template = 's3://scribe-output/sessions/{yyyy}/{mm}/{dd}/';
		const parameters = {
			event: 'sessionArtifactsReady',
			...keys,
			outputS3Uri: template,
			artifact: 'clinicalNote',
			lookBackHours: 24,
		};
		const poll = (typeVersion: number, extra: INodeParameters, staticData: IDataObject) =>
			pollTrigger(
				CONNECT_HEALTH_TRIGGER,
				{ ...parameters, ...extra },
				{ credentials: connectHealthCredentials(sandbox), staticData, typeVersion },
			);
		const current: IDataObject = {};
		const saved: IDataObject = {};
		await poll(CURRENT, { noteFormat: 'encounterNote' }, current);
		await poll(SAVED, { includeNote: 'encounterNote' }, saved);
		const session = sandbox.connectHealth.addListeningSession({
			domainId: DEMO.domainId,
			subscriptionId: DEMO.subscriptionId,
			outputS3Uri: expandDateTokens(template, Date.now()),
			at: sandbox.clock.now() - 30 * 60_000,
		});
		sandbox.clock.advance(60_000);
		const fromCurrent = await poll(CURRENT, { noteFormat: 'encounterNote' }, current);
		expectSimplified(fromCurrent![0][0].json.note, 'amazon-connect-health', {
			sessionId: session.sessionId,
		});
		const fromSaved = await poll(SAVED, { includeNote: 'encounterNote' }, saved);
		expectFull(fromSaved![0][0].json.note, 'amazon-connect-health');
	});
});

describe('Heidi', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await heidiSandbox()));
	afterAll(async () => await sandbox.stop());
	const run = (typeVersion: number, parameters: INodeParameters) =>
		runNode('heidi', parameters, {
			credentials: { heidiApi: heidiCredentials(sandbox) },
			typeVersion,
			continueOnFail: true,
		});

	it('Consult Note → Get (version 2): EncounterNote simplified by default; version 1 returns the full note', async () => {
		const sessionId = sandbox.heidi.seedSession();
		expectSimplified(
			(await run(CURRENT, { resource: 'consultNote', operation: 'get', sessionId })).items[0].json,
			'heidi',
			{ sessionId },
		);
		expectFull(
			(
				await run(SAVED, {
					resource: 'consultNote',
					operation: 'get',
					sessionId,
					noteFormat: 'encounterNote',
				})
			).items[0].json,
			'heidi',
		);
	});

	it('Consult Note → Generate (version 2) returns the simplified note; None is not offered where the note is the output', async () => {
		const sessionId = sandbox.heidi.seedSession();
		const generate = {
			resource: 'consultNote',
			operation: 'generate',
			sessionId,
			templateSource: 'template',
			templateId: HP_TEMPLATE,
			voiceStyle: 'GOLDILOCKS',
			brain: 'LEFT',
			contentType: 'MARKDOWN',
		};
		expectSimplified(
			(await run(CURRENT, { ...generate, noteFormat: 'encounterNote' })).items[0].json,
			'heidi',
			{ sessionId },
		);
		const since = lastSeq(sandbox);
		const { items } = await run(CURRENT, { ...generate, noteFormat: 'none' });
		expect(items[0].json.error).toContain('Invalid "Note Format"');
		expect(heidiRequests(sandbox, since).filter((r) => !r.route.endsWith('/jwt'))).toEqual([]);
	});

	it('Trigger: Note Format puts the note under "note" (version 2); Include EncounterNote under "encounterNote" (version 1)', async () => {
		const sessionId = sandbox.heidi.seedSession({ createdAt: sandbox.clock.now() + 60_000 });
		sandbox.clock.advance(120_000);
		const poll = async (typeVersion: number, parameters: INodeParameters) =>
			(await pollTrigger(
				'heidiTrigger',
				{ events: ['noteReady'], ...parameters },
				{
					credentials: { heidiApi: heidiCredentials(sandbox) },
					staticData: {},
					mode: 'manual',
					typeVersion,
				},
			))![0][0].json;
		const simplified = await poll(CURRENT, { noteFormat: 'encounterNote' });
		expect(simplified).toMatchObject({ event: 'noteReady', session_id: sessionId });
		expectSimplified(simplified.note, 'heidi', { sessionId });
		expect(simplified).not.toHaveProperty('encounterNote');
		const bundle = (await poll(CURRENT, { noteFormat: 'fhir', ...PATIENT })).note as Json;
		expect(bundle.resourceType).toBe('Bundle');
		expect(fhirErrors(bundle)).toEqual([]);
		expect((await poll(CURRENT, {})).note).toBeUndefined();
		const saved = await poll(SAVED, { options: { includeEncounterNote: true } });
		expectFull(saved.encounterNote, 'heidi');
		expect(saved).not.toHaveProperty('note');
	});
});
