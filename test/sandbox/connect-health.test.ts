import { ACCOUNT, REGION, encodeArn, harness, type Harness } from './connect-health.helpers';

const DOMAIN_ID = /^(hai-|dom-)[a-z0-9]+$/;
const SUBSCRIPTION_ID = /^sub-[a-zA-Z0-9]{21}$/;
const SUBSCRIPTION_ARN =
	/^arn:aws:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/(hai-|dom-)[a-z0-9]+\/subscription\/sub-[a-zA-Z0-9]{21}$/;

async function newDomain(
	h: Harness,
	name = 'Clinic A',
	extra: Record<string, unknown> = {},
): Promise<any> {
	const res = await h.call('POST', '/domain', { body: { name, ...extra } });
	expect(res.status).toBe(201);
	return res.body;
}

describe('Connect Health emulator: domains', () => {
	it('creates a domain (201) with the documented members and epoch-second timestamps', async () => {
		const h = harness();
		const res = await h.call('POST', '/domain', {
			body: { name: 'Northside Clinic', tags: { team: 'ops' } },
		});
		expect(res.status).toBe(201);
		expect(res.body.domainId).toMatch(DOMAIN_ID);
		expect(res.body.domainId.length).toBeGreaterThanOrEqual(20);
		expect(res.body.domainId.length).toBeLessThanOrEqual(25);
		expect(res.body.arn).toBe(
			`arn:aws:health-agent:${REGION}:${ACCOUNT}:domain/${res.body.domainId}`,
		);
		expect(res.body).toMatchObject({
			name: 'Northside Clinic',
			status: 'ACTIVE',
			encryptionContext: { encryptionType: 'AWS_OWNED_KEY' },
		});
		expect(res.body.createdAt).toBe(h.clock.now() / 1000);
		expect(res.body.tags).toBeUndefined();
		expect(res.body.webAppUrl).toBeUndefined();
	});

	it('reports a customer-managed key and the web app configuration when given', async () => {
		const h = harness();
		const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
		const body = await newDomain(h, 'Keyed', {
			kmsKeyArn,
			webAppSetupConfiguration: {
				ehrRole: 'arn:aws:iam::111122223333:role/EhrAccess',
				idcInstanceId: 'ssoins-1234',
				idcRegion: 'us-east-1',
			},
		});
		expect(body.kmsKeyArn).toBe(kmsKeyArn);
		expect(body.encryptionContext).toEqual({ encryptionType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn });
		expect(body.webAppConfiguration).toMatchObject({
			ehrRole: 'arn:aws:iam::111122223333:role/EhrAccess',
			idcRegion: 'us-east-1',
		});
		expect(body.webAppConfiguration.idcApplicationId).toEqual(expect.any(String));
		expect(body.webAppUrl).toMatch(/^https:\/\//);
	});

	it('gets a domain with its tags; unknown → 404 ResourceNotFoundException; malformed id → 400', async () => {
		const h = harness();
		const created = await newDomain(h, 'Tagged', { tags: { cost: 'clinic-a' } });
		const got = await h.call('GET', `/domain/${created.domainId}`);
		expect(got.status).toBe(200);
		expect(got.body).toMatchObject({
			domainId: created.domainId,
			arn: created.arn,
			name: 'Tagged',
			status: 'ACTIVE',
			tags: { cost: 'clinic-a' },
		});

		const missing = await h.call('GET', '/domain/dom-aaaaaaaaaaaaaaaaaaaa');
		expect(missing.status).toBe(404);
		expect(missing.errorType).toBe('ResourceNotFoundException');
		expect(missing.body.message).toContain('dom-aaaaaaaaaaaaaaaaaaaa');

		const bad = await h.call('GET', '/domain/DOM-UPPER-CASE-0000000');
		expect(bad.status).toBe(400);
		expect(bad.errorType).toBe('ValidationException');
		expect(bad.body.message).toBe(
			"1 validation error detected: Value 'DOM-UPPER-CASE-0000000' at 'domainId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(hai-|dom-)[a-z0-9]+$",
		);
	});

	it('validates CreateDomain input: required, lengths, patterns, nested required members, tag limits', async () => {
		const h = harness();
		const missing = await h.call('POST', '/domain', { body: {} });
		expect(missing.status).toBe(400);
		expect(missing.body.message).toBe(
			"1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
		);

		const many = await h.call('POST', '/domain', {
			body: {
				name: 'x'.repeat(65),
				kmsKeyArn: 'arn:aws:kms:us-east-1:1234:key/abc',
				webAppSetupConfiguration: {
					ehrRole: 'arn:aws:iam::111122223333:user/bob',
					idcInstanceId: 'ssoins-1',
				},
				tags: { ['k'.repeat(129)]: 'v', ok: 'v'.repeat(257) },
			},
		});
		expect(many.status).toBe(400);
		expect(many.errorType).toBe('ValidationException');
		const msg: string = many.body.message;
		expect(msg).toMatch(/^6 validation errors detected: /);
		expect(msg).toContain(
			"at 'name' failed to satisfy constraint: Member must have length less than or equal to 64",
		);
		expect(msg).toContain(
			"at 'kmsKeyArn' failed to satisfy constraint: Member must satisfy regular expression pattern",
		);
		expect(msg).toContain(
			"at 'webAppSetupConfiguration.ehrRole' failed to satisfy constraint: Member must satisfy regular expression pattern: ^arn:aws:iam::[0-9]{12}:role/.+$",
		);
		expect(msg).toContain(
			"Value null at 'webAppSetupConfiguration.idcRegion' failed to satisfy constraint: Member must not be null",
		);
		expect(msg).toContain('Member must have length less than or equal to 128');
		expect(msg).toContain(
			"at 'tags.ok' failed to satisfy constraint: Member must have length less than or equal to 256",
		);
	});

	it('answers SerializationException for malformed JSON and wrong member types', async () => {
		const h = harness();
		const malformed = await h.call('POST', '/domain', { rawBody: '{"name": ' });
		expect(malformed.status).toBe(400);
		expect(malformed.errorType).toBe('SerializationException');
		const wrongType = await h.call('POST', '/domain', { body: { name: 42 } });
		expect(wrongType.status).toBe(400);
		expect(wrongType.errorType).toBe('SerializationException');
		expect(wrongType.body.message).toContain("'name'");
	});

	it('treats a CreateDomain retry (same name and settings) as the same domain; different settings → 409', async () => {
		const h = harness();
		const first = await newDomain(h, 'Retry Clinic', { tags: { a: '1' } });
		const again = await h.call('POST', '/domain', {
			body: { name: 'Retry Clinic', tags: { a: '1' } },
		});
		expect(again.status).toBe(201);
		expect(again.body.domainId).toBe(first.domainId);
		const clash = await h.call('POST', '/domain', {
			body: { name: 'Retry Clinic', tags: { a: '2' } },
		});
		expect(clash.status).toBe(409);
		expect(clash.errorType).toBe('ConflictException');
	});

	it('enforces the domain quota with 402 ServiceQuotaExceededException', async () => {
		const h = harness({ quotas: { maxDomains: 2 } });
		await newDomain(h, 'one');
		await newDomain(h, 'two');
		const third = await h.call('POST', '/domain', { body: { name: 'three' } });
		expect(third.status).toBe(402);
		expect(third.errorType).toBe('ServiceQuotaExceededException');
	});

	it('lists domains in creation order, page by page, without gaps or repeats', async () => {
		const h = harness();
		const ids: string[] = [];
		for (let i = 0; i < 5; i++) {
			ids.push((await newDomain(h, `clinic-${i}`)).domainId);
			h.clock.advance(1);
		}
		const seen: string[] = [];
		let token: string | undefined;
		let pages = 0;
		do {
			const res = await h.call(
				'GET',
				`/domain?maxResults=2${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
			);
			expect(res.status).toBe(200);
			expect(res.body.domains.length).toBeLessThanOrEqual(2);
			for (const d of res.body.domains) {
				expect(Object.keys(d).sort()).toEqual(['arn', 'createdAt', 'domainId', 'name', 'status']);
				seen.push(d.domainId);
			}
			token = res.body.nextToken;
			pages++;
			// A domain created mid-listing shows up at the end, exactly once.
			if (pages === 1) ids.push((await newDomain(h, 'late-comer')).domainId);
		} while (token);
		expect(pages).toBe(3);
		expect(seen).toEqual(ids);
	});

	it('uses a default page size of 10 and checks maxResults, status and nextToken', async () => {
		const h = harness();
		for (let i = 0; i < 12; i++) await newDomain(h, `d${i}`);
		const first = await h.call('GET', '/domain');
		expect(first.body.domains).toHaveLength(10);
		expect(first.body.nextToken).toEqual(expect.any(String));
		const rest = await h.call(
			'GET',
			`/domain?nextToken=${encodeURIComponent(first.body.nextToken)}`,
		);
		expect(rest.body.domains).toHaveLength(2);
		expect(rest.body.nextToken).toBeUndefined();

		const zero = await h.call('GET', '/domain?maxResults=0');
		expect(zero.status).toBe(400);
		expect(zero.body.message).toContain(
			"Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
		);
		expect((await h.call('GET', '/domain?maxResults=101')).errorType).toBe('ValidationException');
		expect((await h.call('GET', '/domain?maxResults=ten')).errorType).toBe(
			'SerializationException',
		);
		const status = await h.call('GET', '/domain?status=RUNNING');
		expect(status.status).toBe(400);
		expect(status.body.message).toContain(
			'Member must satisfy enum value set: [ACTIVE, DELETING, DELETED]',
		);
		expect((await h.call('GET', '/domain?nextToken=not-a-token')).errorType).toBe(
			'ValidationException',
		);
		// A token belongs to the listing (filters) it came from.
		const crossed = await h.call(
			'GET',
			`/domain?status=ACTIVE&nextToken=${encodeURIComponent(first.body.nextToken)}`,
		);
		expect(crossed.status).toBe(400);
	});

	it('deletes a domain: DELETING at once, DELETED after the deletion time, subscriptions and tags with it', async () => {
		const h = harness({ timings: { domainDeletionMs: 5000 } });
		const domain = await newDomain(h, 'Closing', { tags: { a: 'b' } });
		const sub = (await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).body;
		const del = await h.call('DELETE', `/domain/${domain.domainId}`);
		expect(del.status).toBe(200);
		expect(del.body).toEqual({ domainId: domain.domainId, arn: domain.arn, status: 'DELETING' });
		expect((await h.call('DELETE', `/domain/${domain.domainId}`)).body.status).toBe('DELETING');
		expect((await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).status).toBe(404);

		h.clock.advance(4999);
		expect((await h.call('GET', `/domain/${domain.domainId}`)).body.status).toBe('DELETING');
		h.clock.advance(1);
		expect((await h.call('GET', `/domain/${domain.domainId}`)).body.status).toBe('DELETED');
		const deleted = await h.call('GET', '/domain?status=DELETED');
		expect(deleted.body.domains.map((d: any) => d.domainId)).toEqual([domain.domainId]);
		expect((await h.call('GET', '/domain?status=ACTIVE')).body.domains).toEqual([]);
		const subAfter = await h.call(
			'GET',
			`/domains/${domain.domainId}/subscriptions/${sub.subscriptionId}`,
		);
		expect(subAfter.body.subscription).toMatchObject({
			status: 'DELETED',
			lastUpdatedAt: h.clock.now() / 1000,
		});
		expect((await h.call('GET', `/tags/${encodeArn(domain.arn)}`)).status).toBe(404);
		expect((await h.call('DELETE', `/domain/${domain.domainId}`)).body.status).toBe('DELETED');
		expect((await h.call('DELETE', '/domain/dom-bbbbbbbbbbbbbbbbbbbb')).errorType).toBe(
			'ResourceNotFoundException',
		);
	});
});

describe('Connect Health emulator: subscriptions', () => {
	it('creates a subscription (201) with a flat description, ACTIVE', async () => {
		const h = harness();
		const domain = await newDomain(h);
		const res = await h.call('POST', `/domains/${domain.domainId}/subscriptions`);
		expect(res.status).toBe(201);
		expect(res.body.subscription).toBeUndefined();
		expect(res.body.subscriptionId).toMatch(SUBSCRIPTION_ID);
		expect(res.body.arn).toMatch(SUBSCRIPTION_ARN);
		expect(res.body.arn).toBe(`${domain.arn}/subscription/${res.body.subscriptionId}`);
		const now = h.clock.now() / 1000;
		expect(res.body).toMatchObject({
			domainId: domain.domainId,
			status: 'ACTIVE',
			createdAt: now,
			lastUpdatedAt: now,
			activatedAt: now,
		});
		expect(res.body.deactivatedAt).toBeUndefined();
	});

	it('deactivates and activates (wrapped in `subscription`); repeating a transition changes nothing', async () => {
		const h = harness();
		const domain = await newDomain(h);
		const sub = (await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).body;
		const base = `/domains/${domain.domainId}/subscriptions/${sub.subscriptionId}`;
		h.clock.advance(1500);
		const off = await h.call('POST', `${base}/deactivate`);
		expect(off.status).toBe(200);
		expect(off.body.subscription).toMatchObject({
			status: 'INACTIVE',
			deactivatedAt: h.clock.now() / 1000,
			lastUpdatedAt: h.clock.now() / 1000,
		});
		h.clock.advance(1000);
		const offAgain = await h.call('POST', `${base}/deactivate`);
		expect(offAgain.body.subscription).toEqual(off.body.subscription);
		const on = await h.call('POST', `${base}/activate`);
		expect(on.body.subscription).toMatchObject({
			status: 'ACTIVE',
			activatedAt: h.clock.now() / 1000,
			deactivatedAt: off.body.subscription.deactivatedAt,
		});
		const got = await h.call('GET', base);
		expect(got.status).toBe(200);
		expect(got.body.subscription).toEqual(on.body.subscription);
	});

	it('answers ResourceNotFound for unknown domains and subscriptions, ValidationException for malformed ids', async () => {
		const h = harness();
		const domain = await newDomain(h, 'one');
		const other = await newDomain(h, 'two');
		const sub = (await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).body;
		expect(
			(await h.call('POST', '/domains/dom-cccccccccccccccccccc/subscriptions')).errorType,
		).toBe('ResourceNotFoundException');
		expect(
			(await h.call('GET', `/domains/${other.domainId}/subscriptions/${sub.subscriptionId}`))
				.status,
		).toBe(404);
		expect(
			(
				await h.call(
					'POST',
					`/domains/${domain.domainId}/subscriptions/sub-000000000000000000000/activate`,
				)
			).status,
		).toBe(404);
		const bad = await h.call('GET', `/domains/${domain.domainId}/subscriptions/sub-short`);
		expect(bad.status).toBe(400);
		expect(bad.body.message).toMatch(/^2 validation errors detected: /);
		expect(bad.body.message).toContain(
			"at 'subscriptionId' failed to satisfy constraint: Member must have length greater than or equal to 25",
		);
	});

	it('lists subscriptions with pagination and enforces the per-domain quota', async () => {
		const h = harness({ quotas: { maxSubscriptionsPerDomain: 3 } });
		const domain = await newDomain(h);
		const ids: string[] = [];
		for (let i = 0; i < 3; i++) {
			ids.push(
				(await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).body.subscriptionId,
			);
			h.clock.advance(10);
		}
		const over = await h.call('POST', `/domains/${domain.domainId}/subscriptions`);
		expect(over.status).toBe(402);
		expect(over.errorType).toBe('ServiceQuotaExceededException');

		const page1 = await h.call('GET', `/domains/${domain.domainId}/subscriptions?maxResults=2`);
		expect(page1.status).toBe(200);
		expect(page1.body.subscriptions.map((s: any) => s.subscriptionId)).toEqual(ids.slice(0, 2));
		const page2 = await h.call(
			'GET',
			`/domains/${domain.domainId}/subscriptions?maxResults=2&nextToken=${encodeURIComponent(page1.body.nextToken)}`,
		);
		expect(page2.body).toEqual({
			subscriptions: [expect.objectContaining({ subscriptionId: ids[2] })],
		});
		expect((await h.call('GET', '/domains/dom-dddddddddddddddddddd/subscriptions')).status).toBe(
			404,
		);
		expect(
			(await h.call('GET', `/domains/${domain.domainId}/subscriptions?maxResults=500`)).errorType,
		).toBe('ValidationException');
	});
});

describe('Connect Health emulator: tags', () => {
	it('lists, adds and removes tags on a domain ARN (percent-encoded label); 204 with no body', async () => {
		const h = harness();
		const domain = await newDomain(h, 'Tags', { tags: { env: 'test' } });
		const path = `/tags/${encodeArn(domain.arn)}`;
		expect(path).not.toContain(':');
		expect((await h.call('GET', path)).body).toEqual({ tags: { env: 'test' } });

		const tag = await h.call('POST', path, { body: { tags: { owner: 'ops', env: 'sandbox' } } });
		expect(tag.status).toBe(204);
		expect(tag.body).toBeUndefined();
		expect((await h.call('GET', path)).body).toEqual({ tags: { env: 'sandbox', owner: 'ops' } });

		const untag = await h.call('DELETE', `${path}?tagKeys=env&tagKeys=missing`);
		expect(untag.status).toBe(204);
		expect((await h.call('GET', path)).body).toEqual({ tags: { owner: 'ops' } });
		expect((await h.call('GET', `/domain/${domain.domainId}`)).body.tags).toEqual({ owner: 'ops' });
	});

	it('tags subscriptions too, and answers 404 for ARNs it does not know', async () => {
		const h = harness();
		const domain = await newDomain(h);
		const sub = (await h.call('POST', `/domains/${domain.domainId}/subscriptions`)).body;
		const path = `/tags/${encodeArn(sub.arn)}`;
		expect((await h.call('GET', path)).body).toEqual({ tags: {} });
		expect((await h.call('POST', path, { body: { tags: { seat: 'dr-1' } } })).status).toBe(204);
		expect((await h.call('GET', path)).body).toEqual({ tags: { seat: 'dr-1' } });

		const unknown = `/tags/${encodeArn(`arn:aws:health-agent:${REGION}:${ACCOUNT}:domain/dom-eeeeeeeeeeeeeeeeeeee`)}`;
		for (const [method, opts] of [
			['GET', {}],
			['POST', { body: { tags: { a: 'b' } } }],
		] as const) {
			const res = await h.call(method, unknown, opts);
			expect(res.status).toBe(404);
			expect(res.errorType).toBe('ResourceNotFoundException');
		}
		expect((await h.call('DELETE', `${unknown}?tagKeys=a`)).status).toBe(404);
	});

	it('validates tag input', async () => {
		const h = harness();
		const domain = await newDomain(h);
		const path = `/tags/${encodeArn(domain.arn)}`;
		const noTags = await h.call('POST', path, { body: {} });
		expect(noTags.status).toBe(400);
		expect(noTags.body.message).toContain(
			"Value null at 'tags' failed to satisfy constraint: Member must not be null",
		);
		expect((await h.call('POST', path, { body: { tags: { k: 'v'.repeat(257) } } })).errorType).toBe(
			'ValidationException',
		);
		const noKeys = await h.call('DELETE', path);
		expect(noKeys.status).toBe(400);
		expect(noKeys.body.message).toContain("Value null at 'tagKeys'");
		const tooMany = Array.from({ length: 51 }, (_, i) => `tagKeys=k${i}`).join('&');
		const many = await h.call('DELETE', `${path}?${tooMany}`);
		expect(many.status).toBe(400);
		expect(many.body.message).toContain(
			"at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50",
		);
	});
});

describe('Connect Health emulator: routing', () => {
	it('answers UnknownOperationException for paths and methods outside the model', async () => {
		const h = harness();
		for (const [method, path] of [
			['GET', '/domains'],
			['PUT', '/domain'],
			['GET', '/medical-scribe-stream/'],
			['POST', '/medical-scribe-stream'],
		]) {
			const res = await h.call(method, path);
			expect(res.status).toBe(404);
			expect(res.errorType).toBe('UnknownOperationException');
		}
	});

	it('routes by host prefix: runtime./streaming. hosts reach only their operations, a bare host reaches all', async () => {
		const h = harness();
		const domain = await newDomain(h);
		const onRuntime = await h.call('GET', `/domain/${domain.domainId}`, {
			headers: { host: `runtime.health-agent.${REGION}.api.aws` },
		});
		expect(onRuntime.status).toBe(404);
		expect(onRuntime.errorType).toBe('UnknownOperationException');
		const job = await h.call('GET', `/domain/${domain.domainId}/patient-insights-job/nope`, {
			headers: { host: `runtime.health-agent.${REGION}.api.aws` },
		});
		expect(job.errorType).toBe('ResourceNotFoundException');
		const wrongPrefix = await h.call(
			'GET',
			`/domain/${domain.domainId}/patient-insights-job/nope`,
			{ headers: { host: `streaming.health-agent.${REGION}.api.aws` } },
		);
		expect(wrongPrefix.errorType).toBe('UnknownOperationException');
		const bare = await h.call('GET', `/domain/${domain.domainId}/patient-insights-job/nope`, {
			headers: { host: '127.0.0.1:4599' },
		});
		expect(bare.errorType).toBe('ResourceNotFoundException');
	});

	it('checks the StartMedicalScribeListeningSession headers, then refuses the stream as not emulated yet', async () => {
		const h = harness();
		const missing = await h.call('POST', '/medical-scribe-stream/', {
			headers: { host: `streaming.health-agent.${REGION}.api.aws` },
		});
		expect(missing.status).toBe(400);
		expect(missing.body.message).toMatch(/^6 validation errors detected: /);
		const headers = {
			host: `streaming.health-agent.${REGION}.api.aws`,
			'content-type': 'application/vnd.amazon.eventstream',
			'x-amzn-medscribe-session-id': '0d5f3a2c-8e1b-4c7d-9a6f-3b2e1d0c9f55',
			'x-amzn-medscribe-domain-id': 'dom-ffffffffffffffffffff',
			'x-amzn-medscribe-subscription-id': 'sub-AAAAAAAAAAAAAAAAAAAAA',
			'x-amzn-medscribe-language-code': 'en-US',
			'x-amzn-medscribe-sample-rate': '4000',
			'x-amzn-medscribe-media-encoding': 'pcm',
		};
		const lowRate = await h.call('POST', '/medical-scribe-stream/', { headers });
		expect(lowRate.body.message).toContain(
			"Value '4000' at 'mediaSampleRateHertz' failed to satisfy constraint: Member must have value greater than or equal to 8000",
		);
		const valid = await h.call('POST', '/medical-scribe-stream/', {
			headers: { ...headers, 'x-amzn-medscribe-sample-rate': '16000' },
		});
		// Over HTTP/1.1 the event stream cannot run: it is served over HTTP/2 (streaming.ts).
		expect(valid.status).toBe(505);
		expect(valid.errorType).toBe('HttpVersionNotSupported');
		expect(valid.body.message).toContain('requires HTTP/2');
	});
});
