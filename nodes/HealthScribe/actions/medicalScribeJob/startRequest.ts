import type { StartMedicalScribeJobCommandInput } from '@aws-sdk/client-transcribe';
import { valueChecks } from '../../../common/params';
import type { ItemValidator } from '../../../common/validate';
import { checkName } from '../../transport/names';
import {
	KMS_CONTEXT_MAX_ENTRIES,
	KMS_CONTEXT_TEXT_MAX,
	KMS_KEY_MAX,
	KMS_KEY_PATTERN,
	MAX_SPEAKERS_MAX,
	MAX_SPEAKERS_MIN,
	MEDIA_URI_MAX,
	MEDIA_URI_PATTERN,
	NOTE_TEMPLATE_VALUES,
	PARTICIPANT_ROLES,
	PRONOUN_VALUES,
	ROLE_ARN_MAX,
	ROLE_ARN_MIN,
	ROLE_ARN_PATTERN,
	TAG_KEY_MAX,
	TAG_VALUE_MAX,
	TAGS_MAX,
	VOCABULARY_FILTER_METHODS,
} from '../../model';

export interface KeyValue {
	key: string;
	value: string;
}

/** Everything StartMedicalScribeJob needs, as read from one item's parameters. */
export interface StartParams {
	jobName: string;
	mediaFileUri: string;
	outputBucketName: string;
	dataAccessRoleArn: string;
	speakerMode: 'speakerLabels' | 'channelIdentification';
	maxSpeakers?: number;
	/** Role of channel 0 and channel 1. */
	channelRoles?: [string, string];
	noteTemplate?: string;
	outputEncryptionKmsKeyId?: string;
	kmsEncryptionContext?: KeyValue[];
	vocabularyName?: string;
	vocabularyFilterName?: string;
	vocabularyFilterMethod?: string;
	patientPronouns?: string;
	tags?: KeyValue[];
}

/** A bucket name under AWS's naming rules (common/params). */
export function checkBucket(v: ItemValidator, field: string, value: string): void {
	valueChecks(v).bucket(field, value);
}

export function checkPairs(
	v: ItemValidator,
	field: string,
	pairs: KeyValue[],
	maxEntries: number,
	keyMax: number,
	valueMin: number,
	valueMax: number,
	blankAllowed: boolean,
): void {
	if (pairs.length > maxEntries)
		v.fail(field, `it has ${pairs.length} entries`, `Use at most ${maxEntries} entries.`);
	const seen = new Set<string>();
	pairs.forEach((pair, index) => {
		const label = `${field} #${index + 1}`;
		v.required(`${label} Key`, pair.key);
		v.length(`${label} Key`, pair.key, 1, keyMax);
		v.length(`${label} Value`, pair.value, valueMin, valueMax);
		if (!blankAllowed && !/\S/.test(pair.value))
			v.fail(`${label} Value`, 'it is blank', 'Enter a value that is not only spaces.');
		if (seen.has(pair.key))
			v.fail(`${label} Key`, 'the key is used twice', 'Give every entry a different key.');
		seen.add(pair.key);
	});
}

/** The Region named in an S3 HTTPS URL (`s3.<region>.amazonaws.com`, `<bucket>.s3.<region>.amazonaws.com`), if any. */
export function mediaUriRegion(uri: string): string | undefined {
	return /^https?:\/\/(?:[^/]+\.)?s3[.-]([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//i
		.exec(uri)?.[1]
		?.toLowerCase();
}

/**
 * Every rule of https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html that can be checked without calling AWS. `region` is the
 * credential's Region: rule 7 (media in the job's Region) is checked where the URI names a Region.
 */
export function validateStartParams(v: ItemValidator, p: StartParams, region?: string): void {
	v.required('Job Name', p.jobName);
	checkName(v, 'Job Name', p.jobName);

	v.required('Media File URI', p.mediaFileUri);
	v.length('Media File URI', p.mediaFileUri, 1, MEDIA_URI_MAX);
	v.pattern(
		'Media File URI',
		p.mediaFileUri,
		MEDIA_URI_PATTERN,
		'Use an S3 URI like s3://my-bucket/visits/recording.flac.',
	);
	if (/^s3:\/\//i.test(p.mediaFileUri)) valueChecks(v).s3Uri('Media File URI', p.mediaFileUri);
	const mediaRegion = mediaUriRegion(p.mediaFileUri);
	if (region && mediaRegion && mediaRegion !== region)
		v.fail(
			'Media File URI',
			'the recording is in another AWS Region than the credential',
			`Copy the recording to a bucket in ${region} (HealthScribe reads media only from the job's Region).`,
		);

	checkBucket(v, 'Output Bucket Name', p.outputBucketName);

	v.required('Data Access Role ARN', p.dataAccessRoleArn);
	v.length('Data Access Role ARN', p.dataAccessRoleArn, ROLE_ARN_MIN, ROLE_ARN_MAX);
	v.pattern(
		'Data Access Role ARN',
		p.dataAccessRoleArn,
		ROLE_ARN_PATTERN,
		'Use an IAM role ARN like arn:aws:iam::123456789012:role/HealthScribeAccess.',
	);

	// Rules 1–3: exactly one of speaker labels and channel identification, with their companions.
	v.oneOf('Speaker Identification', p.speakerMode, ['speakerLabels', 'channelIdentification']);
	if (p.speakerMode === 'speakerLabels') {
		v.required(
			'Max Speakers',
			p.maxSpeakers,
			`Enter a number from ${MAX_SPEAKERS_MIN} to ${MAX_SPEAKERS_MAX}.`,
		);
		v.integer('Max Speakers', p.maxSpeakers);
		v.range('Max Speakers', p.maxSpeakers, MAX_SPEAKERS_MIN, MAX_SPEAKERS_MAX);
	} else {
		const [first, second] = p.channelRoles ?? [];
		v.required('Channel 0 Role', first);
		v.oneOf('Channel 0 Role', first, PARTICIPANT_ROLES);
		v.required('Channel 1 Role', second);
		v.oneOf('Channel 1 Role', second, PARTICIPANT_ROLES);
	}

	v.oneOf('Note Template', p.noteTemplate, NOTE_TEMPLATE_VALUES);
	checkName(v, 'Custom Vocabulary Name', p.vocabularyName);
	checkName(v, 'Vocabulary Filter Name', p.vocabularyFilterName);
	// Rule 4: a filter needs a method.
	if (p.vocabularyFilterName)
		v.required('Vocabulary Filter Method', p.vocabularyFilterMethod, 'Choose Mask, Remove or Tag.');
	v.oneOf('Vocabulary Filter Method', p.vocabularyFilterMethod, VOCABULARY_FILTER_METHODS);
	v.oneOf('Patient Pronouns', p.patientPronouns, PRONOUN_VALUES);

	if (p.outputEncryptionKmsKeyId) {
		v.length('Output KMS Key ID', p.outputEncryptionKmsKeyId, 1, KMS_KEY_MAX);
		v.pattern(
			'Output KMS Key ID',
			p.outputEncryptionKmsKeyId,
			KMS_KEY_PATTERN,
			'Use a KMS key ID, key ARN or alias (e.g. alias/healthscribe).',
		);
	}
	if (p.kmsEncryptionContext?.length) {
		if (!p.outputEncryptionKmsKeyId)
			v.fail(
				'KMS Encryption Context',
				'it is set without a KMS key',
				'Set "Output KMS Key ID" too, or remove the encryption context.',
			);
		checkPairs(
			v,
			'KMS Encryption Context',
			p.kmsEncryptionContext,
			KMS_CONTEXT_MAX_ENTRIES,
			KMS_CONTEXT_TEXT_MAX,
			1,
			KMS_CONTEXT_TEXT_MAX,
			false,
		);
		p.kmsEncryptionContext.forEach((pair, index) => {
			if (!/\S/.test(pair.key))
				v.fail(
					`KMS Encryption Context #${index + 1} Key`,
					'it is blank',
					'Enter a key that is not only spaces.',
				);
		});
	}
	if (p.tags?.length) checkPairs(v, 'Tags', p.tags, TAGS_MAX, TAG_KEY_MAX, 0, TAG_VALUE_MAX, true);
}

/** The request exactly as AWS documents it; optional members are left out, never null. */
export function buildStartRequest(p: StartParams): StartMedicalScribeJobCommandInput {
	const channels = p.speakerMode === 'channelIdentification';
	return {
		MedicalScribeJobName: p.jobName,
		Media: { MediaFileUri: p.mediaFileUri },
		OutputBucketName: p.outputBucketName,
		DataAccessRoleArn: p.dataAccessRoleArn,
		...(p.outputEncryptionKmsKeyId ? { OutputEncryptionKMSKeyId: p.outputEncryptionKmsKeyId } : {}),
		...(p.outputEncryptionKmsKeyId && p.kmsEncryptionContext?.length
			? {
					KMSEncryptionContext: Object.fromEntries(
						p.kmsEncryptionContext.map((pair) => [pair.key, pair.value]),
					),
				}
			: {}),
		Settings: {
			...(channels
				? { ChannelIdentification: true }
				: { ShowSpeakerLabels: true, MaxSpeakerLabels: p.maxSpeakers }),
			...(p.vocabularyName ? { VocabularyName: p.vocabularyName } : {}),
			...(p.vocabularyFilterName
				? {
						VocabularyFilterName: p.vocabularyFilterName,
						VocabularyFilterMethod: p.vocabularyFilterMethod as 'mask',
					}
				: {}),
			...(p.noteTemplate
				? {
						ClinicalNoteGenerationSettings: {
							NoteTemplate: p.noteTemplate as 'HISTORY_AND_PHYSICAL',
						},
					}
				: {}),
		},
		...(channels
			? {
					ChannelDefinitions: p.channelRoles!.map((role, channel) => ({
						ChannelId: channel,
						ParticipantRole: role as 'PATIENT',
					})),
				}
			: {}),
		...(p.tags?.length ? { Tags: p.tags.map((tag) => ({ Key: tag.key, Value: tag.value })) } : {}),
		...(p.patientPronouns
			? { MedicalScribeContext: { PatientContext: { Pronouns: p.patientPronouns as 'HE_HIM' } } }
			: {}),
	};
}
