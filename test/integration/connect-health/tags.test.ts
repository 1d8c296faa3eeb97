import type { Sandbox } from '../../../sandbox';
import { connectHealthSandbox, DEMO, expectSigned, run, wire } from './helpers';

let sandbox: Sandbox;
let domainArn: string;
beforeAll(async () => {
	sandbox = await connectHealthSandbox();
	domainArn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}`;
});
afterAll(async () => await sandbox.stop());

const MISSING = 'arn:aws:health-agent:us-east-1:111122223333:domain/dom-doesnotexist0000000';

describe('TagResource', () => {
	test('POST /tags/{resourceArn} with the tag map → 204', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'add',
			resourceArn: domainArn,
			tags: {
				tag: [
					{ key: 'cost-center', value: 'CC 42' },
					{ key: 'owner', value: 'ops' },
				],
			},
		});
		expectSigned(requests[0]);
		expect(requests[0].status).toBe(204);
		expect(wire(requests[0])).toEqual({
			method: 'POST',
			path: `/tags/${domainArn}`,
			query: {},
			body: { tags: { 'cost-center': 'CC 42', owner: 'ops' } },
		});
		expect(items[0].json).toEqual({
			resourceArn: domainArn,
			tags: { 'cost-center': 'CC 42', owner: 'ops' },
		});
	});

	test('ResourceNotFoundException (404)', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'add',
			resourceArn: MISSING,
			tags: { tag: [{ key: 'a', value: 'b' }] },
		});
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([
			[404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(/^TagResource failed \(HTTP 404\): ResourceNotFoundException/);
	});
});

describe('ListTagsForResource', () => {
	test('GET /tags/{resourceArn} → one item per tag', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'getAll',
			resourceArn: domainArn,
		});
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'GET',
			path: `/tags/${domainArn}`,
			query: {},
			body: undefined,
		});
		expect(items.map((i) => i.json)).toEqual([
			{ resourceArn: domainArn, key: 'environment', value: 'sandbox' },
			{ resourceArn: domainArn, key: 'data', value: 'synthetic' },
			{ resourceArn: domainArn, key: 'cost-center', value: 'CC 42' },
			{ resourceArn: domainArn, key: 'owner', value: 'ops' },
		]);
	});

	test('works for a subscription ARN too; ResourceNotFoundException (404) for an unknown one', async () => {
		const subscriptionArn = `${domainArn}/subscription/${DEMO.subscriptionId}`;
		const ok = await run(sandbox, {
			resource: 'tag',
			operation: 'getAll',
			resourceArn: subscriptionArn,
		});
		expect(ok.requests[0].status).toBe(200);
		const { error, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'getAll',
			resourceArn: MISSING,
		});
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([
			[404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(
			/^ListTagsForResource failed \(HTTP 404\): ResourceNotFoundException/,
		);
	});
});

describe('UntagResource', () => {
	test('DELETE /tags/{resourceArn}?tagKeys=…&tagKeys=… → 204', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'remove',
			resourceArn: domainArn,
			tagKeys: ['cost-center', 'owner'],
		});
		expectSigned(requests[0]);
		expect(requests[0].status).toBe(204);
		expect(wire(requests[0])).toEqual({
			method: 'DELETE',
			path: `/tags/${domainArn}`,
			query: { tagKeys: ['cost-center', 'owner'] },
			body: undefined,
		});
		expect(items[0].json).toEqual({
			resourceArn: domainArn,
			removedTagKeys: ['cost-center', 'owner'],
		});
		const after = await run(sandbox, {
			resource: 'tag',
			operation: 'getAll',
			resourceArn: domainArn,
		});
		expect(after.items.map((i) => i.json.key)).toEqual(['environment', 'data']);
	});

	test('ResourceNotFoundException (404)', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'tag',
			operation: 'remove',
			resourceArn: MISSING,
			tagKeys: ['a'],
		});
		expect(requests.map((r) => [r.method, r.status, r.errorType])).toEqual([
			['DELETE', 404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(/^UntagResource failed \(HTTP 404\): ResourceNotFoundException/);
	});
});
