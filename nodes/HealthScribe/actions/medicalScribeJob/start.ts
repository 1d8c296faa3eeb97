import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { awsSession } from '../../../common/aws/clients';
import { putS3Object } from '../../../common/aws/s3';
import type { ItemResult } from '../../../common/items';
import { params, type ParamReader } from '../../../common/params';
import { NOTE_TEMPLATE_VALUES, NOTE_TEMPLATES, PARTICIPANT_ROLES, PRONOUN_VALUES, PRONOUNS, TERMINAL_STATUSES, VOCABULARY_FILTER_METHODS, type JobStatus } from '../../model';
import { jobJson } from '../../outputs/job';
import { jobOutputItem, outputProperties, readOutputSettings } from '../../outputs/include';
import { awsApiError, callAws } from '../../../common/aws/calls';
import { getJob, isAwsError, startJob } from '../../transport/transcribe';
import { deriveJobName, parseFieldList } from './jobName';
import { checkAudioSize, checkAudioType, keyForDigest, openBinaryMedia, type MediaSource } from './media';
import { buildStartRequest, validateStartParams, type KeyValue, type StartParams } from './startRequest';
import { waitForJob } from './wait';
import { inJobSlot, jobSlots, notStartedJson, slotProperties } from './jobSlots';
import type { JobSlots } from '../../../common/jobSlots';
import { readWaitSettings, waitProperties, type WaitDefaults } from '../../../common/waitFor';
import { raise } from '../../../common/errors';

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
		description: 'How the job is named in AWS. Derive From Item is safest: running the workflow again for the same recording finds its job instead of starting (and paying for) a second one.',
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
		description: 'Where the consultation recording comes from',
		displayOptions: { show },
	},
	{
		displayName: 'Media File URI',
		name: 'mediaFileUri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://my-recordings/visits/recording.flac',
		description:
			'Where the recording is stored in Amazon S3: s3://, then the bucket name, then the file’s path (in the S3 console: select the file → Copy S3 URI). The bucket must be in the credential’s Region. Audio formats: FLAC, WAV, MP3, MP4/M4A, Ogg, WebM or AMR.',
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
		description:
			'The IAM role that lets HealthScribe read the recording and write the note into the output bucket (and use the KMS key, if any). Your AWS administrator creates it once; copy its ARN from the role’s page in the IAM console.',
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
		description: 'How HealthScribe tells the clinician and the patient apart: by their voices in a normal (one-channel) recording, or by channel when each person was recorded on their own channel of a stereo recording',
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
		description: 'Who speaks on the first (left) channel of the stereo recording',
		displayOptions: when({ speakerMode: ['channelIdentification'] }),
	},
	{
		displayName: 'Channel 1 Role',
		name: 'channel1Role',
		type: 'options',
		options: ROLE_OPTIONS,
		default: 'PATIENT',
		description: 'Who speaks on the second (right) channel of the stereo recording',
		displayOptions: when({ speakerMode: ['channelIdentification'] }),
	},
	{
		displayName: 'Note Template',
		name: 'noteTemplate',
		type: 'options',
		options: NOTE_TEMPLATES.map(([name, value]) => ({ name, value })),
		default: 'HISTORY_AND_PHYSICAL',
		description: 'The layout of the clinical note HealthScribe writes, e.g. History and Physical for a general consultation, or a SOAP or BIRP layout for behavioural health',
		displayOptions: { show },
	},
	...waitProperties({ show }, WAIT),
	...slotProperties(show),
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

/** A key/value fixedCollection's entries, as text (values keep their spaces). */
const pairs = (p: ParamReader, label: string, collection: unknown): KeyValue[] =>
	p.entries(label, collection, 'entries').map((entry) => ({ key: p.text(`${label} Key`, entry.key, { trim: false }), value: p.text(`${label} Value`, entry.value, { trim: false }) }));

/** The recording to upload, checked locally; nothing is sent yet. */
interface PendingUpload {
	bucket: string;
	key: string;
	source: MediaSource;
	contentType: string;
}

async function readBinaryMedia(context: IExecuteFunctions, v: ParamReader, i: number): Promise<PendingUpload> {
	const property = v.string('binaryPropertyName', 'Input Binary Field', { required: true });
	const bucket = v.bucket('Upload Bucket', v.raw('uploadBucket'));
	const prefix = v.string('uploadKeyPrefix', 'Upload Key Prefix');
	const item = context.getInputData()[i];
	const meta = item.binary?.[property];
	if (!meta) return v.fail('Input Binary Field', 'the input item has no binary property of that name', 'Check the name of the binary property that holds the recording.');
	const audio = checkAudioType(v, 'Input Binary Field', meta);
	if (typeof meta.bytes === 'number') checkAudioSize(v, 'Input Binary Field', meta.bytes);
	const source = await openBinaryMedia(context, i, property, meta);
	checkAudioSize(v, 'Input Binary Field', source.length);
	const key = keyForDigest(prefix, source.sha256, audio.extension);
	if (Buffer.byteLength(key) > 1024) v.fail('Upload Key Prefix', 'the resulting object key is longer than 1024 bytes', 'Use a shorter prefix.');
	return { bucket, key, source, contentType: audio.contentType };
}

/** Reads and checks every parameter of the item; the upload (if any) is prepared but not sent. */
async function readStartParams(context: IExecuteFunctions, i: number): Promise<{ params: StartParams; upload?: PendingUpload }> {
	const p = params(context, i);
	const upload = p.options('mediaSource', 'Media Source', ['s3', 'binary'], 's3') === 'binary' ? await readBinaryMedia(context, p, i) : undefined;
	const mediaFileUri = upload ? `s3://${upload.bucket}/${upload.key}` : p.string('mediaFileUri', 'Media File URI');
	const jobName =
		p.options('jobNameMode', 'Job Name', ['derive', 'custom'], 'derive') === 'custom'
			? p.string('jobName', 'Job Name')
			: deriveJobName(p, p.string('jobNamePrefix', 'Job Name Prefix'), mediaFileUri, context.getInputData()[i].json, parseFieldList(p.string('identifyingFields', 'Identifying Fields')));
	const extra = p.collection('additionalFields', 'Additional Fields');
	const speakerMode = p.options<StartParams['speakerMode']>('speakerMode', 'Speaker Identification', ['speakerLabels', 'channelIdentification'], 'speakerLabels');
	const vocabularyFilterName = p.optionalText('Vocabulary Filter Name', extra.vocabularyFilterName);
	const request: StartParams = {
		jobName,
		mediaFileUri,
		outputBucketName: p.string('outputBucketName', 'Output Bucket Name'),
		dataAccessRoleArn: p.string('dataAccessRoleArn', 'Data Access Role ARN'),
		speakerMode,
		...(speakerMode === 'speakerLabels'
			? { maxSpeakers: p.num('Max Speakers', p.raw('maxSpeakers')) }
			: { channelRoles: [p.options('channel0Role', 'Channel 0 Role', PARTICIPANT_ROLES), p.options('channel1Role', 'Channel 1 Role', PARTICIPANT_ROLES)] as [string, string] }),
		noteTemplate: p.choice('Note Template', p.raw('noteTemplate', ''), NOTE_TEMPLATE_VALUES),
		outputEncryptionKmsKeyId: p.optionalText('Output KMS Key ID', extra.outputEncryptionKmsKeyId),
		kmsEncryptionContext: pairs(p, 'KMS Encryption Context', extra.kmsEncryptionContext),
		vocabularyName: p.optionalText('Custom Vocabulary Name', extra.vocabularyName),
		vocabularyFilterName,
		vocabularyFilterMethod: vocabularyFilterName ? p.choice('Vocabulary Filter Method', extra.vocabularyFilterMethod, VOCABULARY_FILTER_METHODS) : undefined,
		patientPronouns: p.choice('Patient Pronouns', extra.patientPronouns, PRONOUN_VALUES),
		tags: pairs(p, 'Tags', extra.tags),
	};
	validateStartParams(p, request, (await awsSession(context)).settings.region);
	return { params: request, upload };
}

/**
 * Starts the job; when the name is taken, reads that job and returns it if it transcribes the same
 * media (a re-run), otherwise fails with a clear message. A LimitExceededException is passed on
 * as it came, for the job slots to read.
 */
async function startOrFindJob(context: IExecuteFunctions, params: StartParams, i: number): Promise<MedicalScribeJob> {
	try {
		const { MedicalScribeJob: job } = await startJob(context, buildStartRequest(params));
		return job ?? { MedicalScribeJobName: params.jobName };
	} catch (error) {
		if (isAwsError(error, 'LimitExceededException')) raise(error);
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

/** Starts (or finds) the job in one of the batch's job slots; undefined when no slot freed up in time. */
async function startInSlot(context: IExecuteFunctions, slots: JobSlots, request: StartParams, i: number): Promise<MedicalScribeJob | undefined> {
	try {
		return await inJobSlot(slots, request.jobName, async () => await startOrFindJob(context, request, i));
	} catch (error) {
		// A rate limit or quota error that is not a slot matter (e.g. an input over a limit): named like any AWS error.
		if (isAwsError(error, 'LimitExceededException')) throw await awsApiError(context, 'StartMedicalScribeJob', error, i);
		raise(error);
	}
}

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const { params: request, upload } = await readStartParams(this, i);
	const wait = readWaitSettings(this, i, WAIT);
	const settings = wait ? readOutputSettings(params(this, i)) : undefined;
	if (upload)
		await callAws(this, 'PutObject', async () => await putS3Object(this, { bucket: upload.bucket, key: upload.key }, upload.source, upload.contentType), i);
	const slots = jobSlots(this);
	const job = await startInSlot(this, slots, request, i);
	if (!job) return { json: notStartedJson(request.jobName) };
	if (!wait || !settings) return { json: jobJson(job) } as INodeExecutionData;
	const finished = await waitForJob(this, request.jobName, wait.maxWaitMs, wait.onTimeout, i);
	if (TERMINAL_STATUSES.includes(finished.MedicalScribeJobStatus as JobStatus)) slots.finished(request.jobName);
	return await jobOutputItem(this, finished, settings, i);
}
