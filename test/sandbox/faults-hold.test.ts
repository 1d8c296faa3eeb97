/** The `hold` fault: one chosen request waits, unhandled, until released or until its client goes away. */
import http from 'node:http';
import type { Sandbox } from '../../sandbox';
import { validateFaultConfig } from '../../sandbox/core/faults';
import { admin, rawRequest, sandbox } from './core-helpers';

const FHIR = { 'content-type': 'application/fhir+json' };
const note = (id: string) =>
	JSON.stringify({
		resourceType: 'DocumentReference',
		status: 'current',
		identifier: [{ system: 'urn:example:note', value: id }],
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
		subject: { reference: 'Patient/p1' },
		date: '2026-01-01T00:00:00Z',
		content: [{ attachment: { contentType: 'text/plain', data: 'dGV4dA==' } }],
	});

/** Waits (polling, no fixed delay) until `probe` holds. */
async function until(probe: () => boolean): Promise<void> {
	while (!probe()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const stored = (sb: Sandbox, id: string) =>
	sb.fhir.resources('DocumentReference').filter((r) => JSON.stringify(r.identifier).includes(id));

describe('hold: a chosen request waits until released or dropped', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox({ seed: false });
	});
	afterAll(() => sb.stop());

	test('only the request whose body names the id is held; released, it is handled and answered as usual', async () => {
		sb.faults.failNext({
			kind: 'hold',
			service: 'fhir',
			match: { method: 'POST', bodyIncludes: 'note-b' },
		});
		const held = rawRequest(`${sb.urls.fhir}/DocumentReference`, 'POST', FHIR, note('note-b'));
		await until(() => sb.faults.held().length === 1);
		const other = await rawRequest(
			`${sb.urls.fhir}/DocumentReference`,
			'POST',
			FHIR,
			note('note-a'),
		);
		expect(other.status).toBe(201);
		expect(sb.faults.held()).toEqual([
			{ service: 'fhir', method: 'POST', path: '/fhir/DocumentReference' },
		]);
		expect(stored(sb, 'note-b')).toHaveLength(0);
		expect(sb.faults.release()).toBe(1);
		expect((await held).status).toBe(201);
		expect(stored(sb, 'note-b')).toHaveLength(1);
		expect(sb.faults.held()).toEqual([]);
		expect(sb.log.entries({ service: 'fhir' }).map((e) => [e.status, e.fault ?? 'none'])).toEqual([
			[201, 'none'],
			[201, 'hold'],
		]);
	});

	test('a held request whose client goes away is dropped: never handled, logged with status 0', async () => {
		sb.log.clear();
		sb.faults.failNext({ kind: 'hold', match: { bodyIncludes: 'note-c' } });
		const url = new URL(`${sb.urls.fhir}/DocumentReference`);
		const client = http.request({
			host: url.hostname,
			port: url.port,
			method: 'POST',
			path: url.pathname,
			headers: FHIR,
		});
		const gone = new Promise((resolve) => client.on('error', resolve).on('close', resolve));
		client.end(note('note-c'));
		await until(() => sb.faults.held().length === 1);
		client.destroy();
		await gone;
		await until(() => sb.log.entries({ service: 'fhir' }).length === 1);
		expect(sb.log.entries({ service: 'fhir' })[0]).toMatchObject({ status: 0, fault: 'hold' });
		expect(sb.faults.held()).toEqual([]);
		expect(sb.faults.release()).toBe(0);
		expect(stored(sb, 'note-c')).toHaveLength(0);
	});

	test('admin endpoints list and release held requests; a hold cannot be a random fault', async () => {
		await admin(sb.urls.fhir, 'POST', 'faults/fail-next', {
			kind: 'hold',
			match: { bodyIncludes: 'note-d' },
		});
		const held = rawRequest(`${sb.urls.fhir}/DocumentReference`, 'POST', FHIR, note('note-d'));
		await until(() => sb.faults.held().length === 1);
		expect((await admin(sb.urls.fhir, 'GET', 'faults/held')).json).toEqual({
			held: [{ service: 'fhir', method: 'POST', path: '/fhir/DocumentReference' }],
		});
		expect((await admin(sb.urls.fhir, 'POST', 'faults/release')).json).toEqual({ released: 1 });
		expect((await held).status).toBe(201);
		expect(() => validateFaultConfig({ fhir: { faultRate: 1, kinds: ['hold'] } })).toThrow(
			/kinds must be a non-empty list of 5xx, throttle, reset, slow, malformed, cut$/,
		);
		expect(() => sb.faults.failNext({ kind: 'hold', match: { bodyIncludes: '' } })).toThrow(
			'failNext match.bodyIncludes must be a non-empty string',
		);
	});
});
