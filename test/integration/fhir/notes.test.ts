/**
 * Every note-returning node, asked for FHIR, returns a Bundle that passes the FHIR R4 validator and the
 * US Core checks, that the sandbox EHR receiver accepts, and that files nothing the second time.
 * A missing patient reference stops the operation with the field named, before any call to the vendor.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { runNode } from '../../harness';
import { fhirErrors } from '../../../sandbox/fhir/validate';
import { rawRequest } from '../../sandbox/core-helpers';
import {
	credentialsFor as healthScribeCredentials,
	healthScribeSandbox,
	NODE as HEALTHSCRIBE,
	seedJob,
} from '../healthscribe/helpers';
import {
	byId,
	connectHealthSandbox,
	DEMO,
	run as runConnectHealth,
} from '../connect-health/helpers';
import { heidiRequests, heidiSandbox, HeidiRunner, HP_TEMPLATE, lastSeq } from '../heidi/helpers';

type Json = any;
const PATIENT = {
	fhirPatient: 'Patient/sandbox-patient-01',
	fhirAuthor: 'Practitioner/sandbox-clinician-01',
};

/** Valid, accepted by the receiver, and idempotent on a second filing. */
async function expectFiledOnce(sandbox: Sandbox, bundle: Json): Promise<void> {
	expect(fhirErrors(bundle)).toEqual([]);
	const document = bundle.entry.find(
		(e: Json) => e.resource.resourceType === 'DocumentReference',
	).resource;
	expect(document.subject).toEqual({ reference: PATIENT.fhirPatient });
	expect(document.content.map((c: Json) => c.attachment.contentType)).toEqual([
		'text/plain; charset=utf-8',
		'text/html; charset=utf-8',
	]);
	const post = () =>
		rawRequest(
			sandbox.urls.fhir,
			'POST',
			{ 'content-type': 'application/fhir+json' },
			JSON.stringify(bundle),
		);
	const first = await post();
	expect(first.status).toBe(200);
	expect(first.json.entry.map((e: Json) => e.response.status)).toEqual([
		'201 Created',
		'201 Created',
	]);
	const stored = sandbox.fhir.resources().length;
	const second = await post();
	expect(second.json.entry.map((e: Json) => e.response.status)).toEqual(['200 OK', '200 OK']);
	expect(sandbox.fhir.resources()).toHaveLength(stored);
}

describe('AWS HealthScribe → FHIR', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await healthScribeSandbox({ clockSpeed: 1 });
		await seedJob(sandbox, 'fhir-1', sandbox.seededRecordings[0]);
		sandbox.clock.advance(60_000);
	});
	afterAll(async () => await sandbox.stop());
	const get = (extra: IDataObject) =>
		runNode(
			HEALTHSCRIBE,
			{
				resource: 'medicalScribeJob',
				operation: 'get',
				jobName: 'fhir-1',
				includeOutputs: 'fhir',
				...extra,
			},
			{ credentials: healthScribeCredentials(sandbox), continueOnFail: true },
		);

	it('Get returns a valid US Core Bundle, filed once', async () => {
		const { items } = await get(PATIENT);
		await expectFiledOnce(sandbox, items[0].json.note);
	});

	it('without a patient: the error names the field, and nothing is asked of AWS', async () => {
		const before = sandbox.log.entries().length;
		const { items } = await get({ fhirPatient: '' });
		expect(items[0].json.error).toContain('Invalid "FHIR Patient Reference": it is empty');
		expect(sandbox.log.entries()).toHaveLength(before);
	});
});

describe('Amazon Connect Health → FHIR', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await connectHealthSandbox()));
	afterAll(async () => await sandbox.stop());

	it('Get Listening Session returns a valid US Core Bundle, filed once', async () => {
		const { items, error } = await runConnectHealth(sandbox, {
			resource: 'listeningSession',
			operation: 'get',
			domain: byId(DEMO.domainId),
			subscription: byId(DEMO.subscriptionId),
			sessionId: DEMO.sessionIds[0],
			includeNote: 'fhir',
			...PATIENT,
		});
		expect(error).toBeUndefined();
		await expectFiledOnce(sandbox, items[0].json.note);
	});
});

describe('Heidi → FHIR', () => {
	let sandbox: Sandbox;
	let heidi: HeidiRunner;
	beforeAll(async () => {
		sandbox = await heidiSandbox();
		heidi = new HeidiRunner(sandbox);
	});
	afterAll(async () => await sandbox.stop());

	it('Get Consult Note returns a valid US Core Bundle, filed once', async () => {
		const sessionId = sandbox.heidi.seedSession();
		const { items, error } = await heidi.run({
			resource: 'consultNote',
			operation: 'get',
			sessionId,
			noteFormat: 'fhir',
			...PATIENT,
		});
		expect(error).toBeUndefined();
		await expectFiledOnce(sandbox, items[0].json);
	});

	it.each(['get', 'generate'])(
		'%s without a patient: the error names the field, and nothing is asked of Heidi',
		async (operation) => {
			const sessionId = sandbox.heidi.seedSession();
			const since = lastSeq(sandbox);
			const generate = {
				templateSource: 'template',
				templateId: HP_TEMPLATE,
				voiceStyle: 'GOLDILOCKS',
				brain: 'LEFT',
				contentType: 'MARKDOWN',
			};
			const { items } = await heidi.run(
				{
					resource: 'consultNote',
					operation,
					sessionId,
					...(operation === 'generate' ? generate : {}),
					noteFormat: 'fhir',
					fhirPatient: '',
				},
				[{ json: {} }],
				true,
			);
			expect(items[0].json.error).toContain('Invalid "FHIR Patient Reference": it is empty');
			expect(heidiRequests(sandbox, since).filter((r) => !r.route.endsWith('/jwt'))).toEqual([]);
		},
	);
});
