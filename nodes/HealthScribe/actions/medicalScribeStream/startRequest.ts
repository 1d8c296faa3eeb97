import type { MedicalScribeConfigurationEvent } from '@aws-sdk/client-transcribe-streaming';
import { randomUUID } from 'node:crypto';
import type { AudioFormat, AudioRules } from '../../../common/audio/recording';
import type { ParamReader } from '../../../common/params';
import type { ItemValidator } from '../../../common/validate';
import {
	KMS_CONTEXT_MAX_ENTRIES,
	KMS_CONTEXT_TEXT_MAX,
	KMS_KEY_MAX,
	KMS_KEY_PATTERN,
	NOTE_TEMPLATE_VALUES,
	PARTICIPANT_ROLES,
	PRONOUN_VALUES,
	ROLE_ARN_MAX,
	ROLE_ARN_MIN,
	ROLE_ARN_PATTERN,
	VOCABULARY_FILTER_METHODS,
} from '../../model';
import { checkName } from '../../transport/names';
import { checkPairs, type KeyValue } from '../medicalScribeJob/startRequest';
import { checkSessionId } from './output';

/**
 * HealthScribe streaming accepts 16,000–48,000 Hz audio as PCM (16-bit little-endian), FLAC or Ogg
 * Opus (StartMedicalScribeStream: MediaSampleRateHertz, MediaEncoding).
 */
export const STREAM_AUDIO_RULES: AudioRules = { minRate: 16000, maxRate: 48000, oggOpus: true };
export const STREAM_LANGUAGES = ['en-US'] as const;
export const DEFAULT_CHUNK_MS = 100;

export interface StreamRequest {
	sessionId: string;
	languageCode: string;
	audioSource: 'binary' | 's3';
	binaryPropertyName: string;
	audioS3Uri: string;
	/** Headerless PCM: its rate and channels as the user gave them; undefined = detect from the file. */
	rawPcm?: { sampleRate: number; channels: number };
	speakerMode: 'speakerLabels' | 'channelIdentification';
	channelRoles: [string, string];
	resourceAccessRoleArn: string;
	outputBucketName: string;
	noteTemplate: string;
	vocabularyName?: string;
	vocabularyFilterName?: string;
	vocabularyFilterMethod?: string;
	kmsKeyId?: string;
	kmsEncryptionContext: KeyValue[];
	patientPronouns?: string;
	chunkMs: number;
	realTime: boolean;
}

const pairs = (p: ParamReader, label: string, collection: unknown): KeyValue[] =>
	p.entries(label, collection, 'entries').map((entry) => ({
		key: p.text(`${label} Key`, entry.key, { trim: false }),
		value: p.text(`${label} Value`, entry.value, { trim: false }),
	}));

/** Every parameter of the item, checked against the API's rules before the recording is opened or anything is sent. */
export function readStreamRequest(p: ParamReader): StreamRequest {
	const extra = p.collection('additionalFields', 'Additional Fields');
	const options = p.collection('streamingOptions', 'Streaming Options');
	const audioSource = p.options('audioSource', 'Audio Source', ['binary', 's3'], 'binary');
	const binaryPropertyName =
		audioSource === 'binary'
			? p.string('binaryPropertyName', 'Input Binary Field', { required: true, fallback: 'data' })
			: '';
	const audioS3Uri =
		audioSource === 's3'
			? p.s3Uri('Audio S3 URI', p.raw('audioS3Uri', ''), {
					required: true,
					fix: 'Use s3://bucket/key of one recording, e.g. s3://recordings/visit.wav.',
				})!
			: '';
	const encoding = p.options('mediaEncoding', 'Media Encoding', ['detect', 'pcm'], 'detect');
	const speakerMode = p.options<StreamRequest['speakerMode']>(
		'speakerMode',
		'Speaker Identification',
		['speakerLabels', 'channelIdentification'],
		'speakerLabels',
	);
	const channelRoles: [string, string] = ['CLINICIAN', 'PATIENT'];
	if (speakerMode === 'channelIdentification') {
		channelRoles[0] = p.options('channel0Role', 'Channel 0 Role', PARTICIPANT_ROLES, 'CLINICIAN');
		channelRoles[1] = p.options('channel1Role', 'Channel 1 Role', PARTICIPANT_ROLES, 'PATIENT');
		// ChannelDefinitions: one clinician and one patient, one per channel.
		if (channelRoles[0] === channelRoles[1])
			p.fail(
				'Channel 1 Role',
				`both channels are ${channelRoles[0] === 'CLINICIAN' ? 'Clinician' : 'Patient'}`,
				'Give one channel the Clinician and the other the Patient.',
			);
	}
	let rawPcm: StreamRequest['rawPcm'];
	if (encoding === 'pcm') {
		const sampleRate = p.number('sampleRate', 'Sample Rate (Hz)', {
			min: STREAM_AUDIO_RULES.minRate,
			max: STREAM_AUDIO_RULES.maxRate,
			integer: true,
			fallback: 16000,
		});
		const channels = speakerMode === 'channelIdentification' ? 2 : 1;
		rawPcm = { sampleRate, channels };
	}
	const sessionId = p.text('Session ID', extra.sessionId) || randomUUID();
	checkSessionId(p, 'Session ID', sessionId);
	const vocabularyFilterName = p.optionalText('Vocabulary Filter Name', extra.vocabularyFilterName);
	const request: StreamRequest = {
		sessionId,
		languageCode: p.options('languageCode', 'Language', STREAM_LANGUAGES, 'en-US'),
		audioSource,
		binaryPropertyName,
		audioS3Uri,
		rawPcm,
		speakerMode,
		channelRoles,
		resourceAccessRoleArn: p.string('resourceAccessRoleArn', 'Resource Access Role ARN', {
			required: true,
		}),
		outputBucketName: p.bucket('Output Bucket Name', p.raw('outputBucketName', '')),
		noteTemplate: p.options(
			'noteTemplate',
			'Note Template',
			NOTE_TEMPLATE_VALUES,
			'HISTORY_AND_PHYSICAL',
		),
		vocabularyName: p.optionalText('Custom Vocabulary Name', extra.vocabularyName),
		vocabularyFilterName,
		vocabularyFilterMethod: vocabularyFilterName
			? p.choice(
					'Vocabulary Filter Method',
					extra.vocabularyFilterMethod,
					VOCABULARY_FILTER_METHODS,
					'mask',
				)
			: undefined,
		kmsKeyId: p.optionalText('KMS Key ID', extra.kmsKeyId),
		kmsEncryptionContext: pairs(p, 'KMS Encryption Context', extra.kmsEncryptionContext),
		patientPronouns: p.choice('Patient Pronouns', extra.patientPronouns, PRONOUN_VALUES),
		chunkMs: p.requiredNum('Chunk Duration (Ms)', options.chunkMs, {
			min: 20,
			max: 1000,
			integer: true,
			fallback: DEFAULT_CHUNK_MS,
		}),
		realTime: p.bool('Real-Time Pacing', options.realTime, false),
	};
	validateStreamRequest(p, request);
	return request;
}

/** The configuration event's rules (MedicalScribeConfigurationEvent) that can be checked locally. */
function validateStreamRequest(v: ItemValidator, r: StreamRequest): void {
	v.length('Resource Access Role ARN', r.resourceAccessRoleArn, ROLE_ARN_MIN, ROLE_ARN_MAX);
	v.pattern(
		'Resource Access Role ARN',
		r.resourceAccessRoleArn,
		ROLE_ARN_PATTERN,
		'Use an IAM role ARN like arn:aws:iam::123456789012:role/HealthScribeStreaming.',
	);
	checkName(v, 'Custom Vocabulary Name', r.vocabularyName);
	checkName(v, 'Vocabulary Filter Name', r.vocabularyFilterName);
	if (r.kmsKeyId) {
		v.length('KMS Key ID', r.kmsKeyId, 1, KMS_KEY_MAX);
		v.pattern(
			'KMS Key ID',
			r.kmsKeyId,
			KMS_KEY_PATTERN,
			'Use a KMS key ID, key ARN or alias (e.g. alias/healthscribe).',
		);
	}
	if (r.kmsEncryptionContext.length) {
		if (!r.kmsKeyId)
			v.fail(
				'KMS Encryption Context',
				'it is set without a KMS key',
				'Set "KMS Key ID" too, or remove the encryption context.',
			);
		checkPairs(
			v,
			'KMS Encryption Context',
			r.kmsEncryptionContext,
			KMS_CONTEXT_MAX_ENTRIES,
			KMS_CONTEXT_TEXT_MAX,
			1,
			KMS_CONTEXT_TEXT_MAX,
			false,
		);
	}
}

/** The recording must fit the chosen speaker identification: two channels for channel identification, one for speaker labels. */
export function checkChannels(
	v: ItemValidator,
	r: StreamRequest,
	format: AudioFormat,
	label: string,
): void {
	if (r.speakerMode === 'channelIdentification' && format.channels !== 2)
		v.fail(
			label,
			`it has ${format.channels} channel(s), and Channel Identification needs two (one per participant)`,
			'Use a two-channel recording, or choose Speaker Labels.',
		);
	if (r.speakerMode === 'speakerLabels' && format.channels !== 1)
		v.fail(
			label,
			'it has two channels, and Speaker Labels needs one',
			'Choose Channel Identification (Two Channels) and say who speaks on each channel, or mix the recording down to mono.',
		);
}

/** MedicalScribeConfigurationEvent exactly as AWS documents it; optional members are left out. */
export function configurationEvent(r: StreamRequest): MedicalScribeConfigurationEvent {
	return {
		ResourceAccessRoleArn: r.resourceAccessRoleArn,
		PostStreamAnalyticsSettings: {
			ClinicalNoteGenerationSettings: {
				OutputBucketName: r.outputBucketName,
				NoteTemplate: r.noteTemplate as 'HISTORY_AND_PHYSICAL',
			},
		},
		...(r.speakerMode === 'channelIdentification'
			? {
					ChannelDefinitions: r.channelRoles.map((role, channel) => ({
						ChannelId: channel,
						ParticipantRole: role as 'CLINICIAN',
					})),
				}
			: {}),
		...(r.vocabularyName ? { VocabularyName: r.vocabularyName } : {}),
		...(r.vocabularyFilterName
			? {
					VocabularyFilterName: r.vocabularyFilterName,
					VocabularyFilterMethod: r.vocabularyFilterMethod as 'mask',
				}
			: {}),
		...(r.kmsKeyId
			? {
					EncryptionSettings: {
						KmsKeyId: r.kmsKeyId,
						...(r.kmsEncryptionContext.length
							? {
									KmsEncryptionContext: Object.fromEntries(
										r.kmsEncryptionContext.map((e) => [e.key, e.value]),
									),
								}
							: {}),
					},
				}
			: {}),
		...(r.patientPronouns
			? { MedicalScribeContext: { PatientContext: { Pronouns: r.patientPronouns as 'HE_HIM' } } }
			: {}),
	};
}
