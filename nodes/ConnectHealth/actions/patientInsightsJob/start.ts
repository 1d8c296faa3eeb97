import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import {
	INSIGHTS_TYPES,
	PRONOUNS,
	PROVIDER_ROLES,
	SPECIALTIES,
	type PatientInsightsJobInput,
} from '../../transport/model';
import { startPatientInsightsJob } from '../../transport/patientInsights';
import { expandDateTokens } from '../../outputs/layout';
import { START_NOTICE, undatedLocationNotice } from '../outputLocationNotice';
import { domainIdFrom, domainLocator } from '../locators';
import { checkNonEmpty, checkS3Uri, RULES } from '../validation';
import { fhirServerFor, readFhirCredential, type FhirServer } from './fhirAccess';
import { downloadOutputOption, jobItem, waitForJob } from './output';
import { readWaitSettings, waitProperties, type WaitDefaults } from '../../../common/waitFor';

const WAIT: WaitDefaults = {
	maxWaitMinutes: 10,
	onTimeout: 'returnJob',
	description: 'Whether to wait until the job has succeeded or failed before returning',
};
const optionName = (value: string) =>
	value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const choices = (values: readonly string[]) =>
	values.map((value) => ({ name: optionName(value), value }));

export const option: OperationOption<'start'> = {
	name: 'Start',
	value: 'start',
	action: 'Start a patient insights job',
	description: 'Start a pre-visit patient insights job, optionally waiting for it',
};

export const description: INodeProperties[] = [
	domainLocator(),
	{
		displayName: 'Patient ID',
		name: 'patientId',
		type: 'string',
		required: true,
		default: '',
		description:
			'The patient’s identifier in the EHR (treated as sensitive: never shown in errors)',
	},
	{
		displayName: 'Encounter Reason',
		name: 'encounterReason',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Follow-up for cough',
		description:
			'Why the patient is coming in. Up to 256 letters, digits, spaces, periods, commas and hyphens.',
	},
	{
		displayName: 'Clinician User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		description: 'The clinician the insights are prepared for',
	},
	{
		displayName: 'Insights Type',
		name: 'insightsType',
		type: 'options',
		options: choices(INSIGHTS_TYPES),
		default: 'PRE_VISIT',
		description:
			'The kind of summary to prepare; Pre-Visit summarises the patient’s record before an appointment',
	},
	{
		displayName: 'FHIR Server Endpoint',
		name: 'fhirEndpoint',
		type: 'string',
		default: '',
		placeholder: 'https://ehr.example.org/fhir/r4',
		description:
			'FHIR server to read the patient’s record from, sent without a token. For a server that needs an OAuth token, select a Connect Health EHR (FHIR) API credential instead (this field may then stay empty). Give a FHIR server, S3 sources, or both.',
	},
	{
		displayName: 'S3 Sources',
		name: 's3Sources',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add S3 Source',
		default: {},
		description: 'Up to 10 S3 objects with the patient’s record',
		options: [
			{
				name: 'source',
				displayName: 'Source',
				values: [
					{
						displayName: 'S3 URI',
						name: 'uri',
						type: 'string',
						default: '',
						placeholder: 's3://records-bucket/patients/123.json',
						description: 'A file of the patient’s record in Amazon S3 (s3://bucket/path)',
					},
				],
			},
		],
	},
	{
		displayName: 'S3 Output Path',
		name: 's3OutputPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://insights-bucket/pre-visit/{yyyy}/{mm}/{dd}/',
		description:
			'Where the service writes the insights. {yyyy}, {mm} and {dd} are replaced with today’s UTC date, so the trigger can watch recent days only.',
	},
	undatedLocationNotice('s3OutputPath', START_NOTICE),
	...waitProperties({}, WAIT),
	{ ...downloadOutputOption, displayOptions: { show: { waitForCompletion: [true] } } },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Date of Birth',
				name: 'dateOfBirth',
				type: 'string',
				default: '',
				placeholder: '1980-01-31',
				description: 'YYYY-MM-DD',
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Sent as the clientToken: the same key and request return the same job instead of a second one. Leave blank for a new UUID per item.',
			},
			{
				displayName: 'Pronouns',
				name: 'pronouns',
				type: 'options',
				options: choices(PRONOUNS),
				default: 'THEY_THEM',
				description: 'Pronouns the summary uses for the patient',
			},
			{
				displayName: 'Role',
				name: 'role',
				type: 'options',
				options: choices(PROVIDER_ROLES),
				default: 'CLINICIAN',
				description: 'Role of the clinician',
			},
			{
				displayName: 'Specialty',
				name: 'specialty',
				type: 'options',
				options: choices(SPECIALTIES),
				default: 'PRIMARY_CARE',
				description: 'The clinician’s specialty, so the summary focuses on what matters to them',
			},
		],
	},
];

/** Reads and checks one item's request; every rule of the model is applied here, before any call. */
function readRequest(
	context: IExecuteFunctions,
	i: number,
	fhirCredential: Required<FhirServer> | undefined,
): PatientInsightsJobInput {
	const v = params(context, i);
	const extra = v.collection('additionalFields', 'Additional Fields');
	const domainId = domainIdFrom(v.raw('domain'), v);

	const patientId = v.string('patientId', 'Patient ID');
	checkNonEmpty(v, 'Patient ID', patientId, 'Enter the patient’s identifier.');
	const dateOfBirth = v.date('Date of Birth', extra.dateOfBirth, '1980-01-31');
	const pronouns = v.choice('Pronouns', extra.pronouns, PRONOUNS);

	const encounterReason = v.string('encounterReason', 'Encounter Reason');
	v.required(
		'Encounter Reason',
		encounterReason,
		'Say why the patient is coming in, e.g. "Follow-up for cough".',
	);
	v.length(
		'Encounter Reason',
		encounterReason,
		RULES.encounterReason.min,
		RULES.encounterReason.max,
	);
	v.pattern(
		'Encounter Reason',
		encounterReason,
		RULES.encounterReason.pattern,
		'Use only letters, digits, spaces, periods, commas and hyphens.',
	);

	const userId = v.string('userId', 'Clinician User ID');
	checkNonEmpty(v, 'Clinician User ID', userId, 'Enter the clinician’s user ID.');
	const role = v.choice('Role', extra.role, PROVIDER_ROLES) ?? 'CLINICIAN';
	const specialty = v.choice('Specialty', extra.specialty, SPECIALTIES);
	const insightsType = v.options('insightsType', 'Insights Type', INSIGHTS_TYPES, 'PRE_VISIT');

	const fhirEndpoint = v.string('fhirEndpoint', 'FHIR Server Endpoint');
	if (fhirEndpoint)
		v.pattern(
			'FHIR Server Endpoint',
			fhirEndpoint,
			RULES.fhirEndpoint,
			'Use an http(s) URL without spaces, e.g. https://ehr.example.org/fhir/r4.',
		);
	const fhirServer = fhirServerFor(v, fhirEndpoint, fhirCredential);
	const sources = v
		.entries('S3 Sources', v.raw('s3Sources', {}), 'source')
		.map((source, n) => v.text(`S3 Sources [${n + 1}]`, source.uri))
		.filter(Boolean);
	if (sources.length > RULES.maxS3Sources)
		v.fail(
			'S3 Sources',
			`${sources.length} sources are given`,
			`Give at most ${RULES.maxS3Sources} S3 sources.`,
		);
	sources.forEach((uri, n) => checkS3Uri(v, `S3 Sources [${n + 1}]`, uri));
	if (!fhirServer && sources.length === 0)
		v.fail(
			'FHIR Server Endpoint / S3 Sources',
			'no patient record source is given',
			'Enter a FHIR server endpoint (or select a Connect Health EHR (FHIR) API credential), at least one S3 source, or both.',
		);

	const s3OutputPath = expandDateTokens(v.string('s3OutputPath', 'S3 Output Path'), Date.now());
	checkS3Uri(v, 'S3 Output Path', s3OutputPath);
	const clientToken = v.optionalText('Idempotency Key', extra.idempotencyKey);

	return {
		domainId,
		patientContext: { patientId, dateOfBirth, pronouns },
		insightsContext: { insightsType },
		encounterContext: { encounterReason },
		userContext: { role, userId, specialty },
		inputDataConfig: {
			fhirServer,
			s3Sources: sources.length ? sources.map((uri) => ({ uri })) : undefined,
		},
		outputDataConfig: { s3OutputPath },
		clientToken,
	};
}

/** Values of the request that are PHI or secrets: removed from any error text. */
export function sensitiveValues(input: PatientInsightsJobInput): unknown[] {
	return [
		input.patientContext.patientId,
		input.patientContext.dateOfBirth,
		input.patientContext.pronouns,
		input.encounterContext.encounterReason,
		input.userContext.userId,
		input.inputDataConfig.fhirServer?.oauthToken,
	];
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const input = readRequest(this, i, await readFhirCredential(this, i, params(this, i)));
	const secrets = sensitiveValues(input);
	const wait = readWaitSettings(this, i, WAIT);
	const download = wait ? params(this, i).boolean('downloadInsights', 'Download Insights') : false;
	const client = await connectHealthClient(this);
	const started = await startPatientInsightsJob(client, input, { itemIndex: i, secrets });
	if (!wait) return jsonItems({ domainId: input.domainId, ...started }, i);

	const { job, timedOut } = await waitForJob(
		this,
		client,
		{ domainId: input.domainId, jobId: started.jobId },
		wait,
		secrets,
		i,
	);
	const item = await jobItem(this, job, input.domainId, download, i);
	return jsonItems(
		{ ...item, clientToken: started.clientToken, ...(timedOut ? { waitTimedOut: true } : {}) },
		i,
	);
}
