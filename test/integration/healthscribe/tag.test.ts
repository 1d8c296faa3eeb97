import type { INodeParameters } from 'n8n-workflow';
import { runNode } from '../../harness';
import type { Sandbox } from '../../../sandbox';
import { credentialsFor, healthScribeSandbox, NODE, seedJob } from './helpers';

const tag = (operation: string, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'tag',
	operation,
	...extra,
});

describe('AWS HealthScribe: Tag', () => {
	let sandbox: Sandbox;
	let jobArn: string;
	const run = (parameters: INodeParameters, continueOnFail = false) =>
		runNode(NODE, parameters, { credentials: credentialsFor(sandbox), continueOnFail });
	const since = () => sandbox.log.entries().at(-1)?.seq ?? 0;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox();
		await seedJob(sandbox, 'tagged-visit', sandbox.seededRecordings[0]);
		jobArn = `arn:aws:transcribe:us-east-1:${sandbox.credentials.aws.accountId}:medical-scribe-job/tagged-visit`;
	});
	afterAll(async () => await sandbox.stop());

	it('adds tags to a medical scribe job, lists them one item per tag, and removes some', async () => {
		const from = since();
		const added = await run(
			tag('add', {
				tagResourceArn: jobArn,
				tagsToAdd: {
					tags: [
						{ key: 'appointment', value: 'A-1' },
						{ key: 'reviewed', value: '' },
					],
				},
			}),
		);
		expect(added.error).toBeUndefined();
		expect(added.items[0].json).toEqual({
			ResourceArn: jobArn,
			added: ['appointment', 'reviewed'],
		});
		expect(sandbox.log.entries({ since: from, target: 'TagResource' })[0].body).toEqual({
			ResourceArn: jobArn,
			Tags: [
				{ Key: 'appointment', Value: 'A-1' },
				{ Key: 'reviewed', Value: '' },
			],
		});
		const listed = await run(tag('getAll', { tagResourceArn: jobArn }));
		expect(listed.items.map((i) => i.json)).toEqual([
			{ ResourceArn: jobArn, Key: 'appointment', Value: 'A-1' },
			{ ResourceArn: jobArn, Key: 'reviewed', Value: '' },
		]);
		const removed = await run(
			tag('remove', { tagResourceArn: jobArn, tagKeys: 'reviewed, appointment' }),
		);
		expect(removed.items[0].json).toEqual({
			ResourceArn: jobArn,
			removed: ['reviewed', 'appointment'],
		});
		expect(sandbox.log.entries({ since: from, target: 'UntagResource' })[0].body).toEqual({
			ResourceArn: jobArn,
			TagKeys: ['reviewed', 'appointment'],
		});
		expect((await run(tag('getAll', { tagResourceArn: jobArn }))).items).toEqual([]);
	});

	it('tags a vocabulary and a vocabulary filter by ARN', async () => {
		const account = sandbox.credentials.aws.accountId;
		await run({
			resource: 'vocabulary',
			operation: 'create',
			vocabularyName: 'tag-me',
			vocabularySource: 'phrases',
			vocabularyPhrases: 'Heparin',
		});
		await run({
			resource: 'vocabularyFilter',
			operation: 'create',
			filterName: 'tag-me-too',
			filterSource: 'words',
			filterWords: 'darn',
		});
		for (const arn of [
			`arn:aws:transcribe:us-east-1:${account}:vocabulary/tag-me`,
			`arn:aws:transcribe:us-east-1:${account}:vocabulary-filter/tag-me-too`,
		]) {
			await run(
				tag('add', {
					tagResourceArn: arn,
					tagsToAdd: { tags: [{ key: 'owner', value: 'pharmacy' }] },
				}),
			);
			expect(
				(await run(tag('getAll', { tagResourceArn: arn }))).items.map((i) => i.json.Value),
			).toEqual(['pharmacy']);
		}
	});

	it('reports an unknown resource as NotFoundException, named for the operation', async () => {
		const { items } = await run(
			tag('getAll', {
				tagResourceArn: `arn:aws:transcribe:us-east-1:${sandbox.credentials.aws.accountId}:vocabulary/none`,
			}),
			true,
		);
		expect(items[0].json.error).toMatch(
			/^ListTagsForResource failed \(HTTP 404\): NotFoundException/,
		);
	});

	it.each([
		[
			'an ARN of another service',
			tag('add', {
				tagResourceArn: 'arn:aws:s3:::bucket',
				tagsToAdd: { tags: [{ key: 'a', value: 'b' }] },
			}),
			'Invalid "Resource ARN": it does not have the required format',
		],
		[
			'no tags to add',
			tag('add', {
				tagResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/x',
				tagsToAdd: {},
			}),
			'Invalid "Tags": no tag is given',
		],
		[
			'a key over 128 characters',
			tag('add', {
				tagResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/x',
				tagsToAdd: { tags: [{ key: 'k'.repeat(129), value: '' }] },
			}),
			'Invalid "Tags #1 Key": it has 129 characters',
		],
		[
			'a value over 256 characters',
			tag('add', {
				tagResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/x',
				tagsToAdd: { tags: [{ key: 'k', value: 'v'.repeat(257) }] },
			}),
			'Invalid "Tags #1 Value": it has 257 characters',
		],
		[
			'no keys to remove',
			tag('remove', {
				tagResourceArn: 'arn:aws:transcribe:us-east-1:111122223333:vocabulary/x',
				tagKeys: ' , ',
			}),
			'Invalid "Tag Keys": it is empty',
		],
		[
			'an ARN that is a number list',
			tag('getAll', { tagResourceArn: '={{ [1, 2] }}' }),
			'Invalid "Resource ARN": the value is a list, not text',
		],
	])('rejects %s before any call', async (_case, parameters, message) => {
		const from = since();
		const { items } = await run(parameters, true);
		expect(items[0].json.error).toBe(message);
		expect(sandbox.log.entries({ since: from })).toEqual([]);
	});
});
