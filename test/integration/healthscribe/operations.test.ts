import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, MEDIA_BUCKET, NODE, seedJob } from './helpers';

const LIST = 'Transcribe.ListMedicalScribeJobs';

describe('AWS HealthScribe: Get, Get Many, Delete', () => {
	let sandbox: Sandbox;
	const job = (operation: string, extra: Record<string, unknown> = {}) => ({
		resource: 'medicalScribeJob',
		operation,
		...extra,
	});
	beforeAll(async () => {
		// Sandbox time stands still: only advance() moves jobs on, so 'ward-a-running' stays QUEUED however slow the machine.
		sandbox = await healthScribeSandbox({ clockSpeed: 0 });
		for (let i = 0; i < 7; i++)
			await seedJob(
				sandbox,
				`ward-a-${i}`,
				sandbox.seededRecordings[i % sandbox.seededRecordings.length],
			);
		await seedJob(sandbox, 'ward-b-missing-media', 'recordings/none.wav');
		sandbox.clock.advance(60_000);
		await seedJob(sandbox, 'ward-a-running', sandbox.seededRecordings[0]);
	});
	afterAll(async () => await sandbox.stop());

	it('gets a job with the raw output files as binary properties (https output URIs)', async () => {
		const { items, error } = await runNode(
			NODE,
			job('get', { jobName: 'ward-a-1', includeOutputs: 'raw', rawAsBinary: true }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(error).toBeUndefined();
		const [item] = items;
		expect(item.json.MedicalScribeJobStatus).toBe('COMPLETED');
		expect((item.json.MedicalScribeOutput as Record<string, string>).TranscriptFileUri).toMatch(
			/^https:\/\/s3\.us-east-1\.amazonaws\.com\//,
		);
		expect(item.json).not.toHaveProperty('note');
		expect(Object.keys(item.binary ?? {}).sort()).toEqual(['clinicalDocument', 'transcript']);
		const transcript = JSON.parse(
			Buffer.from(item.binary!.transcript.data, 'base64').toString('utf8'),
		);
		expect(transcript.Conversation.JobName).toBe('ward-a-1');
		expect(item.binary!.clinicalDocument.mimeType).toBe('application/json');
	});

	it('gets a job as a FHIR bundle with the given references', async () => {
		const { items } = await runNode(
			NODE,
			job('get', {
				jobName: 'ward-a-2',
				includeOutputs: 'fhir',
				fhirPatient: 'Patient/p-1',
				fhirEncounter: 'Encounter/e-1',
			}),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		const bundle = items[0].json.note as Record<string, any>;
		expect(bundle.resourceType).toBe('Bundle');
		const [composition, documentReference] = bundle.entry.map((e: any) => e.resource);
		expect(composition.subject).toEqual({ reference: 'Patient/p-1' });
		expect(composition.section.length).toBeGreaterThan(2);
		expect(documentReference.context.encounter).toEqual([{ reference: 'Encounter/e-1' }]);
	});

	it('returns a failed job with its reason and no outputs', async () => {
		const { items } = await runNode(
			NODE,
			job('get', { jobName: 'ward-b-missing-media', includeOutputs: 'encounterNote' }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(items[0].json.MedicalScribeJobStatus).toBe('FAILED');
		expect(items[0].json.FailureReason).toBeTruthy();
		expect(items[0].json).not.toHaveProperty('note');
	});

	it('reports an unknown job with the AWS error type and request id, without the job name', async () => {
		const { items } = await runNode(NODE, job('get', { jobName: 'no-such-job' }), {
			credentials: credentialsFor(sandbox),
			continueOnFail: true,
		});
		const logged = sandbox.log.entries({ target: 'GetMedicalScribeJob' }).at(-1)!;
		expect(logged.status).toBe(404);
		expect(items[0].json.error).toContain(
			'GetMedicalScribeJob failed (HTTP 404): NotFoundException',
		);
		expect(items[0].json.description).toBe(`Request ID: ${logged.requestId}`);
		expect(JSON.stringify(items[0].json)).not.toContain('no-such-job');
	});

	it('lists jobs newest first with filters and a limit, paging with the SDK paginator', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items } = await runNode(
			NODE,
			job('getAll', {
				returnAll: false,
				limit: 3,
				filters: { status: 'COMPLETED', jobNameContains: 'WARD-A' },
			}),
			{
				credentials: credentialsFor(sandbox),
			},
		);
		expect(items.map((i) => i.json.MedicalScribeJobName)).toEqual([
			'ward-a-6',
			'ward-a-5',
			'ward-a-4',
		]);
		const calls = sandbox.log.entries({ since, target: LIST });
		expect(calls.map((c) => c.body)).toEqual([
			{ Status: 'COMPLETED', JobNameContains: 'WARD-A', MaxResults: 3 },
		]);
	});

	it('returns all jobs', async () => {
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items } = await runNode(NODE, job('getAll', { returnAll: true }), {
			credentials: credentialsFor(sandbox),
		});
		expect(items).toHaveLength(9);
		expect(items[0].json.MedicalScribeJobName).toBe('ward-a-running');
		expect(sandbox.log.entries({ since, target: LIST }).map((e) => e.body)).toEqual([
			{ MaxResults: 100 },
		]);
	});

	it('pages with NextToken until the limit is reached', async () => {
		for (let i = 0; i < 110; i++)
			await seedJob(sandbox, `bulk-${String(i).padStart(3, '0')}`, sandbox.seededRecordings[0]);
		const since = sandbox.log.entries().at(-1)?.seq ?? 0;
		const { items } = await runNode(
			NODE,
			job('getAll', { returnAll: false, limit: 105, filters: { jobNameContains: 'bulk' } }),
			{ credentials: credentialsFor(sandbox) },
		);
		expect(items).toHaveLength(105);
		expect(items[0].json.MedicalScribeJobName).toBe('bulk-109');
		expect(items[104].json.MedicalScribeJobName).toBe('bulk-005');
		const calls = sandbox.log
			.entries({ since, target: LIST })
			.map((e) => e.body as Record<string, unknown>);
		expect(calls).toHaveLength(2);
		expect(calls[0]).toEqual({ JobNameContains: 'bulk', MaxResults: 100 });
		expect(calls[1]).toEqual({
			JobNameContains: 'bulk',
			MaxResults: 100,
			NextToken: expect.any(String),
		});
	});

	it('deletes a finished job and reports the service refusing a running one', async () => {
		const { items } = await runNode(NODE, job('delete', { jobName: '={{ $json.name }}' }), {
			credentials: credentialsFor(sandbox),
			input: [{ json: { name: 'ward-a-0' } }, { json: { name: 'ward-a-running' } }],
			continueOnFail: true,
		});
		expect(items[0].json).toEqual({ deleted: true, MedicalScribeJobName: 'ward-a-0' });
		expect(items[1].json.error).toContain(
			'DeleteMedicalScribeJob failed (HTTP 400): BadRequestException',
		);
		expect(sandbox.transcribe.jobs().map((j) => j.MedicalScribeJobName)).not.toContain('ward-a-0');
		expect(sandbox.log.entries({ target: 'DeleteMedicalScribeJob' }).map((e) => e.body)).toEqual([
			{ MedicalScribeJobName: 'ward-a-0' },
			{ MedicalScribeJobName: 'ward-a-running' },
		]);
	});

	it('starts from an S3 URI with channel identification, tags and KMS settings as AWS documents them', async () => {
		const { items, error } = await runNode(
			NODE,
			{
				resource: 'medicalScribeJob',
				operation: 'start',
				jobNameMode: 'custom',
				jobName: 'stereo-visit-1',
				mediaSource: 's3',
				mediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[1]}`,
				outputBucketName: 'sandbox-output',
				dataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
				speakerMode: 'channelIdentification',
				channel0Role: 'PATIENT',
				channel1Role: 'CLINICIAN',
				noteTemplate: 'GIRPP',
				additionalFields: {
					outputEncryptionKmsKeyId: 'alias/healthscribe',
					kmsEncryptionContext: { entries: [{ key: 'clinic', value: 'north' }] },
					tags: { entries: [{ key: 'appointment', value: 'A-1' }] },
					vocabularyFilterName: 'profanity',
					vocabularyFilterMethod: 'tag',
				},
			},
			{ credentials: credentialsFor(sandbox) },
		);
		expect(error).toBeUndefined();
		expect(items[0].json.MedicalScribeJobName).toBe('stereo-visit-1');
		const start = sandbox.log.entries({ target: 'StartMedicalScribeJob' }).at(-1)!;
		expect(start.status).toBe(200);
		expect(start.body).toEqual({
			MedicalScribeJobName: 'stereo-visit-1',
			Media: { MediaFileUri: `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[1]}` },
			OutputBucketName: 'sandbox-output',
			DataAccessRoleArn: `arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`,
			OutputEncryptionKMSKeyId: 'alias/healthscribe',
			KMSEncryptionContext: { clinic: 'north' },
			Settings: {
				ChannelIdentification: true,
				VocabularyFilterName: 'profanity',
				VocabularyFilterMethod: 'tag',
				ClinicalNoteGenerationSettings: { NoteTemplate: 'GIRPP' },
			},
			ChannelDefinitions: [
				{ ChannelId: 0, ParticipantRole: 'PATIENT' },
				{ ChannelId: 1, ParticipantRole: 'CLINICIAN' },
			],
			Tags: [{ Key: 'appointment', Value: 'A-1' }],
		});
	});
});
