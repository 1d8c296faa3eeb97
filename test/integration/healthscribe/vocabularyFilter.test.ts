import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, MEDIA_BUCKET, NODE } from './helpers';

const filter = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'vocabularyFilter',
	operation,
	...extra,
});
const byName = (name: string) => ({ __rl: true, mode: 'name', value: name });

describe('AWS HealthScribe: Vocabulary Filter', () => {
	let sandbox: Sandbox;
	const run = (
		parameters: INodeParameters,
		input?: Parameters<typeof runNode>[2]['input'],
		continueOnFail = false,
	) => runNode(NODE, parameters, { credentials: credentialsFor(sandbox), input, continueOnFail });
	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
	});
	afterAll(async () => await sandbox.stop());

	it('creates a filter from a word list with tags, and gets it with the words downloaded', async () => {
		const from = since();
		const created = await run(
			filter('create', {
				filterName: 'clinic-filter',
				filterSource: 'words',
				filterWords: 'darn\nheck, blimey',
				filterOptions: { tags: { tags: [{ key: 'team', value: 'ops' }] } },
			}),
		);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toMatchObject({
			VocabularyFilterName: 'clinic-filter',
			LanguageCode: 'en-US',
			LastModifiedTime: expect.any(String),
		});
		expect(sandbox.log.entries({ since: from, target: 'CreateVocabularyFilter' })[0].body).toEqual({
			VocabularyFilterName: 'clinic-filter',
			LanguageCode: 'en-US',
			Words: ['darn', 'heck', 'blimey'],
			Tags: [{ Key: 'team', Value: 'ops' }],
		});
		const got = await run(filter('get', { vocabularyFilter: byName('clinic-filter') }));
		expect(got.items[0].json).toMatchObject({
			VocabularyFilterName: 'clinic-filter',
			Words: ['darn', 'heck', 'blimey'],
		});
		expect(got.items[0].json.DownloadUri).toEqual(expect.any(String));
		// The words came from the DownloadUri, read through the credential's S3 endpoint.
		expect(sandbox.log.entries({ since: from, service: 's3' }).map((e) => e.method)).toEqual([
			'GET',
		]);
	});

	it('creates from a TXT binary (words sent in the request) and updates from a file in S3', async () => {
		const from = since();
		const { items, error } = await run(
			filter('create', {
				filterName: 'file-filter',
				filterSource: 'binary',
				filterBinaryProperty: 'words',
			}),
			[
				{
					json: {},
					binary: {
						words: {
							data: Buffer.from('\uFEFFgosh\r\ngolly\r\n').toString('base64'),
							mimeType: 'text/plain',
							fileName: 'words.txt',
						},
					},
				},
			],
		);
		expect(error).toBeUndefined();
		expect(items[0].json.VocabularyFilterName).toBe('file-filter');
		expect(
			sandbox.log.entries({ since: from, target: 'CreateVocabularyFilter' })[0].body,
		).toMatchObject({ Words: ['gosh', 'golly'] });
		sandbox.store.put(MEDIA_BUCKET, 'filters/more.txt', 'drat\n', 'text/plain');
		const updated = await run(
			filter('update', {
				vocabularyFilter: byName('file-filter'),
				filterSource: 's3',
				filterFileUri: `s3://${MEDIA_BUCKET}/filters/more.txt`,
			}),
		);
		expect(updated.error).toBeUndefined();
		expect(sandbox.log.entries({ since: from, target: 'UpdateVocabularyFilter' })[0].body).toEqual({
			VocabularyFilterName: 'file-filter',
			VocabularyFilterFileUri: `s3://${MEDIA_BUCKET}/filters/more.txt`,
		});
		expect(
			(await run(filter('get', { vocabularyFilter: byName('file-filter') }))).items[0].json.Words,
		).toEqual(['drat']);
	});

	it.each([
		[
			'a word with a space',
			{ filterWords: 'oh dear' },
			'Invalid "Words word 1": it contains a space',
		],
		[
			'a digit',
			{ filterWords: 'b4' },
			'Invalid "Words word 1": it has characters outside the en-US character set',
		],
		['no words', { filterWords: ',' }, 'Invalid "Words": it holds no words'],
		[
			'a name that is null',
			{ filterName: '={{ null }}' },
			'Invalid "Vocabulary Filter Name": it is empty',
		],
		[
			'a tag key that is an object',
			{ filterOptions: { tags: { tags: [{ key: '={{ { a: 1 } }}', value: 'x' }] } } },
			'Invalid "Tags #1 Key": it is not text',
		],
		[
			'a bad role',
			{ filterOptions: { dataAccessRoleArn: 'arn:aws:iam::1:user/x' } },
			'Invalid "Data Access Role ARN": it does not have the required format',
		],
	])('rejects %s before any call', async (_case, extra, message) => {
		const from = since();
		const { items } = await run(
			filter('create', {
				filterName: 'checked',
				filterSource: 'words',
				filterWords: 'darn',
				...extra,
			}),
			undefined,
			true,
		);
		expect(items[0].json.error).toBe(message);
		expect(sandbox.log.entries({ since: from })).toEqual([]);
	});

	it('reports the modelled errors: Conflict on a taken name, BadRequest for an unreadable file, NotFound on update', async () => {
		const conflict = await run(
			filter('create', { filterName: 'clinic-filter', filterSource: 'words', filterWords: 'darn' }),
			undefined,
			true,
		);
		expect(conflict.items[0].json.error).toMatch(
			/^CreateVocabularyFilter failed \(HTTP 409\): ConflictException/,
		);
		const missingFile = await run(
			filter('create', {
				filterName: 'no-file',
				filterSource: 's3',
				filterFileUri: `s3://${MEDIA_BUCKET}/filters/none.txt`,
			}),
			undefined,
			true,
		);
		expect(missingFile.items[0].json.error).toMatch(
			/^CreateVocabularyFilter failed \(HTTP 400\): BadRequestException/,
		);
		const notFound = await run(
			filter('update', {
				vocabularyFilter: byName('nope'),
				filterSource: 'words',
				filterWords: 'darn',
			}),
			undefined,
			true,
		);
		expect(notFound.items[0].json.error).toMatch(
			/^UpdateVocabularyFilter failed \(HTTP 404\): NotFoundException/,
		);
	});

	it('lists filters by name and deletes one', async () => {
		const from = since();
		const { items } = await run(
			filter('getAll', { returnAll: true, vocabularyFilterFilters: { nameContains: 'filter' } }),
		);
		expect(items.map((i) => i.json.VocabularyFilterName).sort()).toEqual([
			'clinic-filter',
			'file-filter',
		]);
		expect(sandbox.log.entries({ since: from, target: 'ListVocabularyFilters' })[0].body).toEqual({
			NameContains: 'filter',
			MaxResults: 100,
		});
		const deleted = await run(filter('delete', { vocabularyFilter: byName('file-filter') }));
		expect(deleted.items[0].json).toEqual({ deleted: true, VocabularyFilterName: 'file-filter' });
		const gone = await run(
			filter('get', { vocabularyFilter: byName('file-filter') }),
			undefined,
			true,
		);
		expect(gone.items[0].json.error).toMatch(
			/^GetVocabularyFilter failed \(HTTP 404\): NotFoundException/,
		);
	});
});
