import type { Sandbox } from '../../../sandbox';
import { MAY_HAVE_BEEN_DONE } from '../../../nodes/common/errors';
import { connectHealthSandbox, DEMO, fromList, run } from '../connect-health/helpers';

/**
 * CreateSubscription is not idempotent (each call makes a new subscription): once the request may
 * have reached the service it is never sent again, and the error says to check before re-running.
 * Throttling means the service refused it, so that alone is retried. Idempotent reads retry.
 */
describe('Connect Health transport: retries by idempotency', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await connectHealthSandbox()));
	afterAll(async () => await sandbox.stop());
	afterEach(() => sandbox.faults.clear());

	const create = { resource: 'subscription', operation: 'create', domain: fromList(DEMO.domainId) };
	const createRule = {
		service: 'connectHealth' as const,
		match: { method: 'POST', pathPrefix: `/domains/${DEMO.domainId}/subscriptions` },
	};
	const subscriptions = () =>
		sandbox.log.entries({
			service: 'connectHealth',
			method: 'POST',
			pathPrefix: `/domains/${DEMO.domainId}/subscriptions`,
		});

	it.each(['5xx', 'reset', 'malformed', 'cut'] as const)(
		'CreateSubscription after a %s: sent once, error says it may have been done',
		async (kind) => {
			const before = subscriptions().length;
			sandbox.faults.failNext({ kind, ...createRule });
			const { items, requests } = await run(sandbox, create, { continueOnFail: true });
			expect(requests).toHaveLength(1);
			expect(subscriptions().length - before).toBe(1);
			expect(String(items[0].json.error)).toContain('CreateSubscription failed');
			expect(String(items[0].json.error)).toContain(MAY_HAVE_BEEN_DONE);
		},
	);

	it('CreateSubscription after throttling: retried (the service refused it) and created once', async () => {
		sandbox.faults.failNext({ kind: 'throttle', ...createRule });
		const { items, error, requests } = await run(sandbox, create);
		expect(error).toBeUndefined();
		expect(requests.map((r) => r.status)).toEqual([429, 201]);
		expect(items[0].json.subscriptionId).toMatch(/^sub-/);
	});

	it.each(['5xx', 'reset', 'malformed', 'cut'] as const)(
		'ListDomains after a %s: retried and returned, no hint',
		async (kind) => {
			sandbox.faults.failNext({
				kind,
				service: 'connectHealth',
				match: { method: 'GET', pathPrefix: '/domain' },
			});
			const { items, error, requests } = await run(sandbox, {
				resource: 'domain',
				operation: 'getAll',
				returnAll: true,
				filters: {},
			});
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			expect(requests.map((r) => r.fault ?? 'ok')).toEqual([kind, 'ok']);
		},
	);
});
