import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, MEDIA_BUCKET, NODE } from './helpers';

const vocabulary = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'vocabulary',
	operation,
	...extra,
});
const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });

describe('AWS HealthScribe: Vocabulary', () => {
	let sandbox: Sandbox;
	const run = (
		parameters: INodeParameters,
		input?: Parameters<typeof runNode>[2]['input'],
		continueOnFail = false,
	) => runNode(NODE, parameters, { credentials: credentialsFor(sandbox), input, continueOnFail });
	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	const calls = (from: number) =>
		sandbox.log
			.entries({ since: from })
			.map((e) => e.target?.replace('Transcribe.', '') ?? `${e.method} ${e.path}`);
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
	});
	afterAll(async () => await sandbox.stop());

	it('creates a custom vocabulary from a phrase list (sent as Phrases) and waits until it is READY', async () => {
		const from = since();
		const { items, error } = await run(
			vocabulary('create', {
				vocabularyName: 'cardio-terms',
				vocabularySource: 'phrases',
				vocabularyPhrases: 'Metoprolol\nAtorvastatin, A.F.',
				waitForCompletion: true,
			}),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			VocabularyName: 'cardio-terms',
			LanguageCode: 'en-US',
			VocabularyState: 'READY',
			EntryCount: 3,
		});
		expect(items[0].json.DownloadUri).toEqual(expect.any(String));
		const create = sandbox.log.entries({ since: from, target: 'CreateVocabulary' });
		expect(create.map((e) => e.body)).toEqual([
			{
				VocabularyName: 'cardio-terms',
				LanguageCode: 'en-US',
				Phrases: ['Metoprolol', 'Atorvastatin', 'A.F.'],
			},
		]);
		expect(calls(from).filter((t) => t === 'GetVocabulary').length).toBeGreaterThanOrEqual(1);
	});

	it('creates from a table in an item field: the table is written to S3 as a tab-separated file, then read by Transcribe', async () => {
		const rows = [
			{ Phrase: 'Amoxicillin', 'Sounds Like': 'am-ox-i-sil-in', row_number: 2 },
			{ phrase: 'Dr.-Okafor', display_as: 'Dr. Okafor', row_number: 3 },
		];
		const from = since();
		const { items, error } = await run(
			vocabulary('create', {
				vocabularyName: 'clinic-names',
				vocabularySource: 'table',
				vocabularyTableField: 'sheet.rows',
				vocabularyUploadBucket: MEDIA_BUCKET,
				vocabularyUploadKeyPrefix: 'vocab/',
			}),
			[{ json: { sheet: { rows } } }],
		);
		expect(error).toBeUndefined();
		const fileUri = items[0].json.VocabularyFileUri as string;
		expect(fileUri).toMatch(/^s3:\/\/sandbox-media\/vocab\/clinic-names-[0-9a-f]{16}\.txt$/);
		const key = fileUri.replace('s3://sandbox-media/', '');
		expect(sandbox.store.get(MEDIA_BUCKET, key)!.body.toString()).toBe(
			'Phrase\tIPA\tSoundsLike\tDisplayAs\nAmoxicillin\t\tam-ox-i-sil-in\t\nDr.-Okafor\t\t\tDr. Okafor\n',
		);
		expect(calls(from)).toEqual([`PUT /${MEDIA_BUCKET}/${key}`, 'CreateVocabulary']);
		expect(sandbox.log.entries({ since: from, target: 'CreateVocabulary' })[0].body).toEqual({
			VocabularyName: 'clinic-names',
			LanguageCode: 'en-US',
			VocabularyFileUri: fileUri,
		});
		expect(items[0].json.VocabularyState).toBe('PENDING');
	});

	it('creates a custom medical vocabulary from a CSV binary (always as a table file), with tags', async () => {
		const csv = 'Phrase,SoundsLike,DisplayAs\r\nWarfarin,wor-far-in,\r\n"Heparin",,heparin\r\n';
		const from = since();
		const { items, error } = await run(
			vocabulary('create', {
				vocabularyType: 'medical',
				vocabularyName: 'ward-med',
				vocabularySource: 'binary',
				vocabularyBinaryProperty: 'sheet',
				vocabularyUploadBucket: MEDIA_BUCKET,
				vocabularyOptions: { tags: { tags: [{ key: 'ward', value: '4B' }] } },
				waitForCompletion: true,
			}),
			[
				{
					json: {},
					binary: {
						sheet: {
							data: Buffer.from(csv).toString('base64'),
							mimeType: 'text/csv',
							fileName: 'terms.csv',
						},
					},
				},
			],
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			VocabularyName: 'ward-med',
			VocabularyState: 'READY',
			EntryCount: 2,
		});
		const [create] = sandbox.log.entries({ since: from, target: 'CreateMedicalVocabulary' });
		expect(create.body).toEqual({
			VocabularyName: 'ward-med',
			LanguageCode: 'en-US',
			VocabularyFileUri: items[0].json.VocabularyFileUri,
			Tags: [{ Key: 'ward', Value: '4B' }],
		});
	});

	it('surfaces a FAILED vocabulary with its reason when waiting (file in S3 with a bad row)', async () => {
		sandbox.store.put(
			MEDIA_BUCKET,
			'vocab/bad.txt',
			'Phrase\tDisplayAs\nVitamin B12\t\n',
			'text/plain',
		);
		const { items } = await run(
			vocabulary('create', {
				vocabularyName: 'bad-file',
				vocabularySource: 's3',
				vocabularyFileUri: `s3://${MEDIA_BUCKET}/vocab/bad.txt`,
				waitForCompletion: true,
			}),
			undefined,
			true,
		);
		expect(items[0].json.error).toBe(
			'GetVocabulary: Transcribe could not build the vocabulary (FAILED)',
		);
		expect(items[0].json.description).toMatch(/^AWS says: Row 1: the phrase contains a space/);
	});

	it.each([
		[
			'a phrase with a space',
			{ vocabularyPhrases: 'Los Angeles' },
			'Invalid "Phrases row 1": the phrase contains a space',
		],
		[
			'digits',
			{ vocabularyPhrases: 'B12' },
			'Invalid "Phrases row 1": the phrase has characters outside the en-US character set',
		],
		[
			'a phrase over 256 characters',
			{ vocabularyPhrases: 'a'.repeat(257) },
			'Invalid "Phrases row 1": the phrase has 257 characters',
		],
		['no phrase at all', { vocabularyPhrases: ' , ' }, 'Invalid "Phrases": it holds no phrases'],
		[
			'more than 50 KB',
			{ vocabularyPhrases: Array.from({ length: 300 }, () => 'a'.repeat(200)).join('\n') },
			'Invalid "Phrases": the vocabulary is 59 KB',
		],
		[
			'a name with a space',
			{ vocabularyName: 'cardio terms' },
			'Invalid "Vocabulary Name": it does not have the required format',
		],
		[
			'a name that is an object',
			{ vocabularyName: { a: 1 } },
			'Invalid "Vocabulary Name": the value is an object, not text',
		],
		[
			'phrases that are a list',
			{ vocabularyPhrases: ['Heparin'] },
			'Invalid "Phrases": the value is a list, not text',
		],
		[
			'a medical vocabulary without an upload bucket',
			{ vocabularyType: 'medical' },
			'Invalid "Upload Bucket": it is empty',
		],
		[
			'a role on a medical vocabulary',
			{
				vocabularyType: 'medical',
				vocabularySource: 's3',
				vocabularyFileUri: 's3://b/k.txt',
				vocabularyOptions: { dataAccessRoleArn: 'arn:aws:iam::111122223333:role/R' },
			},
			'Invalid "Data Access Role ARN": custom medical vocabularies take no role',
		],
		[
			'a file URI that is not S3',
			{ vocabularySource: 's3', vocabularyFileUri: 'ftp://x/y' },
			'Invalid "Vocabulary File URI": it does not have the required format',
		],
		[
			'a tag key used twice',
			{
				vocabularyOptions: {
					tags: {
						tags: [
							{ key: 'a', value: '1' },
							{ key: 'a', value: '2' },
						],
					},
				},
			},
			'Invalid "Tags #2 Key": the key is used twice',
		],
	])('rejects %s before any call', async (_case, extra, message) => {
		const from = since();
		const { items } = await run(
			vocabulary('create', {
				vocabularyName: 'checked',
				vocabularySource: 'phrases',
				vocabularyPhrases: 'Heparin',
				...extra,
			}),
			undefined,
			true,
		);
		expect(items[0].json.error).toBe(message);
		expect(sandbox.log.entries({ since: from })).toEqual([]);
	});

	it('rejects a table row with both IPA and Sounds Like, and a table field that is not a list, before any call', async () => {
		const from = since();
		const base = vocabulary('create', {
			vocabularyName: 'checked',
			vocabularySource: 'table',
			vocabularyTableField: 'rows',
			vocabularyUploadBucket: MEDIA_BUCKET,
		});
		const both = await run(
			base,
			[
				{
					json: {
						rows: [
							{ Phrase: 'Heparin' },
							{ Phrase: 'Warfarin', IPA: 'w ɔ r', SoundsLike: 'wor-far-in' },
						],
					},
				},
			],
			true,
		);
		expect(both.items[0].json.error).toBe(
			'Invalid "Table Field row 2": it has both IPA and Sounds Like',
		);
		const notList = await run(base, [{ json: { rows: 'Heparin' } }], true);
		expect(notList.items[0].json.error).toBe(
			'Invalid "Table Field": the item field is not a list of rows',
		);
		expect(sandbox.log.entries({ since: from })).toEqual([]);
	});

	it('answers a taken name with ConflictException, named for the operation', async () => {
		const { items } = await run(
			vocabulary('create', {
				vocabularyName: 'cardio-terms',
				vocabularySource: 'phrases',
				vocabularyPhrases: 'Heparin',
			}),
			undefined,
			true,
		);
		expect(items[0].json.error).toMatch(/^CreateVocabulary failed \(HTTP 409\): ConflictException/);
	});

	it('updates the vocabulary that has the name when "If the Name Is Taken" says so', async () => {
		const from = since();
		const { items, error } = await run(
			vocabulary('create', {
				vocabularyName: 'cardio-terms',
				vocabularySource: 'phrases',
				vocabularyPhrases: 'Digoxin',
				vocabularyOptions: { ifNameTaken: 'update', tags: { tags: [{ key: 'a', value: 'b' }] } },
			}),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).toMatchObject({
			VocabularyName: 'cardio-terms',
			VocabularyState: 'PENDING',
		});
		expect(calls(from)).toEqual(['CreateVocabulary', 'UpdateVocabulary']);
		expect(sandbox.log.entries({ since: from, target: 'UpdateVocabulary' })[0].body).toEqual({
			VocabularyName: 'cardio-terms',
			LanguageCode: 'en-US',
			Phrases: ['Digoxin'],
		});
		sandbox.clock.advance(5000);
	});

	it('gets a vocabulary with its entries downloaded, and a missing one as NotFoundException', async () => {
		const { items } = await run(
			vocabulary('get', { vocabulary: byName('cardio-terms'), downloadEntries: true }),
		);
		expect(items[0].json).toMatchObject({
			VocabularyName: 'cardio-terms',
			VocabularyState: 'READY',
			Entries: 'Digoxin',
		});
		const missing = await run(
			vocabulary('get', { vocabularyType: 'medical', vocabulary: byName('cardio-terms') }),
			undefined,
			true,
		);
		expect(missing.items[0].json.error).toMatch(
			/^GetMedicalVocabulary failed \(HTTP 404\): NotFoundException/,
		);
	});

	it('updates a vocabulary (PENDING again, then READY when waiting) and deletes it', async () => {
		const from = since();
		const { items, error } = await run(
			vocabulary('update', {
				vocabulary: byName('cardio-terms'),
				vocabularySource: 'phrases',
				vocabularyPhrases: 'Bisoprolol',
				waitForCompletion: true,
			}),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.VocabularyState).toBe('READY');
		expect(sandbox.log.entries({ since: from, target: 'UpdateVocabulary' })[0].body).toEqual({
			VocabularyName: 'cardio-terms',
			LanguageCode: 'en-US',
			Phrases: ['Bisoprolol'],
		});
		const deleted = await run(vocabulary('delete', { vocabulary: byName('cardio-terms') }));
		expect(deleted.items[0].json).toEqual({ deleted: true, VocabularyName: 'cardio-terms' });
		const again = await run(
			vocabulary('delete', { vocabulary: byName('cardio-terms') }),
			undefined,
			true,
		);
		expect(again.items[0].json.error).toMatch(
			/^DeleteVocabulary failed \(HTTP 404\): NotFoundException/,
		);
	});

	it('lists vocabularies with name and state filters, following NextToken up to the limit', async () => {
		for (let i = 0; i < 4; i++)
			await run(
				vocabulary('create', {
					vocabularyName: `list-${i}`,
					vocabularySource: 'phrases',
					vocabularyPhrases: 'Heparin',
				}),
			);
		sandbox.clock.advance(5000);
		const from = since();
		const { items } = await run(
			vocabulary('getAll', {
				returnAll: false,
				limit: 3,
				vocabularyFilters: { nameContains: 'LIST', state: 'READY' },
			}),
		);
		expect(items.map((i) => i.json.VocabularyName)).toHaveLength(3);
		expect(items.every((i) => i.json.VocabularyState === 'READY')).toBe(true);
		expect(
			sandbox.log.entries({ since: from, target: 'ListVocabularies' }).map((e) => e.body),
		).toEqual([{ NameContains: 'LIST', StateEquals: 'READY', MaxResults: 3 }]);
		const all = await run(
			vocabulary('getAll', { returnAll: true, vocabularyFilters: { nameContains: 'list-' } }),
		);
		expect(all.items.map((i) => i.json.VocabularyName).sort()).toEqual([
			'list-0',
			'list-1',
			'list-2',
			'list-3',
		]);
	});
});
