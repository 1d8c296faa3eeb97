import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, expectSigned, poll, restart, run } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

describe('domains', () => {
	const parameters = { event: 'statusChanged', watch: 'domains' };

	test('new, DELETING and DELETED are each emitted once, across pages and restarts; only live domains are listed', async () => {
		for (let n = 0; n < 120; n++) sandbox.connectHealth.addDomain({ name: `Clinic ${n}` });
		let state: IDataObject = {};
		const first = await poll(sandbox, parameters, state);
		expect(first.emitted).toBe(false);
		for (const r of first.requests) expectSigned(r);
		// ACTIVE (two pages) and DELETING are listed; DELETED domains, however many, are not.
		expect(first.requests.map((r) => r.query)).toEqual(
			expect.arrayContaining([
				{ status: 'ACTIVE', maxResults: '100' },
				{ status: 'DELETING', maxResults: '100' },
				{ status: 'ACTIVE', maxResults: '100', nextToken: expect.any(String) },
			]),
		);
		expect(first.requests).toHaveLength(3);

		const added = sandbox.connectHealth.addDomain({ name: 'Brand New Clinic' });
		const created = await poll(sandbox, parameters, state);
		expect(created.items).toEqual([
			expect.objectContaining({
				resourceType: 'domain',
				domainId: added.domainId,
				status: 'ACTIVE',
			}),
		]);
		expect(created.items[0].previousStatus).toBeUndefined();

		await run(sandbox, { resource: 'domain', operation: 'delete', domain: byId(added.domainId) });
		state = restart(state);
		const deleting = await poll(sandbox, parameters, state);
		expect(deleting.items).toEqual([
			expect.objectContaining({
				domainId: added.domainId,
				status: 'DELETING',
				previousStatus: 'ACTIVE',
			}),
		]);
		expect((await poll(sandbox, parameters, state)).emitted).toBe(false);

		sandbox.clock.advance(10_000);
		const deleted = await poll(sandbox, parameters, state);
		expect(deleted.items).toEqual([
			expect.objectContaining({
				domainId: added.domainId,
				status: 'DELETED',
				previousStatus: 'DELETING',
			}),
		]);
		// The domain left the live lists: it was read once more, by ID.
		expect(deleted.requests.filter((r) => r.path === `/domain/${added.domainId}`)).toHaveLength(1);

		const quiet = await poll(sandbox, parameters, restart(state));
		expect(quiet.emitted).toBe(false);
		expect(quiet.requests.some((r) => r.path === `/domain/${added.domainId}`)).toBe(false);
	});

	test('manual mode returns the newest live domain', async () => {
		const { items } = await poll(sandbox, parameters, {}, 'manual');
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ resourceType: 'domain', status: 'ACTIVE' });
	});
});

describe('subscriptions', () => {
	const parameters = {
		event: 'statusChanged',
		watch: 'subscriptions',
		domain: byId(DEMO.domainId),
	};
	const key = { domain: byId(DEMO.domainId), subscription: byId(DEMO.subscriptionId) };

	test('each change (new, deactivated, activated) once, across pages and restarts, even within one millisecond', async () => {
		for (let n = 0; n < 110; n++) sandbox.connectHealth.addSubscription(DEMO.domainId);
		let state: IDataObject = {};
		const first = await poll(sandbox, parameters, state);
		expect(first.emitted).toBe(false);
		expect(first.requests.map((r) => [r.path, r.query.nextToken ? 'page 2' : 'page 1'])).toEqual([
			[`/domains/${DEMO.domainId}/subscriptions`, 'page 1'],
			[`/domains/${DEMO.domainId}/subscriptions`, 'page 2'],
		]);

		sandbox.clock.advance(1000);
		await run(sandbox, { resource: 'subscription', operation: 'deactivate', ...key });
		const created = await run(sandbox, {
			resource: 'subscription',
			operation: 'create',
			domain: byId(DEMO.domainId),
		});
		const changed = await poll(sandbox, parameters, state);
		expect(changed.items.map((i) => [i.subscriptionId, i.status])).toEqual(
			expect.arrayContaining([
				[DEMO.subscriptionId, 'INACTIVE'],
				[created.items[0].json.subscriptionId, 'ACTIVE'],
			]),
		);
		expect(changed.items).toHaveLength(2);
		expect(changed.items[0].resourceType).toBe('subscription');

		state = restart(state);
		expect((await poll(sandbox, parameters, state)).emitted).toBe(false);

		// Same sandbox millisecond as the deactivation: the status tells the two changes apart.
		await run(sandbox, { resource: 'subscription', operation: 'activate', ...key });
		const reactivated = await poll(sandbox, parameters, state);
		expect(reactivated.items.map((i) => [i.subscriptionId, i.status])).toEqual([
			[DEMO.subscriptionId, 'ACTIVE'],
		]);
		expect((await poll(sandbox, parameters, restart(state))).emitted).toBe(false);
	});
});
