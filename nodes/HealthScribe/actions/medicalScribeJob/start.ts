import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { awsSession } from '../../../common/aws/clients';
import { putS3Object } from '../../../common/aws/s3';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { NOTE_TEMPLATES, PARTICIPANT_ROLES, PRONOUNS, VOCABULARY_FILTER_METHODS } from '../../model';
import { jobJson } from '../../outputs/job';
import { jobOutputItem, outputProperties, readOutputSettings } from '../../outputs/include';
import { awsApiError, callAws, getJob, isAwsError, startJob } from '../../transport/transcribe';
import { deriveJobName, parseFieldList } from './jobName';
import { checkAudioSize, checkAudioType, uploadKey } from './media';
import { buildStartRequest, checkBucket, validateStartParams, type KeyValue, type StartParams } from './startRequest';
import { waitForJob } from './wait';
import { readWaitSettings, waitProperties, type WaitDefaults } from '../../../common/waitFor';

const show = { resource: ['medicalScribeJob'], operation: ['start'] };
const when = (extra: IDataObject) => ({ show: { ...show, ...extra } });
const WAIT: WaitDefaults = {
	maxWaitMinutes: 15,
	onTimeout: 'error',
	description: 'Whether to wait until the job has finished before passing the item on (longer jobs: use the AWS HealthScribe Trigger)',
};

const keyValueCollection = (displayName: string, name: string, description: string): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	description,
	options: [
		{
			displayName: 'Entry',
			name: 'entries',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const ROLE_OPTIONS = PARTICIPANT_ROLES.map((role) => ({ name: role === 'CLINICIAN' ? 'Clinician' : 'Patient', value: role }));

export const description: INodeProperties[] = [
	{
		displayName: 'Job Name',
		name: 'jobNameMode',
		type: 'options',
		options: [
			{
				name: 'Derive From Item',
				value: 'derive',
				description: 'A prefix plus a hash of the media and of identifying item fields: re-running the same items finds their jobs instead of starting duplicates',
			},
			{ name: 'Enter Name', value: 'custom', description: 'Use a name you give (unique in the AWS account)' },
		],
		default: 'derive',
		displayOptions: { show },
	},
	{
		displayName: 'Job Name',
		name: 'jobName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'visit-2024-05-14-room12',
		description: 'Up to 200 letters, digits, dots, hyphens or underscores; must be unique in the AWS account',
		displayOptions: when({ jobNameMode: ['custom'] }),
	},
	{
		displayName: 'Job Name Prefix',
		name: 'jobNamePrefix',
		type: 'string',
		default: 'n8n-scribe',
		description: 'Start of the derived name; the rest is a hash, so no patient data ends up in the name',
		displayOptions: when({ jobNameMode: ['derive'] }),
	},
	{
		displayName: 'Identifying Fields',
		name: 'identifyingFields',
		type: 'string',
		default: '',
		placeholder: 'appointmentId, clinicianId',
		description:
			'Comma-separated item fields (dot paths allowed) that, with the media, identify one encounter. Leave empty to identify it by the media alone.',
		displayOptions: when({ jobNameMode: ['derive'] }),
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{ name: 'S3 URI', value: 's3', description: 'The recording is already in S3, in the same Region' },
			{ name: 'Binary Property', value: 'binary', description: 'Upload the recording from the input item to S3 first' },
		],
		default: 's3',
		displayOptions: { show },
	},
	{
		displayName: 'Media File URI',
		name: 'mediaFileUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://my-recordings/visits/recording.flac',
		displayOptions: when({ mediaSource: ['s3'] }),
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description: 'Binary property of the input item holding the recording (FLAC, WAV, MP3, MP4/M4A, Ogg, WebM or AMR)',
		displayOptions: when({ mediaSource: ['binary'] }),
	},
	{
		displayName: 'Upload Bucket',
		name: 'uploadBucket',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my-recordings',
		description: 'Bucket name (no s3://) in the credential’s Region; the data access role must be able to read it',
		displayOptions: when({ mediaSource: ['binary'] }),
	},
	{
		displayName: 'Upload Key Prefix',
		name: 'uploadKeyPrefix',
		type: 'string',
		default: 'healthscribe/input/',
		description: 'Folder for uploads; the file name is a hash of the recording, so the same recording is stored once',
		displayOptions: when({ mediaSource: ['binary'] }),
	},
	{
		displayName: 'Output Bucket Name',
		name: 'outputBucketName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my-scribe-output',
		description: 'Bucket name only (no s3://) where HealthScribe writes the transcript and the clinical note',
		displayOptions: { show },
	},
	{
		displayName: 'Data Access Role ARN',
		name: 'dataAccessRoleArn',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'arn:aws:iam::123456789012:role/HealthScribeAccess',
		description: 'Role HealthScribe assumes to read the recording and write the outputs (and use the KMS key, if any)',
		displayOptions: { show },
	},
	{
		displayName: 'Speaker Identification',
		name: 'speakerMode',
		type: 'options',
		options: [
			{ name: 'Speaker Labels (One Channel)', value: 'speakerLabels', description: 'HealthScribe tells the voices in a single-channel recording apart' },
			{ name: 'Channel Identification (Two Channels)', value: 'channelIdentification', description: 'Each channel of a stereo recording is one participant' },
		],
		default: 'speakerLabels',
		displayOptions: { show },
	},
	{
		displayName: 'Max Speakers',
		name: 'maxSpeakers',
		type: 'number',
		typeOptions: { minValue: 2, maxValue: 30 },
		default: 2,
		description: 'Most voices to tell apart (2 to 30)',
		displayOptions: when({ speakerMode: ['speakerLabels'] }),
	},
	{
		displayName: 'Channel 0 Role',
		name: 'channel0Role',
		type: 'options',
		options: ROLE_OPTIONS,
		default: 'CLINICIAN',
		displayOptions: when({ speakerMode: ['channelIdentification'] }),
	},
	{
		displayName: 'Channel 1 Role',
		name: 'channel1Role',
		type: 'options',
		options: ROLE_OPTIONS,
		default: 'PATIENT',
		displayOptions: when({ speakerMode: ['channelIdentification'] }),
	},
	{
		displayName: 'Note Template',
		name: 'noteTemplate',
		type: 'options',
		options: NOTE_TEMPLATES.map(([name, value]) => ({ name, value })),
		default: 'HISTORY_AND_PHYSICAL',
		description: 'Structure of the clinical note HealthScribe writes',
		displayOptions: { show },
	},
	...waitProperties({ show }, WAIT),
	...outputProperties({ ...show, waitForCompletion: [true] }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Custom Vocabulary Name or ID',
				name: 'vocabularyName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVocabularies' },
				default: '',
				description:
					'A READY Transcribe custom (or custom medical) vocabulary in the same Region. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			keyValueCollection('KMS Encryption Context', 'kmsEncryptionContext', 'Up to 10 key-value pairs bound to the KMS encryption of the outputs'),
			{
				displayName: 'Output KMS Key ID',
				name: 'outputEncryptionKmsKeyId',
				type: 'string',
				default: '',
				placeholder: 'arn:aws:kms:us-east-1:123456789012:key/…',
				description: 'KMS key (ID, ARN or alias) that encrypts the outputs; S3-managed encryption when empty',
			},
			{
				displayName: 'Patient Pronouns',
				name: 'patientPronouns',
				type: 'options',
				options: PRONOUNS.map(([name, value]) => ({ name, value })),
				default: 'THEY_THEM',
				description: 'Pronouns the note uses for the patient',
			},
			keyValueCollection('Tags', 'tags', 'Up to 200 tags on the job, e.g. the appointment ID, to find it again'),
			{
				displayName: 'Vocabulary Filter Method',
				name: 'vocabularyFilterMethod',
				type: 'options',
				options: VOCABULARY_FILTER_METHODS.map((method) => ({ name: method.charAt(0).toUpperCase() + method.slice(1), value: method })),
				default: 'mask',
				description: 'Mask replaces filtered words with ***, Remove deletes them, Tag only marks them',
			},
			{
				displayName: 'Vocabulary Filter Name or ID',
				name: 'vocabularyFilterName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVocabularyFilters' },
				default: '',
				description:
					'A Transcribe vocabulary filter in the same Region. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		],
	},
];

const pairs = (collection: unknown): KeyValue[] =>
	((collection as { entries?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.entries ?? []).map((entry) => ({
		key: String(entry.key ?? ''),
		value: String(entry.value ?? ''),
	}));

const optionalText = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The recording to upload, checked locally; nothing is sent yet. */
interface PendingUpload {
	bucket: string;
	key: string;
	body: Buffer;
	contentType: string;
}

async function readBinaryMedia(context: IExecuteFunctions, v: ItemValidator, i: number): Promise<PendingUpload> {
	const property = (context.getNodeParameter('binaryPropertyName', i) as string).trim();
	const bucket = (context.getNodeParameter('uploadBucket', i) as string).trim();
	const prefix = context.getNodeParameter('uploadKeyPrefix', i, '') as string;
	v.required('Input Binary Field', property);
	checkBucket(v, 'Upload Bucket', bucket);
	const item = context.getInputData()[i];
	const meta = item.binary?.[property];
	if (!meta) return v.fail('Input Binary Field', 'the input item has no binary property of that name', 'Check the name of the binary property that holds the recording.');
	const audio = checkAudioType(v, 'Input Binary Field', meta);
	if (typeof meta.bytes === 'number') checkAudioSize(v, 'Input Binary Field', meta.bytes);
	const body = await context.helpers.getBinaryDataBuffer(i, property);
	checkAudioSize(v, 'Input Binary Field', body.length);
	const key = uploadKey(prefix, body, audio.extension);
	if (Buffer.byteLength(key) > 1024) v.fail('Upload Key Prefix', 'the resulting object key is longer than 1024 bytes', 'Use a shorter prefix.');
	return { bucket, key, body, contentType: audio.contentType };
}

/** Reads and checks every parameter of the item; the upload (if any) is prepared but not sent. */
async function readStartParams(context: IExecuteFunctions, i: number): Promise<{ params: StartParams; upload?: PendingUpload }> {
	const v = new ItemValidator(context.getNode(), i);
	const get = <T>(name: string, fallback?: T) => context.getNodeParameter(name, i, fallback) as T;
	const upload = get<string>('mediaSource') === 'binary' ? await readBinaryMedia(context, v, i) : undefined;
	const mediaFileUri = upload ? `s3://${upload.bucket}/${upload.key}` : get<string>('mediaFileUri').trim();
	const jobName =
		get<string>('jobNameMode') === 'custom'
			? get<string>('jobName').trim()
			: deriveJobName(v, get<string>('jobNamePrefix', '').trim(), mediaFileUri, context.getInputData()[i].json, parseFieldList(get<string>('identifyingFields', '')));
	const extra = get<IDataObject>('additionalFields', {});
	const speakerMode = get<StartParams['speakerMode']>('speakerMode');
	const params: StartParams = {
		jobName,
		mediaFileUri,
		outputBucketName: get<string>('outputBucketName').trim(),
		dataAccessRoleArn: get<string>('dataAccessRoleArn').trim(),
		speakerMode,
		...(speakerMode === 'speakerLabels'
			? { maxSpeakers: get<number>('maxSpeakers') }
			: { channelRoles: [get<string>('channel0Role'), get<string>('channel1Role')] as [string, string] }),
		noteTemplate: optionalText(get<string>('noteTemplate', '')),
		outputEncryptionKmsKeyId: optionalText(extra.outputEncryptionKmsKeyId),
		kmsEncryptionContext: pairs(extra.kmsEncryptionContext),
		vocabularyName: optionalText(extra.vocabularyName),
		vocabularyFilterName: optionalText(extra.vocabularyFilterName),
		vocabularyFilterMethod: extra.vocabularyFilterName ? optionalText(extra.vocabularyFilterMethod) : undefined,
		patientPronouns: optionalText(extra.patientPronouns),
		tags: pairs(extra.tags),
	};
	validateStartParams(v, params, (await awsSession(context)).settings.region);
	return { params, upload };
}

/**
 * Starts the job; when the name is taken, reads that job and returns it if it transcribes the same
 * media (a re-run), otherwise fails with a clear message.
 */
async function startOrFindJob(context: IExecuteFunctions, params: StartParams, i: number): Promise<MedicalScribeJob> {
	try {
		const { MedicalScribeJob: job } = await startJob(context, buildStartRequest(params));
		return job ?? { MedicalScribeJobName: params.jobName };
	} catch (error) {
		if (!isAwsError(error, 'ConflictException')) throw await awsApiError(context, 'StartMedicalScribeJob', error, i);
	}
	const { MedicalScribeJob: existing } = await callAws(context, 'GetMedicalScribeJob', async () => await getJob(context, params.jobName), i);
	if (existing?.Media?.MediaFileUri !== params.mediaFileUri)
		throw new NodeOperationError(context.getNode(), 'A HealthScribe job with this name already exists for a different recording', {
			itemIndex: i,
			description: 'Job names are unique per AWS account. Enter another Job Name, or derive it from fields that identify this encounter.',
		});
	return existing;
}

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const { params, upload } = await readStartParams(this, i);
	if (upload)
		await callAws(this, 'PutObject', async () => await putS3Object(this, { bucket: upload.bucket, key: upload.key }, upload.body, upload.contentType), i);
	const job = await startOrFindJob(this, params, i);
	const wait = readWaitSettings(this, i, WAIT);
	if (!wait) return { json: jobJson(job) } as INodeExecutionData;
	const finished = await waitForJob(this, params.jobName, wait.maxWaitMs, wait.onTimeout, i);
	const settings = readOutputSettings((name, fallback) => this.getNodeParameter(name, i, fallback));
	return await jobOutputItem(this, finished, settings, i);
}
