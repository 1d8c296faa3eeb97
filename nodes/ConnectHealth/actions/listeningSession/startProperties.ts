import type { INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { waitProperties, type WaitDefaults } from '../../../common/waitFor';
import {
	CUSTOM_TEMPLATE_BASES,
	MANAGED_NOTE_TEMPLATES,
	PARTICIPANT_ROLES,
} from '../../transport/model';
import { domainLocator, subscriptionLocator } from '../locators';
import { START_NOTICE, undatedLocationNotice } from '../outputLocationNotice';
import { noteParameter, noteProperties } from './noteOptions';

/** The parameters of Medical Scribe Listening Session → Start (the execute is in start.ts). */

export const WAIT: WaitDefaults = {
	maxWaitMinutes: 10,
	onTimeout: 'returnJob',
	description: 'Whether to wait until the clinical note has been written, then return it',
};
export const LANGUAGES = ['en-US', 'multi'] as const;
export const DEFAULT_CHUNK_MS = 100;
const optionName = (value: string) =>
	value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const choices = (values: readonly string[]) =>
	values.map((value) => ({ name: optionName(value), value }));

export const option: OperationOption<'start'> = {
	name: 'Start',
	value: 'start',
	action: 'Start a listening session from a recording',
	description:
		'Stream a recording into a new listening session and get its transcript, optionally waiting for the clinical note',
};

/** How the note is returned once Wait for Completion has it (EncounterNote by default here). */
export const startNote = noteParameter({
	default: 'encounterNote',
	description: 'Once the note is written: in which shape to return it under "note"',
});

/** The note settings shown with Wait for Completion. */
export const startNoteProperties: INodeProperties[] = noteProperties(
	{ waitForCompletion: [true] },
	startNote,
);

export const description: INodeProperties[] = [
	domainLocator(),
	subscriptionLocator(),
	{
		displayName: 'Audio Source',
		name: 'audioSource',
		type: 'options',
		options: [
			{
				name: 'Binary Property',
				value: 'binary',
				description: 'A recording on the input item (WAV PCM 16-bit or FLAC)',
			},
			{ name: 'S3 URI', value: 's3', description: 'A recording in S3 (WAV PCM 16-bit or FLAC)' },
		],
		default: 'binary',
		description: 'Where the consultation recording comes from',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description:
			'The binary property holding the recording. Sample rate and channels are read from the file.',
		displayOptions: { show: { audioSource: ['binary'] } },
	},
	{
		displayName: 'Audio S3 URI',
		name: 'audioS3Uri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 's3://recordings/2026/11/30/visit-0900.wav',
		description:
			'Where the recording is stored in Amazon S3: s3://, then the bucket name, then the file’s path (in the S3 console: select the file → Copy S3 URI). WAV (PCM 16-bit) or FLAC.',
		displayOptions: { show: { audioSource: ['s3'] } },
	},
	{
		displayName: 'Language',
		name: 'languageCode',
		type: 'options',
		options: [
			{ name: 'English (US)', value: 'en-US' },
			{
				name: 'Multiple Languages (Code Switching)',
				value: 'multi',
				description: 'For consultations that switch between languages',
			},
		],
		default: 'en-US',
		description: 'Language spoken in the consultation',
	},
	{
		displayName: 'Output S3 URI',
		name: 'outputS3Uri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://scribe-output/sessions/{yyyy}/{mm}/{dd}/',
		description:
			'Where the service writes the transcript, clinical note and after-visit summary. {yyyy}, {mm} and {dd} are replaced with today’s UTC date, so the trigger can watch recent days only.',
	},
	undatedLocationNotice('outputS3Uri', START_NOTICE),
	{
		displayName: 'Note Template',
		name: 'noteTemplateKind',
		type: 'options',
		options: [
			{
				name: 'Managed Template',
				value: 'managed',
				description: 'One of Amazon’s ready-made note layouts',
			},
			{
				name: 'Custom Template',
				value: 'custom',
				description: 'A base template with your own sections and instructions',
			},
		],
		default: 'managed',
		description: 'The layout of the clinical note',
	},
	{
		displayName: 'Template',
		name: 'managedTemplate',
		type: 'options',
		options: choices(MANAGED_NOTE_TEMPLATES),
		default: 'HISTORY_AND_PHYSICAL',
		description:
			'History and Physical for a general consultation; SOAP, GIRPP, DAP, SIRP and BIRP are common layouts for behavioural health and therapy notes',
		displayOptions: { show: { noteTemplateKind: ['managed'] } },
	},
	{
		displayName: 'Base Template',
		name: 'customTemplateBase',
		type: 'options',
		options: choices(CUSTOM_TEMPLATE_BASES),
		default: 'HISTORY_AND_PHYSICAL',
		description: 'The ready-made layout your sections start from',
		displayOptions: { show: { noteTemplateKind: ['custom'] } },
	},
	{
		displayName: 'Sections',
		name: 'templateSections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Section',
		default: {},
		description:
			'1 to 20 sections of the note, each with a header (letters, digits, underscores) and an instruction',
		displayOptions: { show: { noteTemplateKind: ['custom'] } },
		options: [
			{
				name: 'section',
				displayName: 'Section',
				values: [
					{
						displayName: 'Header',
						name: 'sectionHeader',
						type: 'string',
						default: '',
						placeholder: 'Chief_Complaint',
						description: 'The section’s heading in the note (letters, digits and underscores)',
					},
					{
						displayName: 'Instruction',
						name: 'sectionInstruction',
						type: 'string',
						typeOptions: { rows: 2 },
						default: '',
						description:
							'What the scribe should write in this section, e.g. "Medications discussed, with doses"',
					},
				],
			},
		],
	},
	...waitProperties({}, WAIT),
	...startNoteProperties,
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Channel 0 Speaker',
				name: 'channel0Role',
				type: 'options',
				options: choices(PARTICIPANT_ROLES),
				default: 'CLINICIAN',
				description:
					'Two-channel recordings only: who speaks on the first (left) channel; the other participant is on channel 1',
			},
			{
				displayName: 'Encounter Context',
				name: 'encounterContext',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description:
					'Free-text context for the note (markdown). Treated as sensitive: never shown in errors.',
			},
			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				placeholder: '123e4567-e89b-42d3-a456-426614174000',
				description: 'A UUID for the new session; leave blank for a new random one per item',
			},
		],
	},
];

/** Entries of the Options collection besides Concurrency. */
export const options: INodeProperties[] = [
	{
		displayName: 'Binary Audio Events',
		name: 'binaryAudioEvents',
		type: 'boolean',
		default: false,
		description:
			'Whether to send raw audio (binaryAudioEvent, about 25% less data) instead of base64 audio in JSON (audioEvent). Only services updated after June 2026 accept it.',
	},
	{
		displayName: 'Chunk Duration (Ms)',
		name: 'chunkMs',
		type: 'number',
		typeOptions: { minValue: 20, maxValue: 1000 },
		default: DEFAULT_CHUNK_MS,
		description: 'Audio per event. AWS recommends 50–200 ms chunks for streaming.',
	},
	{
		displayName: 'Real-Time Pacing',
		name: 'realTime',
		type: 'boolean',
		default: false,
		description:
			'Whether to send the audio no faster than it plays, as a live microphone would. Off: as fast as the service accepts.',
	},
];
