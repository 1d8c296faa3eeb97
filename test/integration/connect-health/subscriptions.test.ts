import type { Sandbox } from '../../../sandbox';
import {
	byArn,
	byId,
	connectHealthSandbox,
	DEMO,
	expectSigned,
	fromList,
	run,
	wire,
} from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const MISSING_SUB = 'sub-DoesNotExist000000000';
const key = (subscriptionId: string) => ({
	domain: byId(DEMO.domainId),
	subscription: byId(subscriptionId),
});

describe('CreateSubscription', () => {
	test('POST /domains/{domainId}/subscriptions with no body → 201, flat output', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'create',
			domain: fromList(DEMO.domainId),
		});
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'POST',
			path: `/domains/${DEMO.domainId}/subscriptions`,
			query: {},
			body: undefined,
		});
		expect(requests[0].headers['content-type']).toBeUndefined();
		expect(requests[0].status).toBe(201);
		expect(items[0].json).toEqual({
			domainId: DEMO.domainId,
			subscriptionId: expect.stringMatching(/^sub-[A-Za-z0-9]{21}$/),
			arn: expect.stringContaining(`:domain/${DEMO.domainId}/subscription/sub-`),
			status: 'ACTIVE',
			createdAt: expect.stringMatching(ISO),
			lastUpdatedAt: expect.stringMatching(ISO),
			activatedAt: expect.stringMatching(ISO),
		});
	});

	test('ResourceNotFoundException (404) for an unknown domain', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'create',
			domain: byId('dom-doesnotexist0000000'),
		});
		expect(requests.map((r) => [r.path, r.status, r.errorType])).toEqual([
			['/domains/dom-doesnotexist0000000/subscriptions', 404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(
			/^CreateSubscription failed \(HTTP 404\): ResourceNotFoundException/,
		);
	});
});

describe('DeactivateSubscription / ActivateSubscription', () => {
	test('POST …/deactivate then …/activate, no body; output unwrapped from "subscription"', async () => {
		const off = await run(sandbox, {
			resource: 'subscription',
			operation: 'deactivate',
			...key(DEMO.subscriptionId),
		});
		expectSigned(off.requests[0]);
		expect(wire(off.requests[0])).toEqual({
			method: 'POST',
			path: `/domains/${DEMO.domainId}/subscriptions/${DEMO.subscriptionId}/deactivate`,
			query: {},
			body: undefined,
		});
		expect(off.items[0].json).toMatchObject({
			subscriptionId: DEMO.subscriptionId,
			status: 'INACTIVE',
			deactivatedAt: expect.stringMatching(ISO),
		});

		const arn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}/subscription/${DEMO.subscriptionId}`;
		const on = await run(sandbox, {
			resource: 'subscription',
			operation: 'activate',
			domain: byId(DEMO.domainId),
			subscription: byArn(arn),
		});
		expectSigned(on.requests[0]);
		expect(wire(on.requests[0])).toEqual({
			method: 'POST',
			path: `/domains/${DEMO.domainId}/subscriptions/${DEMO.subscriptionId}/activate`,
			query: {},
			body: undefined,
		});
		expect(on.items[0].json).toMatchObject({
			subscriptionId: DEMO.subscriptionId,
			arn,
			status: 'ACTIVE',
		});
	});

	test.each(['activate', 'deactivate'])(
		'%s: ResourceNotFoundException (404)',
		async (operation) => {
			const { error, requests } = await run(sandbox, {
				resource: 'subscription',
				operation,
				...key(MISSING_SUB),
			});
			expect(requests.map((r) => [r.path, r.status, r.errorType])).toEqual([
				[
					`/domains/${DEMO.domainId}/subscriptions/${MISSING_SUB}/${operation}`,
					404,
					'ResourceNotFoundException',
				],
			]);
			const op = operation === 'activate' ? 'ActivateSubscription' : 'DeactivateSubscription';
			expect(error?.message).toMatch(
				new RegExp(`^${op} failed \\(HTTP 404\\): ResourceNotFoundException`),
			);
		},
	);
});

describe('GetSubscription', () => {
	test('GET /domains/{domainId}/subscriptions/{subscriptionId}', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'get',
			...key(DEMO.inactiveSubscriptionId),
		});
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'GET',
			path: `/domains/${DEMO.domainId}/subscriptions/${DEMO.inactiveSubscriptionId}`,
			query: {},
			body: undefined,
		});
		expect(items[0].json).toMatchObject({
			domainId: DEMO.domainId,
			subscriptionId: DEMO.inactiveSubscriptionId,
			status: 'INACTIVE',
		});
	});

	test('ResourceNotFoundException (404)', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'get',
			...key(MISSING_SUB),
		});
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([
			[404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(
			/^GetSubscription failed \(HTTP 404\): ResourceNotFoundException/,
		);
	});

	test('an ARN of another domain is refused before any call', async () => {
		const arn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/dom-otherdomain000000000/subscription/${DEMO.subscriptionId}`;
		const { error, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'get',
			domain: byId(DEMO.domainId),
			subscription: byArn(arn),
		});
		expect(requests).toHaveLength(0);
		expect(error?.message).toBe('Invalid "Subscription": the ARN belongs to another domain');
	});
});

describe('ListSubscriptions', () => {
	test('Return All pages through nextToken; Limit stops early', async () => {
		for (let n = 0; n < 100; n++) sandbox.connectHealth.addSubscription(DEMO.domainId);
		const all = await run(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			domain: byId(DEMO.domainId),
			returnAll: true,
		});
		for (const r of all.requests) expectSigned(r);
		expect(all.requests.map(wire)).toEqual([
			{
				method: 'GET',
				path: `/domains/${DEMO.domainId}/subscriptions`,
				query: { maxResults: '100' },
				body: undefined,
			},
			{
				method: 'GET',
				path: `/domains/${DEMO.domainId}/subscriptions`,
				query: { maxResults: '100', nextToken: expect.any(String) },
				body: undefined,
			},
		]);
		// 2 demo + 1 created above + 100 seeded.
		expect(all.items).toHaveLength(103);
		expect(new Set(all.items.map((i) => i.json.subscriptionId)).size).toBe(103);

		const some = await run(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			domain: byId(DEMO.domainId),
			returnAll: false,
			limit: 5,
		});
		expect(some.requests.map((r) => r.query)).toEqual([{ maxResults: '5' }]);
		expect(some.items).toHaveLength(5);
	});

	test('ResourceNotFoundException (404) for an unknown domain', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'subscription',
			operation: 'getAll',
			domain: byId('dom-doesnotexist0000000'),
			returnAll: true,
		});
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([
			[404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(
			/^ListSubscriptions failed \(HTTP 404\): ResourceNotFoundException/,
		);
	});
});
