import type { IExecuteFunctions } from 'n8n-workflow';
import { awsSession } from '../../../common/aws/clients';
import { params, type ParamReader } from '../../../common/params';
import {
	NOTE_TEMPLATE_VALUES,
	PARTICIPANT_ROLES,
	PRONOUN_VALUES,
	VOCABULARY_FILTER_METHODS,
} from '../../model';
import { deriveJobName, parseFieldList } from './jobName';
import { readBinaryMedia, type PendingUpload } from './media';
import { validateStartParams, type KeyValue, type StartParams } from './startRequest';

/** A key/value fixedCollection's entries, as text (values keep their spaces). */
const pairs = (p: ParamReader, label: string, collection: unknown): KeyValue[] =>
	p.entries(label, collection, 'entries').map((entry) => ({
		key: p.text(`${label} Key`, entry.key, { trim: false }),
		value: p.text(`${label} Value`, entry.value, { trim: false }),
	}));

/** Reads and checks every parameter of the item; the upload (if any) is prepared but not sent. */
export async function readStartParams(
	context: IExecuteFunctions,
	i: number,
): Promise<{ params: StartParams; upload?: PendingUpload }> {
	const p = params(context, i);
	const upload =
		p.options('mediaSource', 'Media Source', ['s3', 'binary'], 's3') === 'binary'
			? await readBinaryMedia(context, p, i)
			: undefined;
	const mediaFileUri = upload
		? `s3://${upload.bucket}/${upload.key}`
		: p.string('mediaFileUri', 'Media File URI');
	const jobName =
		p.options('jobNameMode', 'Job Name', ['derive', 'custom'], 'derive') === 'custom'
			? p.string('jobName', 'Job Name')
			: deriveJobName(
					p,
					p.string('jobNamePrefix', 'Job Name Prefix'),
					mediaFileUri,
					context.getInputData()[i].json,
					parseFieldList(p.string('identifyingFields', 'Identifying Fields')),
				);
	const extra = p.collection('additionalFields', 'Additional Fields');
	const speakerMode = p.options<StartParams['speakerMode']>(
		'speakerMode',
		'Speaker Identification',
		['speakerLabels', 'channelIdentification'],
		'speakerLabels',
	);
	const vocabularyFilterName = p.optionalText('Vocabulary Filter Name', extra.vocabularyFilterName);
	const request: StartParams = {
		jobName,
		mediaFileUri,
		outputBucketName: p.string('outputBucketName', 'Output Bucket Name'),
		dataAccessRoleArn: p.string('dataAccessRoleArn', 'Data Access Role ARN'),
		speakerMode,
		...(speakerMode === 'speakerLabels'
			? { maxSpeakers: p.num('Max Speakers', p.raw('maxSpeakers')) }
			: {
					channelRoles: [
						p.options('channel0Role', 'Channel 0 Role', PARTICIPANT_ROLES),
						p.options('channel1Role', 'Channel 1 Role', PARTICIPANT_ROLES),
					] as [string, string],
				}),
		noteTemplate: p.choice('Note Template', p.raw('noteTemplate', ''), NOTE_TEMPLATE_VALUES),
		outputEncryptionKmsKeyId: p.optionalText('Output KMS Key ID', extra.outputEncryptionKmsKeyId),
		kmsEncryptionContext: pairs(p, 'KMS Encryption Context', extra.kmsEncryptionContext),
		vocabularyName: p.optionalText('Custom Vocabulary Name', extra.vocabularyName),
		vocabularyFilterName,
		vocabularyFilterMethod: vocabularyFilterName
			? p.choice(
					'Vocabulary Filter Method',
					extra.vocabularyFilterMethod,
					VOCABULARY_FILTER_METHODS,
				)
			: undefined,
		patientPronouns: p.choice('Patient Pronouns', extra.patientPronouns, PRONOUN_VALUES),
		tags: pairs(p, 'Tags', extra.tags),
	};
	validateStartParams(p, request, (await awsSession(context)).settings.region);
	return { params: request, upload };
}
