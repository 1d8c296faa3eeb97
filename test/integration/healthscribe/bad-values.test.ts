import type { INodeParameters } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { runNode } from '../../harness';
import { checkRow, rows, type OperationCase, type Runner } from '../bad-values.shared';
import {
	credentialsFor,
	healthScribeSandbox,
	MEDIA_BUCKET,
	NODE,
	OUTPUT_BUCKET,
	roleArn,
	seedJob,
} from './helpers';

let sandbox: Sandbox;

/** Values known once the sandbox runs; the table names them as <role>, <media>. */
const ids: Record<string, string> = {};
const fill = <T>(value: T): T =>
	JSON.parse(
		JSON.stringify(value).replace(/<(\w+)>/g, (token, name: string) => ids[name] ?? token),
	) as T;

const run: Runner = async (parameters, input) => {
	const since = sandbox.log.entries().at(-1)?.seq ?? 0;
	const { items } = await runNode(NODE, fill(parameters), {
		credentials: credentialsFor(sandbox),
		input: fill(input),
		continueOnFail: true,
	});
	const requests = ['transcribe', 's3', 'sts'].flatMap((service) =>
		sandbox.log.entries({ service: service as 's3', since }),
	);
	return { items, requests: requests.length };
};

beforeAll(async () => {
	sandbox = await healthScribeSandbox();
	ids.role = roleArn(sandbox);
	ids.media = `s3://${MEDIA_BUCKET}/${sandbox.seededRecordings[0]}`;
	await seedJob(sandbox, 'bad-values-get', sandbox.seededRecordings[0]);
	// Finished, with outputs in S3, whatever rows run.
	sandbox.clock.advance(3_600_000);
});
afterAll(async () => await sandbox.stop());

const start: INodeParameters = {
	resource: 'medicalScribeJob',
	operation: 'start',
	jobNameMode: 'custom',
	jobName: 'bad-values-start',
	mediaSource: 's3',
	mediaFileUri: '<media>',
	outputBucketName: OUTPUT_BUCKET,
	dataAccessRoleArn: '<role>',
	speakerMode: 'speakerLabels',
	maxSpeakers: 2,
	noteTemplate: 'HISTORY_AND_PHYSICAL',
	waitForCompletion: true,
	maxWaitMinutes: 0,
	onTimeout: 'returnJob',
	includeOutputs: 'none',
	additionalFields: {
		patientPronouns: 'SHE_HER',
		tags: { entries: [{ key: 'visit', value: 'v-1' }] },
	},
};

const CASES: OperationCase[] = [
	{
		name: 'job start',
		parameters: start,
		// The first start creates the job; every later one finds it (ConflictException, then Get).
		warmUp: true,
		fields: [
			{ path: 'jobName', label: 'Job Name', kind: 'requiredText' },
			{
				path: 'mediaFileUri',
				label: 'Media File URI',
				kind: 'requiredText',
				alsoRefuses: ['number', 'badBucket'],
				good: '<media>',
			},
			{
				path: 'outputBucketName',
				label: 'Output Bucket Name',
				kind: 'requiredText',
				alsoRefuses: ['badBucket', 'slash'],
			},
			{
				path: 'dataAccessRoleArn',
				label: 'Data Access Role ARN',
				kind: 'requiredText',
				alsoRefuses: ['number'],
			},
			{ path: 'maxSpeakers', label: 'Max Speakers', kind: 'requiredNumber' },
			{ path: 'noteTemplate', label: 'Note Template', kind: 'options' },
			{ path: 'speakerMode', label: 'Speaker Identification', kind: 'options' },
			{ path: 'additionalFields.patientPronouns', label: 'Patient Pronouns', kind: 'options' },
			{ path: 'additionalFields.tags.entries.0.key', label: 'Tags', kind: 'text' },
			{ path: 'waitForCompletion', label: 'Wait for Completion', kind: 'boolean' },
			{ path: 'onTimeout', label: 'On Timeout', kind: 'options' },
			{ path: 'includeOutputs', label: 'Include Outputs', kind: 'options' },
		],
	},
	{
		name: 'job get',
		parameters: {
			resource: 'medicalScribeJob',
			operation: 'get',
			jobName: 'bad-values-get',
			includeOutputs: 'fhir',
			fhirPatient: 'Patient/1',
		},
		fields: [
			{ path: 'jobName', label: 'Job Name', kind: 'requiredText' },
			{ path: 'includeOutputs', label: 'Include Outputs', kind: 'options' },
			{ path: 'fhirPatient', label: 'FHIR Patient Reference', kind: 'text' },
		],
	},
	{
		name: 'job get many',
		parameters: {
			resource: 'medicalScribeJob',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: { jobNameContains: 'bad-values', status: 'COMPLETED' },
		},
		fields: [
			{ path: 'returnAll', label: 'Return All', kind: 'boolean' },
			{ path: 'limit', label: 'Limit', kind: 'number' },
			// An object filter used to be dropped, listing every job.
			{ path: 'filters.jobNameContains', label: 'Job Name Contains', kind: 'text' },
			{ path: 'filters.status', label: 'Status', kind: 'options' },
		],
	},
	{
		name: 'job delete',
		parameters: { resource: 'medicalScribeJob', operation: 'delete', jobName: 'bad-values-delete' },
		fields: [{ path: 'jobName', label: 'Job Name', kind: 'requiredText' }],
		// A fresh finished job to delete each time (a job can be deleted once it has finished).
		prepare: async () => {
			await seedJob(sandbox, 'bad-values-delete', sandbox.seededRecordings[0]).catch(
				() => undefined,
			);
			sandbox.clock.advance(3_600_000);
		},
	},
	{
		name: 'recording get many',
		parameters: {
			resource: 'recording',
			operation: 'getAll',
			bucket: MEDIA_BUCKET,
			prefix: '',
			date: '2025-03-01',
			audioOnly: true,
			returnAll: true,
		},
		fields: [
			{
				path: 'bucket',
				label: 'Bucket',
				kind: 'requiredText',
				alsoRefuses: ['badBucket', 'slash', 'dot'],
			},
			{ path: 'prefix', label: 'Key Prefix', kind: 'text' },
			{ path: 'date', label: 'Recording Date', kind: 'date', accepts: ['null'] },
			{ path: 'audioOnly', label: 'Audio Files Only', kind: 'boolean' },
		],
	},
];

test('the table covers every operation of the node', () => {
	const covered = new Set(
		CASES.map((c) => `${c.parameters.resource as string}.${c.parameters.operation as string}`),
	);
	expect(covered.size).toBe(CASES.length);
	expect(covered.size).toBe(5);
});

describe('every parameter fed a value of the wrong type', () => {
	test.each(rows(CASES).map((row) => [row.title, row] as const))('%s', async (_title, row) => {
		await checkRow(run, row.op, row.field, row.bad, row.refused);
	});
});
