import type { INodeProperties } from 'n8n-workflow';
import {
	keyValueCollection,
	channelRoleProperties,
	noteTemplateProperty,
	patientPronounsOption,
	vocabularyFilterOptions,
} from '../scribeProperties';
import type { OperationOption } from '../../../common/operation';
import { waitProperties, type WaitDefaults } from '../../../common/waitFor';
import { outputProperties } from '../../outputs/include';
import { slotProperties } from './jobSlots';

/** The parameters of Medical Scribe Job → Start (what it does is in start.ts). */

export const WAIT: WaitDefaults = {
	maxWaitMinutes: 15,
	onTimeout: 'error',
	description:
		'Whether to wait until the job has finished before passing the item on (longer jobs: use the AWS HealthScribe Trigger)',
};

export const option: OperationOption<'start'> = {
	name: 'Start',
	value: 'start',
	description: 'Start a job that turns a recording into a transcript and a clinical note',
	action: 'Start a medical scribe job',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Job Name',
		name: 'jobNameMode',
		type: 'options',
		options: [
			{
				name: 'Derive From Item',
				value: 'derive',
				description:
					'A prefix plus a hash of the media and of identifying item fields: re-running the same items finds their jobs instead of starting duplicates',
			},
			{
				name: 'Enter Name',
				value: 'custom',
				description: 'Use a name you give (unique in the AWS account)',
			},
		],
		default: 'derive',
		description:
			'How the job is named in AWS. Derive From Item is safest: running the workflow again for the same recording finds its job instead of starting (and paying for) a second one.',
	},
	{
		displayName: 'Job Name',
		name: 'jobName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'visit-2024-05-14-room12',
		description:
			'Up to 200 letters, digits, dots, hyphens or underscores; must be unique in the AWS account',
		displayOptions: { show: { jobNameMode: ['custom'] } },
	},
	{
		displayName: 'Job Name Prefix',
		name: 'jobNamePrefix',
		type: 'string',
		default: 'n8n-scribe',
		description:
			'Start of the derived name; the rest is a hash, so no patient data ends up in the name',
		displayOptions: { show: { jobNameMode: ['derive'] } },
	},
	{
		displayName: 'Identifying Fields',
		name: 'identifyingFields',
		type: 'string',
		default: '',
		placeholder: 'appointmentId, clinicianId',
		description:
			'Comma-separated item fields (dot paths allowed) that, with the media, identify one encounter. Leave empty to identify it by the media alone.',
		displayOptions: { show: { jobNameMode: ['derive'] } },
	},
	{
		displayName: 'Media Source',
		name: 'mediaSource',
		type: 'options',
		options: [
			{
				name: 'S3 URI',
				value: 's3',
				description: 'The recording is already in S3, in the same Region',
			},
			{
				name: 'Binary Property',
				value: 'binary',
				description: 'Upload the recording from the input item to S3 first',
			},
		],
		default: 's3',
		description: 'Where the consultation recording comes from',
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
		displayOptions: { show: { mediaSource: ['s3'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		description:
			'Binary property of the input item holding the recording (FLAC, WAV, MP3, MP4/M4A, Ogg, WebM or AMR)',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Upload Bucket',
		name: 'uploadBucket',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my-recordings',
		description:
			'Bucket name (no s3://) in the credential’s Region; the data access role must be able to read it',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Upload Key Prefix',
		name: 'uploadKeyPrefix',
		type: 'string',
		default: 'healthscribe/input/',
		description:
			'Folder for uploads; the file name is a hash of the recording, so the same recording is stored once',
		displayOptions: { show: { mediaSource: ['binary'] } },
	},
	{
		displayName: 'Output Bucket Name',
		name: 'outputBucketName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my-scribe-output',
		description:
			'Bucket name only (no s3://) where HealthScribe writes the transcript and the clinical note',
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
	},
	{
		displayName: 'Speaker Identification',
		name: 'speakerMode',
		type: 'options',
		options: [
			{
				name: 'Speaker Labels (One Channel)',
				value: 'speakerLabels',
				description: 'HealthScribe tells the voices in a single-channel recording apart',
			},
			{
				name: 'Channel Identification (Two Channels)',
				value: 'channelIdentification',
				description: 'Each channel of a stereo recording is one participant',
			},
		],
		default: 'speakerLabels',
		description:
			'How HealthScribe tells the clinician and the patient apart: by their voices in a normal (one-channel) recording, or by channel when each person was recorded on their own channel of a stereo recording',
	},
	{
		displayName: 'Max Speakers',
		name: 'maxSpeakers',
		type: 'number',
		typeOptions: { minValue: 2, maxValue: 30 },
		default: 2,
		description: 'Most voices to tell apart (2 to 30)',
		displayOptions: { show: { speakerMode: ['speakerLabels'] } },
	},
	...channelRoleProperties(' of the stereo recording'),
	noteTemplateProperty(
		'The layout of the clinical note HealthScribe writes, e.g. History and Physical for a general consultation, or a SOAP or BIRP layout for behavioural health',
	),
	...waitProperties({}, WAIT),
	...slotProperties(),
	...outputProperties({ waitForCompletion: [true] }),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
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

			keyValueCollection(
				'KMS Encryption Context',
				'kmsEncryptionContext',
				'Up to 10 key-value pairs bound to the KMS encryption of the outputs',
			),
			{
				displayName: 'Output KMS Key ID',
				name: 'outputEncryptionKmsKeyId',
				type: 'string',
				default: '',
				placeholder: 'arn:aws:kms:us-east-1:123456789012:key/…',
				description:
					'KMS key (ID, ARN or alias) that encrypts the outputs; S3-managed encryption when empty',
			},
			patientPronounsOption,

			keyValueCollection(
				'Tags',
				'tags',
				'Up to 200 tags on the job, e.g. the appointment ID, to find it again',
			),
			...vocabularyFilterOptions,
		],
	},
];
