import { DeleteBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import {
	DeleteMedicalScribeJobCommand,
	GetMedicalScribeJobCommand,
	ListMedicalScribeJobsCommand,
	StartMedicalScribeJobCommand,
	paginateListMedicalScribeJobs,
	waitUntilMedicalScribeJobCompleted,
	type StartMedicalScribeJobCommandInput,
} from '@aws-sdk/client-transcribe';
import type { Sandbox } from '../../sandbox';
import { pickEncounter } from '../../sandbox/data/encounters';
import { sandbox, s3Client, transcribeCall, transcribeClient } from './core-helpers';
import { afterRequest } from '../harness/requests';

const ROLE = 'arn:aws:iam::111122223333:role/HealthScribeAccess';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function input(
	sb: Sandbox,
	name: string,
	extra: Partial<StartMedicalScribeJobCommandInput> = {},
): StartMedicalScribeJobCommandInput {
	return {
		MedicalScribeJobName: name,
		Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
		OutputBucketName: 'sandbox-output',
		DataAccessRoleArn: ROLE,
		Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
		...extra,
	};
}

/** bucket/key of an output URI in either documented form. */
function locate(uri: string): { Bucket: string; Key: string } {
	const m =
		/^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ??
		/^https:\/\/s3\.[a-z0-9-]+\.amazonaws\.com\/([^/]+)\/(.+)$/.exec(uri);
	if (!m) throw new Error(`unexpected output URI ${uri}`);
	return { Bucket: m[1], Key: decodeURIComponent(m[2]) };
}

async function readJson(sb: Sandbox, uri: string): Promise<any> {
	const res = await s3Client(sb).send(new GetObjectCommand(locate(uri)));
	expect(res.ContentType).toBe('application/json');
	return JSON.parse(await res.Body!.transformToString());
}

describe('Transcribe medical scribe jobs through @aws-sdk/client-transcribe', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('a job goes QUEUED → IN_PROGRESS → COMPLETED on the sandbox clock and writes both documented files', async () => {
		const tc = transcribeClient(sb);
		const created = sb.clock.now();
		const started = await tc.send(
			new StartMedicalScribeJobCommand(
				input(sb, 'visit-2026-primary-001', {
					Settings: {
						ShowSpeakerLabels: true,
						MaxSpeakerLabels: 2,
						ClinicalNoteGenerationSettings: { NoteTemplate: 'HISTORY_AND_PHYSICAL' },
					},
					Tags: [{ Key: 'clinic', Value: 'sandbox' }],
					OutputEncryptionKMSKeyId: 'alias/scribe-output',
					KMSEncryptionContext: { purpose: 'scribe' },
					MedicalScribeContext: { PatientContext: { Pronouns: 'SHE_HER' } },
				}),
			),
		);
		const job = started.MedicalScribeJob!;
		expect(job.MedicalScribeJobStatus).toBe('QUEUED');
		expect(job.CreationTime).toEqual(new Date(created));
		expect(job.LanguageCode).toBe('en-US');
		expect(job.DataAccessRoleArn).toBe(ROLE);
		expect(job.Tags).toEqual([{ Key: 'clinic', Value: 'sandbox' }]);
		expect(job.MedicalScribeContextProvided).toBe(true);
		expect(job.MedicalScribeOutput).toBeUndefined();
		expect(JSON.stringify(job)).not.toContain('SHE_HER');

		sb.clock.advance(2000);
		const running = (
			await tc.send(
				new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'visit-2026-primary-001' }),
			)
		).MedicalScribeJob!;
		expect(running.MedicalScribeJobStatus).toBe('IN_PROGRESS');
		expect(running.StartTime).toEqual(new Date(created + 2000));
		expect(sb.store.get('sandbox-output', 'visit-2026-primary-001/summary.json')).toBeUndefined();

		sb.clock.advance(4000);
		// Stepping the clock completes the job at once: the files are there before any further request.
		expect(sb.store.get('sandbox-output', 'visit-2026-primary-001/transcript.json')).toBeDefined();
		const done = (
			await tc.send(
				new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'visit-2026-primary-001' }),
			)
		).MedicalScribeJob!;
		expect(done.MedicalScribeJobStatus).toBe('COMPLETED');
		expect(done.CompletionTime).toEqual(new Date(created + 6000));
		expect(done.MedicalScribeOutput).toEqual({
			TranscriptFileUri:
				'https://s3.us-east-1.amazonaws.com/sandbox-output/visit-2026-primary-001/transcript.json',
			ClinicalDocumentUri:
				'https://s3.us-east-1.amazonaws.com/sandbox-output/visit-2026-primary-001/summary.json',
		});

		const encounter = pickEncounter('visit-2026-primary-001');
		const transcript = (await readJson(sb, done.MedicalScribeOutput!.TranscriptFileUri!))
			.Conversation;
		expect(transcript).toMatchObject({
			JobName: 'visit-2026-primary-001',
			JobType: 'ASYNC',
			LanguageCode: 'en-US',
		});
		expect(transcript.ConversationId).toMatch(UUID);
		expect(transcript.TranscriptSegments).toHaveLength(encounter.turns.length);
		transcript.TranscriptSegments.forEach((segment: any, i: number) => {
			expect(segment.SegmentId).toMatch(UUID);
			expect(segment.Content).toBe(encounter.turns[i].text);
			expect(segment.BeginAudioTime).toBe(encounter.turns[i].start);
			expect(segment.ParticipantDetails.ParticipantRole).toBe(`${encounter.turns[i].role}_0`);
			expect(['SUBJECTIVE', 'OBJECTIVE', 'ASSESSMENT_AND_PLAN', 'OTHER']).toContain(
				segment.SectionDetails.SectionName,
			);
		});
		const words = transcript.TranscriptItems.filter((item: any) => item.Type === 'PRONUNCIATION');
		expect(words.length).toBe(
			encounter.turns.reduce((n, t) => n + (t.text.match(/[\w'-]+/g) ?? []).length, 0),
		);
		for (const item of transcript.TranscriptItems) {
			expect(['PRONUNCIATION', 'PUNCTUATION']).toContain(item.Type);
			expect(item.EndAudioTime).toBeGreaterThanOrEqual(item.BeginAudioTime);
			expect(item.Alternatives[0].Confidence).toBeLessThanOrEqual(1);
		}
		const segmentsById = new Map<string, any>(
			transcript.TranscriptSegments.map((s: any) => [s.SegmentId, s]),
		);
		expect(transcript.ClinicalInsights.length).toBeGreaterThan(3);
		for (const insight of transcript.ClinicalInsights) {
			expect(insight.InsightType).toBe('ClinicalEntity');
			for (const span of [...insight.Spans, ...insight.Attributes.flatMap((a: any) => a.Spans)]) {
				const segment = segmentsById.get(span.SegmentId);
				// EndCharacterOffset is inclusive, as in the AWS examples.
				expect(segment.Content.slice(span.BeginCharacterOffset, span.EndCharacterOffset + 1)).toBe(
					span.Content,
				);
			}
		}
		const medication = transcript.ClinicalInsights.find(
			(i: any) => i.Category === 'MEDICATION' && i.Spans[0].Content.toLowerCase() === 'ibuprofen',
		);
		if (encounter.id === 'enc-primary-care-001')
			expect(medication.Attributes.map((a: any) => a.Type)).toEqual(['DOSAGE', 'FREQUENCY']);

		const note = (await readJson(sb, done.MedicalScribeOutput!.ClinicalDocumentUri!))
			.ClinicalDocumentation;
		const byName = new Map<string, any>(note.Sections.map((s: any) => [s.SectionName, s]));
		expect(byName.get('CHIEF_COMPLAINT').Summary.map((s: any) => s.SummarizedSegment)).toEqual(
			encounter.findings.CHIEF_COMPLAINT.map((f) => f.text),
		);
		expect(byName.get('PLAN').Summary.map((s: any) => s.SummarizedSegment)).toEqual(
			encounter.findings.PLAN.map((f) => f.text),
		);
		for (const section of note.Sections) {
			for (const summary of section.Summary) {
				expect(summary.EvidenceLinks.length).toBeGreaterThan(0);
				for (const link of summary.EvidenceLinks)
					expect(segmentsById.has(link.SegmentId)).toBe(true);
			}
		}
	});

	const TEMPLATE_SECTIONS: Record<string, string[]> = {
		HISTORY_AND_PHYSICAL: [
			'CHIEF_COMPLAINT',
			'HISTORY_OF_PRESENT_ILLNESS',
			'REVIEW_OF_SYSTEMS',
			'PAST_MEDICAL_HISTORY',
			'PAST_FAMILY_HISTORY',
			'PAST_SOCIAL_HISTORY',
			'PHYSICAL_EXAMINATION',
			'DIAGNOSTIC_TESTING',
			'ASSESSMENT',
			'PLAN',
		],
		GIRPP: ['GOAL', 'INTERVENTION', 'RESPONSE', 'PROGRESS', 'PLAN'],
		BIRP: ['BEHAVIOR', 'INTERVENTION', 'RESPONSE', 'PLAN'],
		SIRP: ['SITUATION', 'INTERVENTION', 'RESPONSE', 'PLAN'],
		DAP: ['DATA', 'ASSESSMENT', 'PLAN'],
		BEHAVIORAL_SOAP: ['SUBJECTIVE', 'OBJECTIVE', 'ASSESSMENT', 'PLAN'],
		PHYSICAL_SOAP: ['SUBJECTIVE', 'OBJECTIVE', 'ASSESSMENT', 'PLAN'],
	};

	test.each(Object.entries(TEMPLATE_SECTIONS))(
		'note template %s gives its section names',
		async (template, sections) => {
			const tc = transcribeClient(sb);
			const name = `template-${template.toLowerCase().replace(/_/g, '-')}`;
			await tc.send(
				new StartMedicalScribeJobCommand(
					input(sb, name, {
						Settings: {
							ShowSpeakerLabels: true,
							MaxSpeakerLabels: 2,
							ClinicalNoteGenerationSettings: { NoteTemplate: template as never },
						},
					}),
				),
			);
			sb.clock.advance(6000);
			const job = (await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name })))
				.MedicalScribeJob!;
			const note = await readJson(sb, job.MedicalScribeOutput!.ClinicalDocumentUri!);
			expect(note.ClinicalDocumentation.Sections.map((s: any) => s.SectionName)).toEqual(sections);
			expect(
				note.ClinicalDocumentation.Sections.find((s: any) => s.SectionName === 'PLAN').Summary
					.length,
			).toBeGreaterThan(0);
		},
	);

	test('no template means HISTORY_AND_PHYSICAL; channel identification echoes the channel definitions', async () => {
		const tc = transcribeClient(sb);
		const channels = [
			{ ChannelId: 0, ParticipantRole: 'CLINICIAN' as const },
			{ ChannelId: 1, ParticipantRole: 'PATIENT' as const },
		];
		const started = await tc.send(
			new StartMedicalScribeJobCommand(
				input(sb, 'two-channel', {
					Settings: { ChannelIdentification: true },
					ChannelDefinitions: channels,
				}),
			),
		);
		expect(started.MedicalScribeJob!.ChannelDefinitions).toEqual(channels);
		expect(started.MedicalScribeJob!.MedicalScribeContextProvided).toBe(false);
		sb.clock.advance(6000);
		const job = (
			await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'two-channel' }))
		).MedicalScribeJob!;
		const note = await readJson(sb, job.MedicalScribeOutput!.ClinicalDocumentUri!);
		expect(note.ClinicalDocumentation.Sections[0].SectionName).toBe('CHIEF_COMPLAINT');
	});

	test('a missing media object or bytes that are not audio end FAILED with a FailureReason and no outputs', async () => {
		const tc = transcribeClient(sb);
		sb.store.put(
			'sandbox-media',
			'notes/not-audio.wav',
			'this is a text file, not a recording',
			'audio/wav',
		);
		await tc.send(
			new StartMedicalScribeJobCommand(
				input(sb, 'missing-media', {
					Media: { MediaFileUri: 's3://sandbox-media/recordings/none.wav' },
				}),
			),
		);
		await tc.send(
			new StartMedicalScribeJobCommand(
				input(sb, 'text-media', {
					Media: { MediaFileUri: 's3://sandbox-media/notes/not-audio.wav' },
				}),
			),
		);
		const created = sb.clock.now();
		sb.clock.advance(2000);
		for (const [name, reason] of [
			['missing-media', /couldn't be accessed/],
			['text-media', /not in a supported audio format/],
		] as const) {
			const job = (await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name })))
				.MedicalScribeJob!;
			expect(job.MedicalScribeJobStatus).toBe('FAILED');
			expect(job.FailureReason).toMatch(reason);
			expect(job.StartTime).toEqual(new Date(created + 2000));
			expect(job.CompletionTime).toEqual(new Date(created + 2000));
			expect(job.MedicalScribeOutput).toBeUndefined();
			expect(sb.store.get('sandbox-output', `${name}/summary.json`)).toBeUndefined();
		}
		await expect(
			waitUntilMedicalScribeJobCompleted(
				{ client: tc, maxWaitTime: 5, minDelay: 1 },
				{ MedicalScribeJobName: 'text-media' },
			),
		).rejects.toThrow(/FAILURE/);
	});

	test.each([
		['FLAC', Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(64)])],
		['MP3 (ID3)', Buffer.concat([Buffer.from('ID3'), Buffer.alloc(64)])],
		['MP3 (frame)', Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(64)])],
		['Ogg', Buffer.concat([Buffer.from('OggS'), Buffer.alloc(64)])],
		[
			'M4A',
			Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypM4A '), Buffer.alloc(64)]),
		],
		['AMR', Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64)])],
		['WebM', Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(64)])],
	])('%s media is accepted as audio', async (format, bytes) => {
		const key = `formats/${format.replace(/\W/g, '')}`;
		sb.store.put('sandbox-media', key, bytes);
		const name = `format-${format.replace(/\W/g, '').toLowerCase()}`;
		await transcribeClient(sb).send(
			new StartMedicalScribeJobCommand(
				input(sb, name, { Media: { MediaFileUri: `s3://sandbox-media/${key}` } }),
			),
		);
		sb.clock.advance(6000);
		const job = (
			await transcribeClient(sb).send(
				new GetMedicalScribeJobCommand({ MedicalScribeJobName: name }),
			)
		).MedicalScribeJob!;
		expect(job.MedicalScribeJobStatus).toBe('COMPLETED');
	});

	test('https S3 object URLs and the sandbox S3 URL are read like s3:// URIs; another region is refused', async () => {
		const tc = transcribeClient(sb);
		const key = sb.seededRecordings[1];
		const uris = [
			`https://s3.us-east-1.amazonaws.com/sandbox-media/${key}`,
			`https://sandbox-media.s3.us-east-1.amazonaws.com/${key}`,
			`${sb.urls.s3}/sandbox-media/${key}`,
		];
		for (const [i, uri] of uris.entries())
			await tc.send(
				new StartMedicalScribeJobCommand(
					input(sb, `uri-form-${i}`, { Media: { MediaFileUri: uri } }),
				),
			);
		sb.clock.advance(6000);
		for (const i of uris.keys()) {
			expect(
				(await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: `uri-form-${i}` })))
					.MedicalScribeJob!.MedicalScribeJobStatus,
			).toBe('COMPLETED');
		}
		await expect(
			tc.send(
				new StartMedicalScribeJobCommand(
					input(sb, 'other-region', {
						Media: { MediaFileUri: `https://s3.eu-west-1.amazonaws.com/sandbox-media/${key}` },
					}),
				),
			),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(/same AWS Region/),
		});
	});

	test('the output bucket must exist at Start; a bucket removed before completion fails the job', async () => {
		const tc = transcribeClient(sb);
		await expect(
			tc.send(
				new StartMedicalScribeJobCommand(
					input(sb, 'no-bucket', { OutputBucketName: 'no-such-output-bucket' }),
				),
			),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			$metadata: { httpStatusCode: 400 },
		});
		sb.store.ensureBucket('short-lived-output');
		await tc.send(
			new StartMedicalScribeJobCommand(
				input(sb, 'bucket-vanishes', { OutputBucketName: 'short-lived-output' }),
			),
		);
		await s3Client(sb).send(new DeleteBucketCommand({ Bucket: 'short-lived-output' }));
		sb.clock.advance(6000);
		const job = (
			await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'bucket-vanishes' }))
		).MedicalScribeJob!;
		expect(job.MedicalScribeJobStatus).toBe('FAILED');
		expect(job.FailureReason).toMatch(/output bucket/);
	});

	test('a reused name is a ConflictException (409); an unknown name is a NotFoundException (404)', async () => {
		const tc = transcribeClient(sb);
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'only-once')));
		await expect(
			tc.send(new StartMedicalScribeJobCommand(input(sb, 'only-once'))),
		).rejects.toMatchObject({ name: 'ConflictException', $metadata: { httpStatusCode: 409 } });
		await expect(
			tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'never-started' })),
		).rejects.toMatchObject({
			name: 'NotFoundException',
			$metadata: { httpStatusCode: 404 },
		});
	});

	test('Delete refuses unknown and unfinished jobs, removes finished ones (outputs stay) and frees the name', async () => {
		const tc = transcribeClient(sb);
		await expect(
			tc.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: 'never-started' })),
		).rejects.toMatchObject({ name: 'BadRequestException' });
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'to-delete')));
		await expect(
			tc.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: 'to-delete' })),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(/still being processed/),
		});
		sb.clock.advance(6000);
		await tc.send(new DeleteMedicalScribeJobCommand({ MedicalScribeJobName: 'to-delete' }));
		await expect(
			tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'to-delete' })),
		).rejects.toMatchObject({ name: 'NotFoundException' });
		expect(sb.store.get('sandbox-output', 'to-delete/summary.json')).toBeDefined();
		const again = await tc.send(new StartMedicalScribeJobCommand(input(sb, 'to-delete')));
		expect(again.MedicalScribeJob!.MedicalScribeJobStatus).toBe('QUEUED');
	});

	test('on the wire: epoch-second numbers, the awsJson content type, a request id; errors carry __type and x-amzn-errortype', async () => {
		const started = await transcribeCall(sb, 'StartMedicalScribeJob', input(sb, 'wire-check'));
		expect(started.status).toBe(200);
		expect(started.headers['content-type']).toBe('application/x-amz-json-1.1');
		expect(started.headers['x-amzn-requestid']).toMatch(UUID);
		expect(typeof started.json.MedicalScribeJob.CreationTime).toBe('number');
		expect(started.json.MedicalScribeJob.CreationTime).toBe(sb.clock.now() / 1000);
		const missing = await transcribeCall(sb, 'GetMedicalScribeJob', {
			MedicalScribeJobName: 'nope',
		});
		expect(missing.status).toBe(404);
		expect(missing.headers['x-amzn-errortype']).toBe('NotFoundException');
		expect(missing.json).toEqual({ __type: 'NotFoundException', Message: expect.any(String) });
		const unknown = await transcribeCall(sb, 'StartTranscriptionJob', {});
		expect(unknown.status).toBe(400);
		expect(unknown.json.__type).toBe('UnknownOperationException');
	});
});

describe('ListMedicalScribeJobs', () => {
	let sb: Sandbox;
	const names = Array.from({ length: 12 }, (_, i) => `list-job-${String(i).padStart(2, '0')}`);
	beforeAll(async () => {
		sb = await sandbox();
		const tc = transcribeClient(sb);
		for (const [i, name] of names.entries()) {
			await tc.send(
				new StartMedicalScribeJobCommand(input(sb, i % 3 === 0 ? name.toUpperCase() : name)),
			);
			sb.clock.advance(1000);
		}
	});
	afterAll(() => sb.stop());

	test('the SDK paginator walks every job newest first, MaxResults per page, without repeats', async () => {
		const pages: string[][] = [];
		for await (const page of paginateListMedicalScribeJobs(
			{ client: transcribeClient(sb), pageSize: 5 },
			{},
		)) {
			pages.push(page.MedicalScribeJobSummaries!.map((s) => s.MedicalScribeJobName!));
		}
		expect(pages.map((p) => p.length)).toEqual([5, 5, 2]);
		const expected = names.map((n, i) => (i % 3 === 0 ? n.toUpperCase() : n)).reverse();
		expect(pages.flat()).toEqual(expected);
	});

	test('default page size is 5; filters: status, case-insensitive name substring; jobs started mid-walk do not repeat', async () => {
		const tc = transcribeClient(sb);
		const first = await tc.send(new ListMedicalScribeJobsCommand({}));
		expect(first.MedicalScribeJobSummaries).toHaveLength(5);
		expect(first.NextToken).toEqual(expect.any(String));
		const [queuedJob, runningJob] = first.MedicalScribeJobSummaries!;
		expect(Object.keys(queuedJob).sort()).toEqual([
			'CreationTime',
			'LanguageCode',
			'MedicalScribeJobName',
			'MedicalScribeJobStatus',
		]);
		expect(runningJob).toMatchObject({
			MedicalScribeJobStatus: 'IN_PROGRESS',
			StartTime: expect.any(Date),
		});

		sb.clock.advance(500);
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'list-job-late')));
		const second = await tc.send(new ListMedicalScribeJobsCommand({ NextToken: first.NextToken }));
		expect(second.MedicalScribeJobSummaries!.map((s) => s.MedicalScribeJobName)).toEqual([
			'LIST-JOB-06',
			'list-job-05',
			'list-job-04',
			'LIST-JOB-03',
			'list-job-02',
		]);

		const upper = await tc.send(
			new ListMedicalScribeJobsCommand({ JobNameContains: 'JOB-0', MaxResults: 100 }),
		);
		expect(upper.MedicalScribeJobSummaries).toHaveLength(10);
		const queued = await tc.send(
			new ListMedicalScribeJobsCommand({ Status: 'QUEUED', MaxResults: 100 }),
		);
		expect(queued.Status).toBe('QUEUED');
		expect(queued.MedicalScribeJobSummaries!.map((s) => s.MedicalScribeJobName)).toEqual([
			'list-job-late',
			'list-job-11',
		]);
		const completed = await tc.send(
			new ListMedicalScribeJobsCommand({ Status: 'COMPLETED', MaxResults: 100 }),
		);
		expect(completed.MedicalScribeJobSummaries!.length).toBe(7);
		expect(
			completed.MedicalScribeJobSummaries!.every((s) => s.CompletionTime instanceof Date),
		).toBe(true);
	});

	test('a forged token, or a token used with other filters, is a BadRequestException', async () => {
		const tc = transcribeClient(sb);
		await expect(
			tc.send(new ListMedicalScribeJobsCommand({ NextToken: 'not-a-token' })),
		).rejects.toMatchObject({ name: 'BadRequestException' });
		const first = await tc.send(new ListMedicalScribeJobsCommand({ MaxResults: 2 }));
		await expect(
			tc.send(new ListMedicalScribeJobsCommand({ NextToken: first.NextToken, Status: 'QUEUED' })),
		).rejects.toMatchObject({
			name: 'BadRequestException',
		});
	});
});

describe('lifecycle on a running clock', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox({
			clockSpeed: 1,
			transcribe: { queuedMs: 150, processingMs: 250, tickMs: 50 },
		});
	});
	afterAll(() => sb.stop());

	test('the SDK waiter waitUntilMedicalScribeJobCompleted sees the job complete', async () => {
		// Time stands still until the waiter's first read has seen the job unfinished, however slow the machine.
		sb.clock.setSpeed(0);
		const unhook = afterRequest(
			sb.log,
			{ target: 'GetMedicalScribeJob' },
			(_, n) => n === 1 && sb.clock.advance(1000),
		);
		try {
			const tc = transcribeClient(sb);
			await tc.send(new StartMedicalScribeJobCommand(input(sb, 'waited-for')));
			const result = await waitUntilMedicalScribeJobCompleted(
				{ client: tc, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
				{ MedicalScribeJobName: 'waited-for' },
			);
			expect(result.state).toBe('SUCCESS');
		} finally {
			unhook();
			sb.clock.setSpeed(1);
		}
		const gets = sb.log.entries({ service: 'transcribe', target: 'GetMedicalScribeJob' });
		expect(gets).toHaveLength(2);
	});

	test('outputs land in S3 on the timer, with no request in between', async () => {
		await transcribeClient(sb).send(new StartMedicalScribeJobCommand(input(sb, 'timer-driven')));
		const after = sb.log.entries().at(-1)!.seq;
		await new Promise((resolve) => setTimeout(resolve, 800));
		expect(sb.store.get('sandbox-output', 'timer-driven/transcript.json')).toBeDefined();
		expect(sb.store.get('sandbox-output', 'timer-driven/summary.json')).toBeDefined();
		expect(sb.log.entries({ since: after })).toHaveLength(0);
	});
});

describe('concurrency limit', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox({ transcribe: { maxConcurrentJobs: 2 } });
	});
	afterAll(() => sb.stop());

	test('beyond the limit Start is a LimitExceededException (429) that the SDK retries; finished jobs free capacity', async () => {
		const tc = transcribeClient(sb, undefined, 2);
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'slot-1')));
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'slot-2')));
		await expect(
			tc.send(new StartMedicalScribeJobCommand(input(sb, 'slot-3'))),
		).rejects.toMatchObject({
			name: 'LimitExceededException',
			$metadata: { httpStatusCode: 429, attempts: 2 },
		});
		expect(
			sb.log
				.entries({ target: 'StartMedicalScribeJob' })
				.filter((e) => e.errorType === 'LimitExceededException'),
		).toHaveLength(2);
		sb.clock.advance(6000);
		const started = await tc.send(new StartMedicalScribeJobCommand(input(sb, 'slot-3')));
		expect(started.MedicalScribeJob!.MedicalScribeJobStatus).toBe('QUEUED');
	});

	test('setMaxConcurrentJobs changes the limit for the next Starts; running jobs keep running', async () => {
		const tc = transcribeClient(sb, undefined, 1);
		sb.clock.advance(6000); // the earlier test's jobs finish
		sb.clock.setSpeed(0); // and these stay QUEUED however slow the machine is
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'raised-1')));
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'raised-2')));
		sb.transcribe.setMaxConcurrentJobs(3);
		await tc.send(new StartMedicalScribeJobCommand(input(sb, 'raised-3')));
		sb.transcribe.setMaxConcurrentJobs(1);
		const mark = sb.log.entries().at(-1)!.seq;
		await expect(
			tc.send(new StartMedicalScribeJobCommand(input(sb, 'lowered-4'))),
		).rejects.toMatchObject({ name: 'LimitExceededException' });
		expect(
			sb.log.entries({ since: mark, target: 'StartMedicalScribeJob' }).map((e) => e.status),
		).toEqual([429]);
		expect(
			sb.transcribe
				.jobs()
				.filter((job) => String(job.MedicalScribeJobName).startsWith('raised-'))
				.map((job) => job.MedicalScribeJobStatus),
		).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
		expect(() => sb.transcribe.setMaxConcurrentJobs(0)).toThrow(/at least 1/);
	});
});
