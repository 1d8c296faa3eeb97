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

	const post = (path: string, body: unknown) => rawRequest(`${sb.urls.fhir}${path}`, 'POST', FHIR, JSON.stringify(body));

	test('POST /fhir/<Type> stores the resource and answers 201 with id, meta and Location; GET reads it back', async () => {
		const created = await post('/DocumentReference', { resourceType: 'DocumentReference', status: 'current', content: [{ attachment: { contentType: 'text/markdown', data: 'IyBOb3Rl' } }] });
		expect(created.status).toBe(201);
		expect(created.headers['content-type']).toBe('application/fhir+json');
		const id = created.json.id;
		expect(created.json.meta).toEqual({ versionId: '1', lastUpdated: new Date(sb.clock.now()).toISOString() });
		expect(created.headers.location).toBe(`/fhir/DocumentReference/${id}/_history/1`);
		const read = await rawRequest(`${sb.urls.fhir}/DocumentReference/${id}`, 'GET', {});
		expect(read.status).toBe(200);
		expect(read.json).toEqual(created.json);
		expect(sb.fhir.read('DocumentReference', id)?.status).toBe('current');
	});

	test('resourceType is validated against the body and the URL', async () => {
		const wrongType = await post('/DocumentReference', { resourceType: 'Composition' });
		expect(wrongType.status).toBe(400);
		expect(wrongType.json).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid' }] });
		expect((await post('/DocumentReference', { status: 'current' })).status).toBe(400);
		expect((await post('/DocumentReference', ['not', 'a', 'resource'])).status).toBe(400);
		expect((await rawRequest(`${sb.urls.fhir}/Patient/unknown-id`, 'GET', {})).status).toBe(404);
	});

	test('PUT creates (201) then updates (200) with a new version; the id in the body must match', async () => {
		const first = await rawRequest(`${sb.urls.fhir}/Patient/test-patient-1`, 'PUT', FHIR, JSON.stringify({ resourceType: 'Patient', id: 'test-patient-1', active: true }));
		expect(first.status).toBe(201);
		const second = await rawRequest(`${sb.urls.fhir}/Patient/test-patient-1`, 'PUT', FHIR, JSON.stringify({ resourceType: 'Patient', active: false }));
		expect(second.status).toBe(200);
		expect(second.json.meta.versionId).toBe('2');
		const mismatch = await rawRequest(`${sb.urls.fhir}/Patient/test-patient-1`, 'PUT', FHIR, JSON.stringify({ resourceType: 'Patient', id: 'other' }));
		expect(mismatch.status).toBe(400);
	});

	test('a transaction Bundle stores every entry and rewrites urn:uuid references; one bad entry stores nothing', async () => {
		const bundle = {
			resourceType: 'Bundle',
			type: 'transaction',
			entry: [
				{ fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111', resource: { resourceType: 'Composition', status: 'final', title: 'Encounter note' }, request: { method: 'POST', url: 'Composition' } },
				{
					fullUrl: 'urn:uuid:22222222-2222-4222-8222-222222222222',
					resource: { resourceType: 'DocumentReference', status: 'current', context: { related: [{ reference: 'urn:uuid:11111111-1111-4111-8111-111111111111' }] } },
					request: { method: 'POST', url: 'DocumentReference' },
				},
			],
		};
		const reply = await post('', bundle);
		expect(reply.status).toBe(200);
		expect(reply.json.type).toBe('transaction-response');
		expect(reply.json.entry.map((e: any) => e.response.status)).toEqual(['201 Created', '201 Created']);
		const compositionId = reply.json.entry[0].resource.id;
		const document = sb.fhir.read('DocumentReference', reply.json.entry[1].resource.id)!;
		expect((document.context as any).related[0].reference).toBe(`Composition/${compositionId}`);

		const before = sb.fhir.resources().length;
		const broken = await post('', { ...bundle, entry: [bundle.entry[0], { resource: { resourceType: 'Patient' }, request: { method: 'DELETE', url: 'Patient/1' } }] });
		expect(broken.status).toBe(400);
		expect(sb.fhir.resources()).toHaveLength(before);
	});

	test('GET /fhir/<Type> lists as a searchset Bundle; /fhir/metadata answers a CapabilityStatement', async () => {
		const list = await rawRequest(`${sb.urls.fhir}/Patient`, 'GET', {});
		expect(list.json).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
		const metadata = await rawRequest(`${sb.urls.fhir}/metadata`, 'GET', {});
		expect(metadata.json).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
	});
});
