import { CONNECT_HEALTH_DEMO } from '../../sandbox/connect-health';
import { encodeArn, harness, jobBody, readS3Json, type Harness } from './connect-health.helpers';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const JOB_ARN =
	/^arn:aws[-a-z]*:health-agent:[-a-z0-9]+:[0-9]{12}:domain\/[-a-zA-Z0-9-]+\/patient-insights-job\/[-a-zA-Z0-9_/.]+$/;

async function domainWithBuckets(h: Harness): Promise<string> {
	const domainId = (await h.call('POST', '/domain', { body: { name: 'Insights Clinic' } })).body
		.domainId;
	h.store.ensureBucket('records-in');
	h.store.ensureBucket('insights-out');
	h.store.put(
		'records-in',
		'patients/42.json',
		JSON.stringify({ resourceType: 'Bundle', priorEncounter: 'enc-behavioral-health-001' }),
		'application/json',
	);
	return domainId;
}

const RUNTIME = { host: 'runtime.health-agent.us-east-1.api.aws' };

describe('Connect Health emulator: patient insights jobs', () => {
	it('runs SUBMITTED → IN_PROGRESS → SUCCEEDED on the sandbox clock and writes the insights under s3OutputPath', async () => {
		const h = harness({ timings: { jobQueuedMs: 1000, jobRunMs: 4000 } });
		const domainId = await domainWithBuckets(h);
		const created = h.clock.now();
		const start = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody(),
			headers: RUNTIME,
		});
		expect(start.status).toBe(200);
		expect(start.body.jobArn).toMatch(JOB_ARN);
		expect(start.body.jobArn).toBe(
			`arn:aws:health-agent:us-east-1:111122223333:domain/${domainId}/patient-insights-job/${start.body.jobId}`,
		);
		expect(start.body.creationTime).toBe(new Date(created).toISOString());
		const path = `/domain/${domainId}/patient-insights-job/${start.body.jobId}`;

		const submitted = await h.call('GET', path, { headers: RUNTIME });
		expect(submitted.status).toBe(200);
		expect(submitted.body).toMatchObject({
			jobId: start.body.jobId,
			jobArn: start.body.jobArn,
			jobStatus: 'SUBMITTED',
			creationTime: start.body.creationTime,
			updatedTime: start.body.creationTime,
			patientContext: {
				patientId: 'test-patient-42',
				dateOfBirth: '1975-06-30',
				pronouns: 'SHE_HER',
			},
			insightsContext: { insightsType: 'PRE_VISIT' },
			encounterContext: { encounterReason: 'Follow-up for cough' },
			userContext: { role: 'CLINICIAN', userId: 'clinician-7', specialty: 'PRIMARY_CARE' },
			inputDataConfig: { s3Sources: [{ uri: 's3://records-in/patients/42.json' }] },
			outputDataConfig: { s3OutputPath: 's3://insights-out/daily/2026-11-02/' },
		});
		expect(submitted.body.insightsOutput).toBeUndefined();

		h.clock.advance(2500);
		const running = await h.call('GET', path);
		expect(running.body.jobStatus).toBe('IN_PROGRESS');
		expect(running.body.updatedTime).toBe(new Date(created + 1000).toISOString());
		expect(h.store.list('insights-out')).toEqual([]);

		h.clock.advance(2500);
		const done = await h.call('GET', path);
		expect(done.body.jobStatus).toBe('SUCCEEDED');
		expect(done.body.updatedTime).toMatch(ISO);
		expect(done.body.updatedTime).toBe(new Date(created + 5000).toISOString());
		expect(done.body.insightsOutput.uri).toBe(
			`s3://insights-out/daily/2026-11-02/patient-insights/${domainId}/${start.body.jobId}/insights.json`,
		);
		expect(done.body.statusDetails).toBeUndefined();

		// The patient record names the behavioural-health encounter, so the brief is built from it.
		const doc = readS3Json(h.store, done.body.insightsOutput.uri);
		expect(doc).toMatchObject({
			jobId: start.body.jobId,
			domainId,
			insightsType: 'PRE_VISIT',
			encounterReason: 'Follow-up for cough',
		});
		expect(doc.summary).toContain('Check-in: sleep and low mood');
		expect(doc.dataSources).toEqual([{ source: 's3://records-in/patients/42.json', type: 'S3' }]);
		const problems = doc.sections.find((s: any) => s.sectionName === 'ACTIVE_PROBLEMS');
		expect(problems.insights[0].codes).toContainEqual({
			system: 'ICD-10-CM',
			code: 'F32.1',
			display: 'Major depressive disorder, single episode, moderate',
		});
		expect(problems.insights[0].evidence[0].excerpt).toContain('moderate symptoms of depression');
	});

	it('returns the same job for a retried clientToken, ConflictException for the token with a different body', async () => {
		const h = harness();
		const domainId = await domainWithBuckets(h);
		const path = `/domain/${domainId}/patient-insights-job`;
		const first = await h.call('POST', path, { body: jobBody({ clientToken: 'token-1' }) });
		h.clock.advance(700);
		const retry = await h.call('POST', path, { body: jobBody({ clientToken: 'token-1' }) });
		expect(retry.status).toBe(200);
		expect(retry.body).toEqual(first.body);

		const changed = await h.call('POST', path, {
			body: jobBody({
				clientToken: 'token-1',
				encounterContext: { encounterReason: 'Something else' },
			}),
		});
		expect(changed.status).toBe(409);
		expect(changed.errorType).toBe('ConflictException');
		expect(changed.body.message).not.toContain('Something else');

		const other = await h.call('POST', path, { body: jobBody({ clientToken: 'token-2' }) });
		expect(other.body.jobId).not.toBe(first.body.jobId);
		const noToken1 = await h.call('POST', path, { body: jobBody() });
		const noToken2 = await h.call('POST', path, { body: jobBody() });
		expect(noToken1.body.jobId).not.toBe(noToken2.body.jobId);

		// Tokens are scoped to the domain.
		const domain2 = (await h.call('POST', '/domain', { body: { name: 'Second' } })).body.domainId;
		const elsewhere = await h.call('POST', `/domain/${domain2}/patient-insights-job`, {
			body: jobBody({ clientToken: 'token-1' }),
		});
		expect(elsewhere.status).toBe(200);
		expect(elsewhere.body.jobId).not.toBe(first.body.jobId);
	});

	it('fails the job (statusDetails) when an S3 input is missing or the output bucket does not exist', async () => {
		const h = harness({ timings: { jobQueuedMs: 0, jobRunMs: 100 } });
		const domainId = await domainWithBuckets(h);
		const missingInput = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody({
				inputDataConfig: {
					s3Sources: [
						{ uri: 's3://records-in/patients/42.json' },
						{ uri: 's3://records-in/patients/404.json' },
					],
				},
			}),
		});
		const missingBucket = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody({ outputDataConfig: { s3OutputPath: 's3://no-such-bucket/out' } }),
		});
		const emptyPrefix = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody({ inputDataConfig: { s3Sources: [{ uri: 's3://records-in/nobody/' }] } }),
		});
		const fromPrefix = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody({ inputDataConfig: { s3Sources: [{ uri: 's3://records-in/patients/' }] } }),
		});
		h.clock.advance(100);
		const get = (id: string): Promise<any> =>
			h.call('GET', `/domain/${domainId}/patient-insights-job/${id}`).then((r) => r.body);
		const a = await get(missingInput.body.jobId);
		expect(a.jobStatus).toBe('FAILED');
		expect(a.statusDetails).toContain('s3://records-in/patients/404.json');
		expect(a.insightsOutput).toBeUndefined();
		const b = await get(missingBucket.body.jobId);
		expect(b.jobStatus).toBe('FAILED');
		expect(b.statusDetails).toContain('no-such-bucket');
		expect((await get(emptyPrefix.body.jobId)).jobStatus).toBe('FAILED');
		expect((await get(fromPrefix.body.jobId)).jobStatus).toBe('SUCCEEDED');
		expect(h.store.list('insights-out')).toHaveLength(1);
	});

	it('accepts a FHIR server input and never echoes its OAuth token', async () => {
		const h = harness({ timings: { jobQueuedMs: 0, jobRunMs: 0 } });
		const domainId = await domainWithBuckets(h);
		const start = await h.call('POST', `/domain/${domainId}/patient-insights-job`, {
			body: jobBody({
				inputDataConfig: {
					fhirServer: {
						fhirEndpoint: 'https://ehr.example.test/fhir/R4',
						oauthToken: 'secret-bearer-token',
					},
				},
			}),
		});
		const got = await h.call('GET', `/domain/${domainId}/patient-insights-job/${start.body.jobId}`);
		expect(got.body.jobStatus).toBe('SUCCEEDED');
		expect(got.body.inputDataConfig).toEqual({
			fhirServer: { fhirEndpoint: 'https://ehr.example.test/fhir/R4' },
		});
		expect(JSON.stringify(got.body)).not.toContain('secret-bearer-token');
		expect(JSON.stringify(readS3Json(h.store, got.body.insightsOutput.uri))).not.toContain(
			'secret-bearer-token',
		);
	});

	it('validates every member; sensitive values never appear in the message', async () => {
		const h = harness();
		const domainId = await domainWithBuckets(h);
		const path = `/domain/${domainId}/patient-insights-job`;
		const res = await h.call('POST', path, {
			body: jobBody({
				patientContext: { patientId: '   ', dateOfBirth: '1975-13-40', pronouns: 'XE_XEM' },
				insightsContext: { insightsType: 'POST_VISIT' },
				encounterContext: { encounterReason: 'Cough! since Tuesday' },
				userContext: { role: 'NURSE', userId: 'u1', specialty: 'CARDIOLOGY' },
				inputDataConfig: {
					s3Sources: Array.from({ length: 11 }, () => ({ uri: 'https://records/x' })),
				},
				outputDataConfig: {},
				clientToken: ' ',
			}),
		});
		expect(res.status).toBe(400);
		expect(res.errorType).toBe('ValidationException');
		const msg: string = res.body.message;
		expect(msg).toMatch(/^\d+ validation errors detected: /);
		for (const field of [
			'patientContext.patientId',
			'patientContext.dateOfBirth',
			'patientContext.pronouns',
			'insightsContext.insightsType',
			'encounterContext.encounterReason',
			'userContext.role',
			'userContext.specialty',
			'inputDataConfig.s3Sources',
			'inputDataConfig.s3Sources[0].uri',
			'outputDataConfig.s3OutputPath',
			'clientToken',
		]) {
			expect(msg).toContain(`at '${field}'`);
		}
		expect(msg).toContain(
			"Value 'POST_VISIT' at 'insightsContext.insightsType' failed to satisfy constraint: Member must satisfy enum value set: [PRE_VISIT]",
		);
		expect(msg).toContain(
			"Value at 'encounterContext.encounterReason' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9 .,-]+$",
		);
		for (const secret of ['1975-13-40', 'XE_XEM', 'Cough!']) expect(msg).not.toContain(secret);

		const missing = await h.call('POST', path, { body: {} });
		expect(missing.body.message).toMatch(/^6 validation errors detected: /);
		expect(missing.body.message).toContain(
			"Value null at 'patientContext' failed to satisfy constraint: Member must not be null",
		);
		const noInput = await h.call('POST', path, { body: jobBody({ inputDataConfig: {} }) });
		expect(noInput.status).toBe(400);
		expect(noInput.body.message).toContain('fhirServer');
		const wrongType = await h.call('POST', path, { body: jobBody({ patientContext: 'someone' }) });
		expect(wrongType.errorType).toBe('SerializationException');
	});

	it('answers ResourceNotFound for unknown domains and jobs, ValidationException for a malformed job id', async () => {
		const h = harness();
		const domainId = await domainWithBuckets(h);
		const other = (await h.call('POST', '/domain', { body: { name: 'Other' } })).body.domainId;
		expect(
			(
				await h.call('POST', '/domain/dom-gggggggggggggggggggg/patient-insights-job', {
					body: jobBody(),
				})
			).errorType,
		).toBe('ResourceNotFoundException');
		const job = (
			await h.call('POST', `/domain/${domainId}/patient-insights-job`, { body: jobBody() })
		).body;
		expect((await h.call('GET', `/domain/${other}/patient-insights-job/${job.jobId}`)).status).toBe(
			404,
		);
		expect(
			(await h.call('GET', `/domain/${domainId}/patient-insights-job/no-such-job`)).status,
		).toBe(404);
		const long = await h.call('GET', `/domain/${domainId}/patient-insights-job/${'a'.repeat(37)}`);
		expect(long.status).toBe(400);
		expect(long.body.message).toContain(
			"at 'jobId' failed to satisfy constraint: Member must have length less than or equal to 36",
		);
		// Jobs have ARNs, so they can be tagged.
		expect(
			(
				await h.call('POST', `/tags/${encodeArn(job.jobArn)}`, {
					body: { tags: { batch: 'nightly' } },
				})
			).status,
		).toBe(204);
		expect((await h.call('GET', `/tags/${encodeArn(job.jobArn)}`)).body).toEqual({
			tags: { batch: 'nightly' },
		});
	});

	it('applies setTimings to jobs started afterwards', async () => {
		const h = harness({ timings: { jobQueuedMs: 1000, jobRunMs: 1000 } });
		const domainId = await domainWithBuckets(h);
		expect(h.emulator.setTimings({ jobRunMs: 60_000 })).toMatchObject({
			jobQueuedMs: 1000,
			jobRunMs: 60_000,
		});
		const job = (
			await h.call('POST', `/domain/${domainId}/patient-insights-job`, { body: jobBody() })
		).body;
		h.clock.advance(30_000);
		expect(
			(await h.call('GET', `/domain/${domainId}/patient-insights-job/${job.jobId}`)).body.jobStatus,
		).toBe('IN_PROGRESS');
		h.clock.advance(31_000);
		expect(
			(await h.call('GET', `/domain/${domainId}/patient-insights-job/${job.jobId}`)).body.jobStatus,
		).toBe('SUCCEEDED');
		expect(() => h.emulator.setTimings({ jobRunMs: -1 })).toThrow(RangeError);
		expect(() => h.emulator.setTimings({ nope: 1 } as never)).toThrow(RangeError);
	});

	it('advance() alone (no Connect Health request) lands due outputs, for watchers that only list S3', async () => {
		const h = harness({ timings: { jobQueuedMs: 10, jobRunMs: 10 } });
		const domainId = await domainWithBuckets(h);
		await h.call('POST', `/domain/${domainId}/patient-insights-job`, { body: jobBody() });
		h.clock.advance(20);
		expect(h.store.list('insights-out')).toEqual([]);
		h.emulator.advance();
		expect(h.store.list('insights-out')).toHaveLength(1);
	});
});

describe('Connect Health emulator: medical scribe listening sessions', () => {
	async function setup(h: Harness): Promise<{ domainId: string; subscriptionId: string }> {
		const domainId = (await h.call('POST', '/domain', { body: { name: 'Scribe Clinic' } })).body
			.domainId;
		const subscriptionId = (await h.call('POST', `/domains/${domainId}/subscriptions`)).body
			.subscriptionId;
		return { domainId, subscriptionId };
	}
	const sessionPath = (
		ids: { domainId: string; subscriptionId: string },
		sessionId: string,
	): string =>
		`/medical-scribe-stream/domain/${ids.domainId}/subscription/${ids.subscriptionId}/session/${sessionId}`;
	const STREAMING = { host: 'streaming.health-agent.us-east-1.api.aws' };

	it('reports a finished stream with artifacts IN_PROGRESS, then COMPLETED with files in S3 under the documented layout', async () => {
		const h = harness({ timings: { artifactGenerationMs: 10_000 } });
		const ids = await setup(h);
		const session = h.emulator.addListeningSession({
			...ids,
			encounter: 'enc-behavioral-health-001',
			outputS3Uri: 's3://scribe-out/clinic-a/',
		});
		expect(session.artifactUris.note).toBe(
			`s3://scribe-out/clinic-a/medical-scribe/${ids.domainId}/${ids.subscriptionId}/${session.sessionId}/clinical-note.json`,
		);

		const first = await h.call('GET', sessionPath(ids, session.sessionId), { headers: STREAMING });
		expect(first.status).toBe(200);
		const details = first.body.medicalScribeListeningSessionDetails;
		expect(details).toMatchObject({
			sessionId: session.sessionId,
			domainId: ids.domainId,
			subscriptionId: ids.subscriptionId,
			languageCode: 'en-US',
			mediaSampleRateHertz: 16000,
			mediaEncoding: 'pcm',
			channelDefinitions: [
				{ channelId: 0, participantRole: 'CLINICIAN' },
				{ channelId: 1, participantRole: 'PATIENT' },
			],
			postStreamActionSettings: {
				outputS3Uri: 's3://scribe-out/clinic-a/',
				clinicalNoteGenerationSettings: {
					noteTemplateSettings: { managedTemplate: { templateType: 'BEHAVIORAL_SOAP' } },
				},
			},
			encounterContextProvided: false,
			streamStatus: 'COMPLETED',
			streamEndTime: h.clock.now() / 1000,
		});
		expect(typeof details.streamCreationTime).toBe('number');
		expect(details.streamCreationTime).toBeLessThan(details.streamEndTime);
		expect(details.postStreamActionResult.clinicalNoteGenerationResult).toEqual({
			noteResult: { status: 'IN_PROGRESS' },
			transcriptResult: { status: 'IN_PROGRESS' },
			afterVisitSummaryResult: { status: 'IN_PROGRESS' },
		});
		expect(h.store.list('scribe-out')).toEqual([]);

		h.clock.advance(10_000);
		const done = (await h.call('GET', sessionPath(ids, session.sessionId))).body
			.medicalScribeListeningSessionDetails;
		const result = done.postStreamActionResult.clinicalNoteGenerationResult;
		expect(result).toEqual({
			noteResult: { status: 'COMPLETED', outputLocation: session.artifactUris.note },
			transcriptResult: { status: 'COMPLETED', outputLocation: session.artifactUris.transcript },
			afterVisitSummaryResult: {
				status: 'COMPLETED',
				outputLocation: session.artifactUris.afterVisitSummary,
			},
		});
		expect(h.store.list('scribe-out').map((o) => o.key)).toEqual(
			['after-visit-summary.json', 'clinical-note.json', 'transcript.json'].map(
				(f) =>
					`clinic-a/medical-scribe/${ids.domainId}/${ids.subscriptionId}/${session.sessionId}/${f}`,
			),
		);

		const transcript = readS3Json(h.store, result.transcriptResult.outputLocation).Conversation;
		expect(transcript.SessionId).toBe(session.sessionId);
		expect(transcript.TranscriptSegments).toHaveLength(11);
		expect(transcript.TranscriptSegments[1]).toMatchObject({
			ParticipantDetails: { ParticipantRole: 'PATIENT_0' },
			SectionDetails: { SectionName: 'SUBJECTIVE' },
		});
		expect(transcript.TranscriptSegments[1].Content).toContain('sleeping badly');
		const segmentIds = new Set(transcript.TranscriptSegments.map((s: any) => s.SegmentId));
		const insomnia = transcript.ClinicalInsights.find(
			(i: any) =>
				i.Category === 'MEDICAL_CONDITION' && i.Spans[0].Content.toLowerCase().includes('sleep'),
		);
		expect(insomnia).toBeDefined();

		const note = readS3Json(h.store, result.noteResult.outputLocation).ClinicalDocumentation;
		expect(note.SessionId).toBe(session.sessionId);
		expect(note.Sections.map((s: any) => s.SectionName)).toEqual([
			'SUBJECTIVE',
			'OBJECTIVE',
			'ASSESSMENT',
			'PLAN',
		]);
		for (const section of note.Sections) {
			for (const item of section.Summary)
				for (const link of item.EvidenceLinks) expect(segmentIds.has(link.SegmentId)).toBe(true);
		}
		expect(note.Sections[3].Summary.map((s: any) => s.SummarizedSegment)).toContain(
			'Follow-up session in two weeks.',
		);

		const avs = readS3Json(
			h.store,
			result.afterVisitSummaryResult.outputLocation,
		).AfterVisitSummary;
		expect(avs.SessionId).toBe(session.sessionId);
		expect(avs.Summary[0].SummarizedSegment).toBe('We talked about your sleep and mood.');
	});

	it('shows a live stream IN_PROGRESS (no end time, no results) until its end on the clock', async () => {
		const h = harness({ timings: { artifactGenerationMs: 0 } });
		const ids = await setup(h);
		const session = h.emulator.addListeningSession({
			...ids,
			encounter: 'enc-primary-care-001',
			at: h.clock.now(),
		});
		const live = (await h.call('GET', sessionPath(ids, session.sessionId))).body
			.medicalScribeListeningSessionDetails;
		expect(live.streamStatus).toBe('IN_PROGRESS');
		expect(live.streamEndTime).toBeUndefined();
		expect(live.postStreamActionResult).toBeUndefined();
		h.clock.advance(10 * 60_000);
		const after = (await h.call('GET', sessionPath(ids, session.sessionId))).body
			.medicalScribeListeningSessionDetails;
		expect(after.streamStatus).toBe('COMPLETED');
		expect(after.postStreamActionResult.clinicalNoteGenerationResult.noteResult.status).toBe(
			'COMPLETED',
		);
	});

	it('names custom-template sections by their headers and echoes only the base template type', async () => {
		const h = harness({ timings: { artifactGenerationMs: 0 } });
		const ids = await setup(h);
		const session = h.emulator.addListeningSession({
			...ids,
			encounter: 'enc-primary-care-001',
			noteTemplateSettings: {
				customTemplate: {
					templateType: 'SIRP',
					templateInstructions: [
						{ sectionHeader: 'Situation', sectionInstruction: 'Why the patient came in.' },
						{
							sectionHeader: 'Meds_and_Plan',
							sectionInstruction: 'Medications and next steps; be brief.',
						},
					],
				},
			},
			encounterContext: 'Returning patient; prefers short notes.',
		});
		const details = (await h.call('GET', sessionPath(ids, session.sessionId))).body
			.medicalScribeListeningSessionDetails;
		expect(details.postStreamActionSettings.clinicalNoteGenerationSettings).toEqual({
			noteTemplateSettings: { customTemplate: { templateType: 'SIRP' } },
		});
		expect(details.encounterContextProvided).toBe(true);
		const note = readS3Json(h.store, session.artifactUris.note).ClinicalDocumentation;
		expect(note.Sections.map((s: any) => s.SectionName)).toEqual(['Situation', 'Meds_and_Plan']);
		expect(note.Sections[0].Summary[0].SummarizedSegment).toBe(
			'Dry cough and sore throat for five days.',
		);
	});

	it('reports FAILED artifacts with a reason and writes nothing for them', async () => {
		const h = harness({ timings: { artifactGenerationMs: 0 } });
		const ids = await setup(h);
		const session = h.emulator.addListeningSession({
			...ids,
			failArtifacts: ['afterVisitSummary'],
		});
		const result = (await h.call('GET', sessionPath(ids, session.sessionId))).body
			.medicalScribeListeningSessionDetails.postStreamActionResult.clinicalNoteGenerationResult;
		expect(result.noteResult.status).toBe('COMPLETED');
		expect(result.afterVisitSummaryResult.status).toBe('FAILED');
		expect(result.afterVisitSummaryResult.failureReason).toEqual(expect.any(String));
		expect(result.afterVisitSummaryResult.outputLocation).toBeUndefined();
		expect(() => readS3Json(h.store, session.artifactUris.afterVisitSummary)).toThrow();
	});

	it('answers ResourceNotFound for unknown or mismatched ids, ValidationException for a malformed session id', async () => {
		const h = harness();
		const ids = await setup(h);
		const otherSub = (await h.call('POST', `/domains/${ids.domainId}/subscriptions`)).body
			.subscriptionId;
		const session = h.emulator.addListeningSession(ids);
		expect(
			(await h.call('GET', sessionPath(ids, '11111111-2222-4333-8444-555555555555'))).errorType,
		).toBe('ResourceNotFoundException');
		expect(
			(await h.call('GET', sessionPath({ ...ids, subscriptionId: otherSub }, session.sessionId)))
				.status,
		).toBe(404);
		expect(
			(
				await h.call(
					'GET',
					sessionPath({ ...ids, domainId: 'dom-hhhhhhhhhhhhhhhhhhhh' }, session.sessionId),
				)
			).status,
		).toBe(404);
		const bad = await h.call('GET', sessionPath(ids, 'not-a-uuid'));
		expect(bad.status).toBe(400);
		expect(bad.body.message).toContain(
			"Value 'not-a-uuid' at 'sessionId' failed to satisfy constraint: Member must have length greater than or equal to 36",
		);
		await h.call('DELETE', `/domain/${ids.domainId}`);
		h.clock.advance(60_000);
		expect((await h.call('GET', sessionPath(ids, session.sessionId))).status).toBe(404);
	});

	it('rejects admin seeding that breaks the model rules', async () => {
		const h = harness();
		const ids = await setup(h);
		expect(() => h.emulator.addListeningSession({ ...ids, sessionId: 'abc' })).toThrow(/sessionId/);
		expect(() =>
			h.emulator.addListeningSession({
				...ids,
				channelDefinitions: [{ channelId: 0, participantRole: 'CLINICIAN' }],
			}),
		).toThrow(/channelDefinitions/);
		expect(() =>
			h.emulator.addListeningSession({
				...ids,
				noteTemplateSettings: {
					customTemplate: { templateType: 'PHYSICAL_SOAP', templateInstructions: [] },
				},
			}),
		).toThrow(/customTemplate/);
		expect(() => h.emulator.addListeningSession({ ...ids, encounter: 'enc-unknown' })).toThrow(
			/unknown synthetic encounter/,
		);
		expect(() =>
			h.emulator.addListeningSession({ domainId: 'dom-iiiiiiiiiiiiiiiiiiii' }),
		).toThrow();
	});
});

describe('Connect Health emulator: demo seed', () => {
	it('seeds a clinic whose sessions, job and tags are all readable through the API, idempotently', async () => {
		const h = harness();
		const demo = h.emulator.seedDemo();
		expect(h.emulator.seedDemo()).toEqual(demo);
		expect(demo.domainId).toBe(CONNECT_HEALTH_DEMO.domainId);

		const domain = (await h.call('GET', `/domain/${demo.domainId}`)).body;
		expect(domain).toMatchObject({
			name: CONNECT_HEALTH_DEMO.domainName,
			status: 'ACTIVE',
			tags: { environment: 'sandbox', data: 'synthetic' },
		});
		const subs = (await h.call('GET', `/domains/${demo.domainId}/subscriptions`)).body
			.subscriptions;
		expect(subs.map((s: any) => [s.subscriptionId, s.status])).toEqual([
			[demo.subscriptionId, 'ACTIVE'],
			[demo.inactiveSubscriptionId, 'INACTIVE'],
		]);
		const seededAt = h.clock.now();
		expect(CONNECT_HEALTH_DEMO.outputS3Uri).toBe(
			's3://sandbox-connect-health-output/scribe/{yyyy}/{mm}/{dd}/',
		);
		for (const sessionId of demo.sessionIds) {
			const res = await h.call(
				'GET',
				`/medical-scribe-stream/domain/${demo.domainId}/subscription/${demo.subscriptionId}/session/${sessionId}`,
			);
			const details = res.body.medicalScribeListeningSessionDetails;
			// Started with the dated location of examples 06 and 07, filled with the UTC start date.
			const day = new Date(details.streamCreationTime * 1000).toISOString().slice(0, 10);
			const location = `s3://sandbox-connect-health-output/scribe/${day.replace(/-/g, '/')}/`;
			expect(details.postStreamActionSettings.outputS3Uri).toBe(location);
			const result = details.postStreamActionResult.clinicalNoteGenerationResult;
			for (const artifact of Object.values(result) as any[]) {
				expect(artifact.status).toBe('COMPLETED');
				expect(artifact.outputLocation.startsWith(`${location}medical-scribe/`)).toBe(true);
				expect(readS3Json(h.store, artifact.outputLocation)).toBeDefined();
				// Landed when the session finished, not when the sandbox was seeded.
				const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(artifact.outputLocation)!;
				const landed = h.store.get(bucket, key)!.lastModified.getTime();
				expect(landed).toBeGreaterThanOrEqual(details.streamEndTime * 1000);
				expect(landed).toBeLessThan(seededAt - 30 * 60_000);
			}
		}
		const job = (await h.call('GET', `/domain/${demo.domainId}/patient-insights-job/${demo.jobId}`))
			.body;
		expect(job.jobStatus).toBe('SUCCEEDED');
		expect(job.insightsOutput.uri.startsWith(`${demo.insightsOutputPath}/`)).toBe(true);
		expect(readS3Json(h.store, job.insightsOutput.uri).summary).toContain('cough and sore throat');
		expect((await h.call('GET', `/tags/${encodeArn(demo.jobArn)}`)).status).toBe(200);
		// The demo input record is usable by a new job.
		const started = await h.call('POST', `/domain/${demo.domainId}/patient-insights-job`, {
			body: jobBody({
				inputDataConfig: { s3Sources: [{ uri: demo.insightsInputUri }] },
				outputDataConfig: { s3OutputPath: demo.insightsOutputPath },
			}),
		});
		expect(started.status).toBe(200);
	});
});
