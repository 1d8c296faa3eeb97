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
// The demo domain counts: two more fit, the third new one exceeds the quota.
beforeAll(
	async () =>
		(sandbox = await connectHealthSandbox({
			connectHealth: { quotas: { maxDomains: 3, defaultMaxResults: 2 } },
		})),
);
afterAll(async () => await sandbox.stop());

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KMS = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('CreateDomain', () => {
	test('POST /domain with name, KMS key, web app set-up and tags; 201 → the domain', async () => {
		const { items, error, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'create',
			name: 'North Clinic',
			additionalFields: {
				kmsKeyArn: KMS,
				tags: {
					tag: [
						{ key: 'site', value: 'north' },
						{ key: 'tier', value: '' },
					],
				},
				webAppSetup: {
					values: {
						ehrRole: 'arn:aws:iam::111122223333:role/EhrAccess',
						idcInstanceId: 'ssoins-0123456789abcdef',
						idcRegion: 'us-east-1',
					},
				},
			},
		});
		expect(error).toBeUndefined();
		expect(requests).toHaveLength(1);
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'POST',
			path: '/domain',
			query: {},
			body: {
				name: 'North Clinic',
				kmsKeyArn: KMS,
				webAppSetupConfiguration: {
					ehrRole: 'arn:aws:iam::111122223333:role/EhrAccess',
					idcInstanceId: 'ssoins-0123456789abcdef',
					idcRegion: 'us-east-1',
				},
				tags: { site: 'north', tier: '' },
			},
		});
		expect(requests[0].headers['content-type']).toBe('application/json');
		expect(requests[0].status).toBe(201);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			domainId: expect.stringMatching(/^dom-[a-z0-9]{20}$/),
			name: 'North Clinic',
			status: 'ACTIVE',
			createdAt: expect.stringMatching(ISO),
			kmsKeyArn: KMS,
			encryptionContext: { encryptionType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: KMS },
			webAppConfiguration: {
				ehrRole: 'arn:aws:iam::111122223333:role/EhrAccess',
				idcRegion: 'us-east-1',
				idcApplicationId: expect.any(String),
			},
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	test('only the name when nothing else is set (absent members are omitted)', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'create',
			name: 'South Clinic',
			additionalFields: {},
		});
		expect(requests[0].body).toEqual({ name: 'South Clinic' });
		expect(items[0].json.encryptionContext).toEqual({ encryptionType: 'AWS_OWNED_KEY' });
	});

	test('ServiceQuotaExceededException (402) is reported, not retried', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'create',
			name: 'One Too Many',
			additionalFields: {},
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].status).toBe(402);
		expect(error?.message).toMatch(
			/^CreateDomain failed \(HTTP 402\): ServiceQuotaExceededException – /,
		);
		expect(error?.description).toBe(`Request ID: ${requests[0].requestId}`);
	});
});

describe('GetDomain', () => {
	test('GET /domain/{domainId} by ID, by ARN and from the list', async () => {
		const arn = `arn:aws:health-agent:us-east-1:${sandbox.credentials.aws.accountId}:domain/${DEMO.domainId}`;
		for (const locator of [byId(DEMO.domainId), byArn(arn), fromList(DEMO.domainId)]) {
			const { items, requests } = await run(sandbox, {
				resource: 'domain',
				operation: 'get',
				domain: locator,
			});
			expectSigned(requests[0]);
			expect(wire(requests[0])).toEqual({
				method: 'GET',
				path: `/domain/${DEMO.domainId}`,
				query: {},
				body: undefined,
			});
			expect(requests[0].headers['content-type']).toBeUndefined();
			expect(items[0].json).toMatchObject({
				domainId: DEMO.domainId,
				arn,
				name: DEMO.domainName,
				status: 'ACTIVE',
				tags: { environment: 'sandbox', data: 'synthetic' },
			});
		}
	});

	test('ResourceNotFoundException (404)', async () => {
		const { items, requests } = await run(
			sandbox,
			{ resource: 'domain', operation: 'get', domain: byId('dom-doesnotexist0000000') },
			{ continueOnFail: true },
		);
		expect(requests.map((r) => [r.status, r.errorType])).toEqual([
			[404, 'ResourceNotFoundException'],
		]);
		expect(items[0].json.error).toMatch(
			/^GetDomain failed \(HTTP 404\): ResourceNotFoundException – /,
		);
		expect(items[0].json.httpCode).toBe('404');
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});
});

describe('ListDomains', () => {
	test('Return All pages through nextToken (maxResults 100) with the status filter', async () => {
		// 100 more domains (seeded past the quota) make the ACTIVE listing two pages long.
		for (let n = 0; n < 100; n++)
			sandbox.connectHealth.addDomain({ name: `Seeded ${String(n).padStart(3, '0')}` });
		const { items, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'ACTIVE' },
		});
		expect(requests).toHaveLength(2);
		for (const r of requests) expectSigned(r);
		expect(wire(requests[0])).toEqual({
			method: 'GET',
			path: '/domain',
			query: { status: 'ACTIVE', maxResults: '100' },
			body: undefined,
		});
		expect(requests[1].query).toEqual({
			status: 'ACTIVE',
			maxResults: '100',
			nextToken: expect.any(String),
		});
		expect(items).toHaveLength(103);
		expect(new Set(items.map((i) => i.json.domainId)).size).toBe(103);
		expect(items.map((i) => i.json.name)).toEqual(
			expect.arrayContaining([
				'Sandbox Clinic (synthetic)',
				'North Clinic',
				'South Clinic',
				'Seeded 099',
			]),
		);
		expect(items.find((i) => i.json.domainId === DEMO.domainId)!.json).toEqual({
			domainId: DEMO.domainId,
			arn: expect.any(String),
			name: DEMO.domainName,
			status: 'ACTIVE',
			createdAt: expect.stringMatching(ISO),
		});
		expect(items.map((i) => i.pairedItem)).toEqual(Array(103).fill({ item: 0 }));
	});

	test('Limit across pages asks only for what is still missing', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'getAll',
			returnAll: false,
			limit: 102,
			filters: {},
		});
		expect(requests.map((r) => r.query.maxResults)).toEqual(['100', '2']);
		expect(items).toHaveLength(102);
	});

	test('Limit asks for no more than it needs and stops', async () => {
		const { items, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: {},
		});
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toEqual({ maxResults: '1' });
		expect(items).toHaveLength(1);
	});

	test('ThrottlingException (429) is retried and reported when it persists', async () => {
		sandbox.faults.failNext({ kind: 'throttle', count: 5, service: 'connectHealth' });
		const { error, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(requests.map((r) => r.errorType)).toEqual(Array(5).fill('ThrottlingException'));
		expect(error?.message).toMatch(/^ListDomains failed \(HTTP 429\): ThrottlingException/);
	});
});

describe('DeleteDomain', () => {
	test('DELETE /domain/{domainId} → DELETING', async () => {
		const created = await run(sandbox, {
			resource: 'domain',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'ACTIVE' },
		});
		const south = created.items.find((i) => i.json.name === 'South Clinic')!.json;
		const { items, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'delete',
			domain: byId(String(south.domainId)),
		});
		expectSigned(requests[0]);
		expect(wire(requests[0])).toEqual({
			method: 'DELETE',
			path: `/domain/${south.domainId}`,
			query: {},
			body: undefined,
		});
		expect(items[0].json).toEqual({ domainId: south.domainId, arn: south.arn, status: 'DELETING' });
	});

	test('ResourceNotFoundException (404)', async () => {
		const { error, requests } = await run(sandbox, {
			resource: 'domain',
			operation: 'delete',
			domain: byId('dom-doesnotexist0000000'),
		});
		expect(requests.map((r) => [r.method, r.status, r.errorType])).toEqual([
			['DELETE', 404, 'ResourceNotFoundException'],
		]);
		expect(error?.message).toMatch(/^DeleteDomain failed \(HTTP 404\): ResourceNotFoundException/);
	});
});
