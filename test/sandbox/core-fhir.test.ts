/** The FHIR R4 receiver used by the EHR hand-off examples. */
import type { Sandbox } from '../../sandbox';
import { rawRequest, sandbox } from './core-helpers';

const FHIR = { 'content-type': 'application/fhir+json' };

describe('FHIR R4 receiver', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox({ seed: false });
	});
	afterAll(() => sb.stop());

	const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
		rawRequest(`${sb.urls.fhir}${path}`, 'POST', { ...FHIR, ...headers }, JSON.stringify(body));
	/** A minimal US Core DocumentReference. */
	const usCoreDocument = (extra: Record<string, unknown> = {}) => ({
		resourceType: 'DocumentReference',
		status: 'current',
		type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
		category: [
			{
				coding: [
					{
						system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category',
						code: 'clinical-note',
					},
				],
			},
		],
		subject: { reference: 'Patient/p-1' },
		content: [{ attachment: { contentType: 'text/plain', data: 'IyBOb3Rl' } }],
		...extra,
	});
	const composition = {
		resourceType: 'Composition',
		status: 'final',
		type: { coding: [{ system: 'http://loinc.org', code: '11506-3' }] },
		date: '2026-11-22T10:00:00Z',
		author: [{ display: 'Dr A' }],
		title: 'Encounter note',
	};

	test('POST /fhir/<Type> stores the resource and answers 201 with id, meta and Location; GET reads it back', async () => {
		const created = await post('/DocumentReference', usCoreDocument());
		expect(created.status).toBe(201);
		expect(created.headers['content-type']).toBe('application/fhir+json');
		const id = created.json.id;
		expect(created.json.meta).toEqual({
			versionId: '1',
			lastUpdated: new Date(sb.clock.now()).toISOString(),
		});
		expect(created.headers.location).toBe(`/fhir/DocumentReference/${id}/_history/1`);
		const read = await rawRequest(`${sb.urls.fhir}/DocumentReference/${id}`, 'GET', {});
		expect(read.status).toBe(200);
		expect(read.json).toEqual(created.json);
		expect(sb.fhir.read('DocumentReference', id)?.status).toBe('current');
	});

	test('resourceType is validated against the body and the URL', async () => {
		const wrongType = await post('/DocumentReference', { resourceType: 'Composition' });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json).toMatchObject({
			resourceType: 'OperationOutcome',
			issue: [{ severity: 'error', code: 'invalid' }],
		});
		expect((await post('/DocumentReference', { status: 'current' })).status).toBe(400);
		expect((await post('/DocumentReference', ['not', 'a', 'resource'])).status).toBe(400);
		expect((await rawRequest(`${sb.urls.fhir}/Patient/unknown-id`, 'GET', {})).status).toBe(404);
	});

	test('PUT creates (201) then updates (200) with a new version; the id in the body must match', async () => {
		const first = await rawRequest(
			`${sb.urls.fhir}/Patient/test-patient-1`,
			'PUT',
			FHIR,
			JSON.stringify({ resourceType: 'Patient', id: 'test-patient-1', active: true }),
		);
		expect(first.status).toBe(201);
		const second = await rawRequest(
			`${sb.urls.fhir}/Patient/test-patient-1`,
			'PUT',
			FHIR,
			JSON.stringify({ resourceType: 'Patient', active: false }),
		);
		expect(second.status).toBe(200);
		expect(second.json.meta.versionId).toBe('2');
		const mismatch = await rawRequest(
			`${sb.urls.fhir}/Patient/test-patient-1`,
			'PUT',
			FHIR,
			JSON.stringify({ resourceType: 'Patient', id: 'other' }),
		);
		expect(mismatch.status).toBe(400);
	});

	test('a transaction Bundle stores every entry and rewrites urn:uuid references; one bad entry stores nothing', async () => {
		const bundle = {
			resourceType: 'Bundle',
			type: 'transaction',
			entry: [
				{
					fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111',
					resource: composition,
					request: { method: 'POST', url: 'Composition' },
				},
				{
					fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
					resource: usCoreDocument({
						context: { related: [{ reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' }] },
					}),
					request: { method: 'POST', url: 'DocumentReference' },
				},
			],
		};
		const reply = await post('', bundle);
		expect(reply.status).toBe(200);
		expect(reply.json.type).toBe('transaction-response');
		expect(reply.json.entry.map((e: any) => e.response.status)).toEqual([
			'201 Created',
			'201 Created',
		]);
		const compositionId = reply.json.entry[0].resource.id;
		const document = sb.fhir.read('DocumentReference', reply.json.entry[1].resource.id)!;
		expect((document.context as any).related[0].reference).toBe(`Composition/${compositionId}`);

		const before = sb.fhir.resources().length;
		const broken = await post('', {
			...bundle,
			entry: [
				bundle.entry[0],
				{ resource: { resourceType: 'Patient' }, request: { method: 'DELETE', url: 'Patient/1' } },
			],
		});
		expect(broken.status).toBe(400);
		expect(sb.fhir.resources()).toHaveLength(before);
	});

	test('rejects what an EHR would, with a 400 OperationOutcome naming each problem, and stores nothing', async () => {
		const before = sb.fhir.resources().length;
		const noSubject = await post(
			'/DocumentReference',
			usCoreDocument({ subject: undefined, category: undefined }),
		);
		expect(noSubject.status).toBe(400);
		expect(noSubject.json.resourceType).toBe('OperationOutcome');
		expect(noSubject.json.issue.map((i: any) => i.expression[0])).toEqual([
			'DocumentReference.subject',
			'DocumentReference.category',
		]);
		const extra = await post(
			'/DocumentReference',
			usCoreDocument({ note: 'not a DocumentReference element' }),
		);
		expect(extra.json.issue[0]).toMatchObject({
			severity: 'error',
			expression: ['DocumentReference.note'],
		});
		const badNarrative = await post('', {
			resourceType: 'Bundle',
			type: 'transaction',
			entry: [
				{
					resource: {
						...composition,
						section: [
							{
								title: 'Plan',
								text: {
									status: 'generated',
									div: '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>',
								},
							},
						],
					},
					request: { method: 'POST', url: 'Composition' },
				},
			],
		});
		expect(badNarrative.status).toBe(400);
		expect(badNarrative.json.issue[0].expression).toEqual([
			'Bundle.entry[0].resource.section[0].text.div',
		]);
		expect(sb.fhir.resources()).toHaveLength(before);
	});

	test('conditional create: ifNoneExist in a transaction and If-None-Exist on POST create nothing the second time', async () => {
		const identifier = {
			system: 'urn:ietf:rfc:3986',
			value: 'urn:uuid:33333333-3333-4333-8333-333333333333',
		};
		const condition = `identifier=${identifier.system}|${identifier.value}`;
		const bundle = {
			resourceType: 'Bundle',
			type: 'transaction',
			entry: [
				{
					fullUrl: identifier.value,
					resource: usCoreDocument({ identifier: [identifier] }),
					request: { method: 'POST', url: 'DocumentReference', ifNoneExist: condition },
				},
			],
		};
		const first = await post('', bundle);
		expect(first.json.entry[0].response.status).toBe('201 Created');
		const count = sb.fhir.resources('DocumentReference').length;
		const second = await post('', bundle);
		expect(second.status).toBe(200);
		expect(second.json.entry[0].response.status).toBe('200 OK');
		expect(second.json.entry[0].resource.id).toBe(first.json.entry[0].resource.id);
		const third = await post('/DocumentReference', usCoreDocument({ identifier: [identifier] }), {
			'if-none-exist': condition,
		});
		expect(third.status).toBe(200);
		expect(third.json.id).toBe(first.json.entry[0].resource.id);
		expect(sb.fhir.resources('DocumentReference')).toHaveLength(count);
		const search = await rawRequest(
			`${sb.urls.fhir}/DocumentReference?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`,
			'GET',
			{},
		);
		expect(search.json.total).toBe(1);
	});

	test('GET /fhir/<Type> lists as a searchset Bundle; /fhir/metadata answers a CapabilityStatement', async () => {
		const list = await rawRequest(`${sb.urls.fhir}/Patient`, 'GET', {});
		expect(list.json).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
		const metadata = await rawRequest(`${sb.urls.fhir}/metadata`, 'GET', {});
		expect(metadata.json).toMatchObject({
			resourceType: 'CapabilityStatement',
			fhirVersion: '4.0.1',
		});
	});
});
