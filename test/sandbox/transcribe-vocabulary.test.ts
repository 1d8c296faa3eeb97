import {
	CreateMedicalVocabularyCommand,
	CreateVocabularyCommand,
	CreateVocabularyFilterCommand,
	DeleteMedicalVocabularyCommand,
	DeleteVocabularyCommand,
	DeleteVocabularyFilterCommand,
	GetMedicalScribeJobCommand,
	GetMedicalVocabularyCommand,
	GetVocabularyCommand,
	GetVocabularyFilterCommand,
	ListMedicalVocabulariesCommand,
	ListTagsForResourceCommand,
	ListVocabulariesCommand,
	ListVocabularyFiltersCommand,
	StartMedicalScribeJobCommand,
	TagResourceCommand,
	UntagResourceCommand,
	UpdateMedicalVocabularyCommand,
	UpdateVocabularyCommand,
	UpdateVocabularyFilterCommand,
	paginateListVocabularies,
} from '@aws-sdk/client-transcribe';
import type { Sandbox } from '../../sandbox';
import { sandbox, transcribeCall, transcribeClient } from './core-helpers';

const ROLE = 'arn:aws:iam::111122223333:role/HealthScribeAccess';
const TABLE =
	'Phrase\tIPA\tSoundsLike\tDisplayAs\nAmoxicillin\t\tam-ox-i-sil-in\tamoxicillin\nDr.-Okafor\t\t\tDr. Okafor\n';

async function rejection(
	promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
	try {
		await promise;
	} catch (error) {
		const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
		return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
	}
	throw new Error('expected a rejection');
}

describe('Transcribe vocabularies, vocabulary filters and tags through @aws-sdk/client-transcribe', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
		sb.store.put('sandbox-media', 'vocab/cardio.txt', TABLE, 'text/plain');
		sb.store.put('sandbox-media', 'vocab/list.txt', 'Metoprolol\nAtorvastatin\n', 'text/plain');
		sb.store.put(
			'sandbox-media',
			'vocab/bad-table.txt',
			'Phrase\tIPA\tSoundsLike\nLos Angeles\t\t\n',
			'text/plain',
		);
		sb.store.put('sandbox-media', 'filters/words.txt', 'darn\nheck\n', 'text/plain');
	});
	afterAll(() => sb.stop());

	test('a custom vocabulary from phrases is PENDING, then READY on the sandbox clock, with a DownloadUri', async () => {
		const tc = transcribeClient(sb);
		const created = await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'cardio-terms',
				LanguageCode: 'en-US',
				Phrases: ['Metoprolol', 'A.F.'],
				Tags: [{ Key: 'team', Value: 'cardio' }],
			}),
		);
		expect(created.VocabularyState).toBe('PENDING');
		expect(created.LanguageCode).toBe('en-US');
		expect(created.LastModifiedTime).toEqual(new Date(sb.clock.now()));
		const pending = await tc.send(new GetVocabularyCommand({ VocabularyName: 'cardio-terms' }));
		expect(pending.VocabularyState).toBe('PENDING');
		expect(pending.DownloadUri).toBeUndefined();
		sb.clock.advance(3000);
		const ready = await tc.send(new GetVocabularyCommand({ VocabularyName: 'cardio-terms' }));
		expect(ready.VocabularyState).toBe('READY');
		expect(ready.FailureReason).toBeUndefined();
		expect(ready.DownloadUri).toMatch(
			/^https:\/\/s3\.us-east-1\.amazonaws\.com\/aws-transcribe-us-east-1-prod\/111122223333\/vocabulary\/cardio-terms\.txt$/,
		);
		expect(
			sb.store
				.get('aws-transcribe-us-east-1-prod', '111122223333/vocabulary/cardio-terms.txt')!
				.body.toString(),
		).toBe('Metoprolol\nA.F.');
		const tags = await tc.send(
			new ListTagsForResourceCommand({
				ResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/cardio-terms',
			}),
		);
		expect(tags.Tags).toEqual([{ Key: 'team', Value: 'cardio' }]);
	});

	test('a vocabulary whose table breaks the rules ends FAILED with the reason; a missing file fails too', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'bad-table',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/bad-table.txt',
			}),
		);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'no-file',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/none.txt',
			}),
		);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'digits',
				LanguageCode: 'en-US',
				Phrases: ['B12'],
			}),
		);
		sb.clock.advance(3000);
		const bad = await tc.send(new GetVocabularyCommand({ VocabularyName: 'bad-table' }));
		expect(bad.VocabularyState).toBe('FAILED');
		expect(bad.FailureReason).toMatch(
			/Row 1.*contains a space; separate the words of a phrase with hyphens/,
		);
		expect(bad.DownloadUri).toBeUndefined();
		expect(
			(await tc.send(new GetVocabularyCommand({ VocabularyName: 'no-file' }))).FailureReason,
		).toMatch(/couldn't be accessed/);
		expect(
			(await tc.send(new GetVocabularyCommand({ VocabularyName: 'digits' }))).FailureReason,
		).toMatch(/en-US character set/);
	});

	test('modelled errors: Conflict on a taken name, NotFound, BadRequest for Phrases and a file together, validation messages', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'dup',
				LanguageCode: 'en-US',
				Phrases: ['Warfarin'],
			}),
		);
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyCommand({
						VocabularyName: 'dup',
						LanguageCode: 'en-US',
						Phrases: ['Warfarin'],
					}),
				),
			),
		).toMatchObject({ name: 'ConflictException', status: 409 });
		expect(
			await rejection(tc.send(new GetVocabularyCommand({ VocabularyName: 'nope' }))),
		).toMatchObject({ name: 'NotFoundException', status: 404 });
		expect(
			await rejection(tc.send(new DeleteVocabularyCommand({ VocabularyName: 'nope' }))),
		).toMatchObject({ name: 'NotFoundException' });
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyCommand({
						VocabularyName: 'both',
						LanguageCode: 'en-US',
						Phrases: ['x'],
						VocabularyFileUri: 's3://sandbox-media/vocab/list.txt',
					}),
				),
			),
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(/either Phrases or VocabularyFileUri/),
		});
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyCommand({
						VocabularyName: 'has space',
						LanguageCode: 'xx-XX' as 'en-US',
						Phrases: ['x'],
					}),
				),
			),
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(
				/^2 validation errors detected: .*'vocabularyName'.*'languageCode'/,
			),
		});
		// Updating while PENDING conflicts with the processing in flight.
		expect(
			await rejection(
				tc.send(
					new UpdateVocabularyCommand({
						VocabularyName: 'dup',
						LanguageCode: 'en-US',
						Phrases: ['Heparin'],
					}),
				),
			),
		).toMatchObject({ name: 'ConflictException' });
	});

	test('update goes back to PENDING and processes the new content; delete removes it', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'ward-terms',
				LanguageCode: 'en-US',
				Phrases: ['Heparin'],
			}),
		);
		sb.clock.advance(3000);
		const updated = await tc.send(
			new UpdateVocabularyCommand({
				VocabularyName: 'ward-terms',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/cardio.txt',
			}),
		);
		expect(updated.VocabularyState).toBe('PENDING');
		sb.clock.advance(3000);
		expect(
			(await tc.send(new GetVocabularyCommand({ VocabularyName: 'ward-terms' }))).VocabularyState,
		).toBe('READY');
		await tc.send(new DeleteVocabularyCommand({ VocabularyName: 'ward-terms' }));
		expect(
			await rejection(tc.send(new GetVocabularyCommand({ VocabularyName: 'ward-terms' }))),
		).toMatchObject({ name: 'NotFoundException' });
	});

	test('lists filter by state and name, newest first, and page with NextToken (SDK paginator)', async () => {
		const tc = transcribeClient(sb);
		for (let i = 0; i < 7; i++) {
			await tc.send(
				new CreateVocabularyCommand({
					VocabularyName: `page-${i}`,
					LanguageCode: 'en-US',
					Phrases: ['Heparin'],
				}),
			);
			sb.clock.advance(10);
		}
		const pending = await tc.send(
			new ListVocabulariesCommand({ StateEquals: 'PENDING', NameContains: 'PAGE' }),
		);
		expect(pending.Status).toBe('PENDING');
		expect(pending.Vocabularies!.map((v) => v.VocabularyName)).toEqual([
			'page-6',
			'page-5',
			'page-4',
			'page-3',
			'page-2',
		]);
		expect(pending.NextToken).toBeTruthy();
		const names: string[] = [];
		for await (const page of paginateListVocabularies(
			{ client: tc, pageSize: 3 },
			{ NameContains: 'page-' },
		))
			names.push(...page.Vocabularies!.map((v) => v.VocabularyName!));
		expect(names).toEqual(['page-6', 'page-5', 'page-4', 'page-3', 'page-2', 'page-1', 'page-0']);
		expect(
			await rejection(
				tc.send(
					new ListVocabulariesCommand({ NextToken: pending.NextToken, NameContains: 'other' }),
				),
			),
		).toMatchObject({ name: 'BadRequestException' });
	});

	test('medical vocabularies take a table file in en-US only, in their own namespace', async () => {
		const tc = transcribeClient(sb);
		expect(
			await rejection(
				tc.send(
					new CreateMedicalVocabularyCommand({
						VocabularyName: 'med',
						LanguageCode: 'en-GB',
						VocabularyFileUri: 's3://sandbox-media/vocab/cardio.txt',
					}),
				),
			),
		).toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(/only US English/),
		});
		await tc.send(
			new CreateMedicalVocabularyCommand({
				VocabularyName: 'med',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/cardio.txt',
			}),
		);
		await tc.send(
			new CreateMedicalVocabularyCommand({
				VocabularyName: 'med-list',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/list.txt',
			}),
		);
		sb.clock.advance(3000);
		expect(
			(await tc.send(new GetMedicalVocabularyCommand({ VocabularyName: 'med' }))).VocabularyState,
		).toBe('READY');
		expect(
			(await tc.send(new GetMedicalVocabularyCommand({ VocabularyName: 'med-list' })))
				.FailureReason,
		).toMatch(/must be a table/);
		expect(
			(await tc.send(new ListMedicalVocabulariesCommand({})))
				.Vocabularies!.map((v) => v.VocabularyName)
				.sort(),
		).toEqual(['med', 'med-list']);
		expect(
			await rejection(tc.send(new GetVocabularyCommand({ VocabularyName: 'med' }))),
		).toMatchObject({ name: 'NotFoundException' });
		const updated = await tc.send(
			new UpdateMedicalVocabularyCommand({
				VocabularyName: 'med-list',
				LanguageCode: 'en-US',
				VocabularyFileUri: 's3://sandbox-media/vocab/cardio.txt',
			}),
		);
		expect(updated.VocabularyState).toBe('PENDING');
		await tc.send(new DeleteMedicalVocabularyCommand({ VocabularyName: 'med' }));
	});

	test('vocabulary filters: words or a file, checked during the call, words downloadable, update and delete', async () => {
		const tc = transcribeClient(sb);
		const created = await tc.send(
			new CreateVocabularyFilterCommand({
				VocabularyFilterName: 'clinic-filter',
				LanguageCode: 'en-US',
				Words: ['darn', 'heck'],
			}),
		);
		expect(created).toMatchObject({ VocabularyFilterName: 'clinic-filter', LanguageCode: 'en-US' });
		const got = await tc.send(
			new GetVocabularyFilterCommand({ VocabularyFilterName: 'clinic-filter' }),
		);
		expect(got.DownloadUri).toMatch(/vocabulary-filter\/clinic-filter\.txt$/);
		await tc.send(
			new UpdateVocabularyFilterCommand({
				VocabularyFilterName: 'clinic-filter',
				VocabularyFilterFileUri: 's3://sandbox-media/filters/words.txt',
			}),
		);
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyFilterCommand({
						VocabularyFilterName: 'clinic-filter',
						LanguageCode: 'en-US',
						Words: ['x'],
					}),
				),
			),
		).toMatchObject({ name: 'ConflictException' });
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyFilterCommand({
						VocabularyFilterName: 'two-words',
						LanguageCode: 'en-US',
						Words: ['two words'],
					}),
				),
			),
		).toMatchObject({ name: 'BadRequestException' });
		expect(
			await rejection(
				tc.send(
					new CreateVocabularyFilterCommand({
						VocabularyFilterName: 'gone',
						LanguageCode: 'en-US',
						VocabularyFilterFileUri: 's3://sandbox-media/filters/none.txt',
					}),
				),
			),
		).toMatchObject({
			name: 'BadRequestException',
		});
		expect(
			await rejection(
				tc.send(new UpdateVocabularyFilterCommand({ VocabularyFilterName: 'nope', Words: ['x'] })),
			),
		).toMatchObject({ name: 'NotFoundException' });
		const listed = await tc.send(new ListVocabularyFiltersCommand({ NameContains: 'clinic' }));
		expect(listed.VocabularyFilters!.map((f) => f.VocabularyFilterName)).toEqual(['clinic-filter']);
		await tc.send(new DeleteVocabularyFilterCommand({ VocabularyFilterName: 'clinic-filter' }));
		expect(
			await rejection(
				tc.send(new GetVocabularyFilterCommand({ VocabularyFilterName: 'clinic-filter' })),
			),
		).toMatchObject({ name: 'NotFoundException' });
	});

	test('tags: add, merge, remove and list on a medical scribe job; unknown ARNs are NotFound', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new StartMedicalScribeJobCommand({
				MedicalScribeJobName: 'tagged-visit',
				Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
				OutputBucketName: 'sandbox-output',
				DataAccessRoleArn: ROLE,
				Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
				Tags: [{ Key: 'clinic', Value: 'north' }],
			}),
		);
		const arn = 'arn:aws:transcribe:us-east-1:111122223333:medical-scribe-job/tagged-visit';
		await tc.send(
			new TagResourceCommand({
				ResourceArn: arn,
				Tags: [
					{ Key: 'clinic', Value: 'south' },
					{ Key: 'reviewed', Value: '' },
				],
			}),
		);
		expect((await tc.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toEqual([
			{ Key: 'clinic', Value: 'south' },
			{ Key: 'reviewed', Value: '' },
		]);
		await tc.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['clinic'] }));
		const listed = await tc.send(new ListTagsForResourceCommand({ ResourceArn: arn }));
		expect(listed).toMatchObject({ ResourceArn: arn, Tags: [{ Key: 'reviewed', Value: '' }] });
		expect(
			(await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'tagged-visit' })))
				.MedicalScribeJob!.Tags,
		).toEqual([{ Key: 'reviewed', Value: '' }]);
		expect(
			await rejection(
				tc.send(
					new ListTagsForResourceCommand({
						ResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/none',
					}),
				),
			),
		).toMatchObject({ name: 'NotFoundException' });
		expect(
			await rejection(
				tc.send(
					new ListTagsForResourceCommand({
						ResourceArn:
							'arn:aws:transcribe:eu-west-1:111122223333:medical-scribe-job/tagged-visit',
					}),
				),
			),
		).toMatchObject({
			name: 'NotFoundException',
		});
		expect(
			await rejection(
				tc.send(
					new TagResourceCommand({ ResourceArn: 'not-an-arn', Tags: [{ Key: 'a', Value: 'b' }] }),
				),
			),
		).toMatchObject({ name: 'BadRequestException' });
		expect(
			await rejection(tc.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: [] }))),
		).toMatchObject({ name: 'BadRequestException' });
	});

	test('a job with a vocabulary that is missing or not READY fails when processing starts; a READY one completes', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'job-terms',
				LanguageCode: 'en-US',
				Phrases: ['Amoxicillin'],
			}),
		);
		const start = (name: string, vocabulary: string) =>
			tc.send(
				new StartMedicalScribeJobCommand({
					MedicalScribeJobName: name,
					Media: { MediaFileUri: `s3://sandbox-media/${sb.seededRecordings[0]}` },
					OutputBucketName: 'sandbox-output',
					DataAccessRoleArn: ROLE,
					Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, VocabularyName: vocabulary },
				}),
			);
		await start('vocab-pending', 'job-terms');
		await start('vocab-missing', 'no-such-terms');
		sb.clock.advance(2000);
		const job = async (name: string) =>
			(await tc.send(new GetMedicalScribeJobCommand({ MedicalScribeJobName: name })))
				.MedicalScribeJob!;
		// Created at the same instant: the vocabulary turns READY (3 s) after the job started (2 s).
		expect(await job('vocab-pending')).toMatchObject({
			MedicalScribeJobStatus: 'FAILED',
			FailureReason: expect.stringMatching(/PENDING, not READY/),
		});
		expect((await job('vocab-missing')).FailureReason).toMatch(
			/custom vocabulary couldn't be found/,
		);
		sb.clock.advance(1000);
		await start('vocab-ready', 'job-terms');
		sb.clock.advance(6000);
		expect((await job('vocab-ready')).MedicalScribeJobStatus).toBe('COMPLETED');
	});

	test('other languages keep their own characters; the vocabulary and filter quotas answer LimitExceededException', async () => {
		const tc = transcribeClient(sb);
		await tc.send(
			new CreateVocabularyCommand({
				VocabularyName: 'german',
				LanguageCode: 'de-DE',
				Phrases: ['Müller'],
			}),
		);
		sb.clock.advance(3000);
		expect(
			(await tc.send(new GetVocabularyCommand({ VocabularyName: 'german' }))).VocabularyState,
		).toBe('READY');
		const small = await sandbox({ transcribe: { maxVocabularies: 1, maxVocabularyFilters: 1 } });
		try {
			const client = transcribeClient(small);
			await client.send(
				new CreateVocabularyCommand({
					VocabularyName: 'one',
					LanguageCode: 'en-US',
					Phrases: ['Heparin'],
				}),
			);
			expect(
				await rejection(
					client.send(
						new CreateVocabularyCommand({
							VocabularyName: 'two',
							LanguageCode: 'en-US',
							Phrases: ['Heparin'],
						}),
					),
				),
			).toMatchObject({
				name: 'LimitExceededException',
				status: 429,
			});
			// The medical namespace has its own quota.
			await client.send(
				new CreateMedicalVocabularyCommand({
					VocabularyName: 'two',
					LanguageCode: 'en-US',
					VocabularyFileUri: 's3://sandbox-media/vocab/cardio.txt',
				}),
			);
			await client.send(
				new CreateVocabularyFilterCommand({
					VocabularyFilterName: 'f1',
					LanguageCode: 'en-US',
					Words: ['darn'],
				}),
			);
			expect(
				await rejection(
					client.send(
						new CreateVocabularyFilterCommand({
							VocabularyFilterName: 'f2',
							LanguageCode: 'en-US',
							Words: ['darn'],
						}),
					),
				),
			).toMatchObject({
				name: 'LimitExceededException',
			});
		} finally {
			await small.stop();
		}
	});

	test('raw awsJson1_1: an unknown target is UnknownOperationException, a wrong JSON type SerializationException', async () => {
		const wrongType = await transcribeCall(sb, 'CreateVocabulary', {
			VocabularyName: 'x',
			LanguageCode: 'en-US',
			Phrases: 'Heparin',
		});
		expect(wrongType.status).toBe(400);
		expect(wrongType.json.__type).toBe('SerializationException');
		const unknown = await transcribeCall(sb, 'CreateLanguageModel', {});
		expect(unknown.json.__type).toBe('UnknownOperationException');
	});
});
