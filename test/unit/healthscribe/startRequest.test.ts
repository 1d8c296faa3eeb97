import type { INode } from 'n8n-workflow';
import { ItemValidator } from '../../../nodes/common/validate';
import {
	buildStartRequest,
	validateStartParams,
	type StartParams,
} from '../../../nodes/HealthScribe/actions/medicalScribeJob/startRequest';
import {
	deriveJobName,
	parseFieldList,
} from '../../../nodes/HealthScribe/actions/medicalScribeJob/jobName';
import {
	checkAudioSize,
	checkAudioType,
	uploadKey,
} from '../../../nodes/HealthScribe/actions/medicalScribeJob/media';

const node = {
	name: 'AWS HealthScribe',
	type: 'n8n-nodes-clinical-scribe.awsHealthScribe',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
} as unknown as INode;
const validator = () => new ItemValidator(node, 3);

const base: StartParams = {
	jobName: 'visit-2024-05-14-rm12',
	mediaFileUri: 's3://intake-bucket/visits/rm12.flac',
	outputBucketName: 'scribe-output',
	dataAccessRoleArn: 'arn:aws:iam::111122223333:role/HealthScribeAccess',
	speakerMode: 'speakerLabels',
	maxSpeakers: 2,
	noteTemplate: 'HISTORY_AND_PHYSICAL',
	patientPronouns: 'SHE_HER',
};

function failure(params: Partial<StartParams>): { message: string; description?: string } {
	try {
		validateStartParams(validator(), { ...base, ...params });
	} catch (error) {
		const e = error as { message: string; description?: string; context?: { itemIndex?: number } };
		expect(e.context?.itemIndex).toBe(3);
		return { message: e.message, description: e.description };
	}
	throw new Error('expected a validation error');
}

describe('StartMedicalScribeJob request', () => {
	it('builds exactly the body of the StartMedicalScribeJob example', () => {
		validateStartParams(validator(), base);
		expect(JSON.stringify(buildStartRequest(base))).toBe(
			'{"MedicalScribeJobName":"visit-2024-05-14-rm12","Media":{"MediaFileUri":"s3://intake-bucket/visits/rm12.flac"},"OutputBucketName":"scribe-output","DataAccessRoleArn":"arn:aws:iam::111122223333:role/HealthScribeAccess","Settings":{"ShowSpeakerLabels":true,"MaxSpeakerLabels":2,"ClinicalNoteGenerationSettings":{"NoteTemplate":"HISTORY_AND_PHYSICAL"}},"MedicalScribeContext":{"PatientContext":{"Pronouns":"SHE_HER"}}}',
		);
	});

	it('sends channel identification with two channel definitions and no speaker labels', () => {
		const params: StartParams = {
			...base,
			speakerMode: 'channelIdentification',
			maxSpeakers: undefined,
			channelRoles: ['CLINICIAN', 'PATIENT'],
		};
		validateStartParams(validator(), params);
		const request = buildStartRequest(params);
		expect(request.Settings).toEqual({
			ChannelIdentification: true,
			ClinicalNoteGenerationSettings: { NoteTemplate: 'HISTORY_AND_PHYSICAL' },
		});
		expect(request.ChannelDefinitions).toEqual([
			{ ChannelId: 0, ParticipantRole: 'CLINICIAN' },
			{ ChannelId: 1, ParticipantRole: 'PATIENT' },
		]);
	});

	it('sends vocabulary, filter, KMS key, context and tags only when given', () => {
		const params: StartParams = {
			...base,
			vocabularyName: 'cardio-terms',
			vocabularyFilterName: 'profanity',
			vocabularyFilterMethod: 'mask',
			outputEncryptionKmsKeyId: 'alias/healthscribe',
			kmsEncryptionContext: [{ key: 'clinic', value: 'north' }],
			tags: [{ key: 'appointment', value: '' }],
		};
		validateStartParams(validator(), params);
		const request = buildStartRequest(params);
		expect(request.Settings).toMatchObject({
			VocabularyName: 'cardio-terms',
			VocabularyFilterName: 'profanity',
			VocabularyFilterMethod: 'mask',
		});
		expect(request.OutputEncryptionKMSKeyId).toBe('alias/healthscribe');
		expect(request.KMSEncryptionContext).toEqual({ clinic: 'north' });
		expect(request.Tags).toEqual([{ Key: 'appointment', Value: '' }]);
		expect(buildStartRequest(base)).not.toHaveProperty('Tags');
		expect(buildStartRequest(base)).not.toHaveProperty('ChannelDefinitions');
	});

	it.each([
		[{ jobName: 'visit with spaces' }, 'Job Name'],
		[{ jobName: 'x'.repeat(201) }, 'Job Name'],
		[{ jobName: '' }, 'Job Name'],
		[{ mediaFileUri: 'ftp://host/file.wav' }, 'Media File URI'],
		[{ outputBucketName: 's3://scribe-output' }, 'Output Bucket Name'],
		[{ outputBucketName: 'Scribe_Output' }, 'Output Bucket Name'],
		[{ dataAccessRoleArn: 'arn:aws:iam::111122223333:user/someone' }, 'Data Access Role ARN'],
		[{ maxSpeakers: 1 }, 'Max Speakers'],
		[{ maxSpeakers: 31 }, 'Max Speakers'],
		[{ maxSpeakers: 2.5 }, 'Max Speakers'],
		[{ maxSpeakers: undefined }, 'Max Speakers'],
		[
			{ speakerMode: 'channelIdentification', channelRoles: ['CLINICIAN', 'DOCTOR'] },
			'Channel 1 Role',
		],
		[{ speakerMode: 'both' as never }, 'Speaker Identification'],
		[{ vocabularyFilterName: 'profanity' }, 'Vocabulary Filter Method'],
		[
			{ vocabularyFilterName: 'bad name!', vocabularyFilterMethod: 'mask' },
			'Vocabulary Filter Name',
		],
		[{ vocabularyName: 'has space' }, 'Custom Vocabulary Name'],
		[{ vocabularyFilterName: 'f', vocabularyFilterMethod: 'hide' }, 'Vocabulary Filter Method'],
		[{ noteTemplate: 'SOAP' }, 'Note Template'],
		[{ patientPronouns: 'HER' }, 'Patient Pronouns'],
		[{ outputEncryptionKmsKeyId: '-bad key' }, 'Output KMS Key ID'],
		[{ kmsEncryptionContext: [{ key: 'a', value: 'b' }] }, 'KMS Encryption Context'],
		[
			{ outputEncryptionKmsKeyId: 'k1', kmsEncryptionContext: [{ key: 'a', value: '   ' }] },
			'KMS Encryption Context #1 Value',
		],
		[
			{
				outputEncryptionKmsKeyId: 'k1',
				kmsEncryptionContext: Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
			},
			'KMS Encryption Context',
		],
		[{ tags: [{ key: '', value: 'v' }] }, 'Tags #1 Key'],
		[{ tags: [{ key: 'k', value: 'v'.repeat(257) }] }, 'Tags #1 Value'],
		[
			{
				tags: [
					{ key: 'k', value: '1' },
					{ key: 'k', value: '2' },
				],
			},
			'Tags #2 Key',
		],
	] as Array<[Partial<StartParams>, string]>)('rejects %j naming the field %s', (params, field) => {
		const { message, description } = failure(params);
		expect(message).toContain(`"${field}"`);
		expect(description).toBeTruthy();
	});

	it('checks the Region of HTTPS media URLs against the credential (rule 7)', () => {
		const url = 'https://s3.eu-west-1.amazonaws.com/intake/visit.wav';
		expect(() =>
			validateStartParams(validator(), { ...base, mediaFileUri: url }, 'us-east-1'),
		).toThrow('"Media File URI"');
		expect(() =>
			validateStartParams(
				validator(),
				{ ...base, mediaFileUri: 'https://intake.s3.us-east-1.amazonaws.com/visit.wav' },
				'us-east-1',
			),
		).not.toThrow();
		expect(() => validateStartParams(validator(), base, 'us-east-1')).not.toThrow();
	});

	it('never quotes the rejected value', () => {
		const { message, description } = failure({ jobName: 'Jane Roe visit' });
		expect(`${message} ${description}`).not.toContain('Jane');
	});
});

describe('derived job names', () => {
	const json = { appointment: { id: 'A-77' }, clinic: 'north' };

	it('is stable for the same media and fields and valid for the service', () => {
		const a = deriveJobName(validator(), 'clinic-visit', 's3://b/k.wav', json, [
			'appointment.id',
			'clinic',
		]);
		const b = deriveJobName(validator(), 'clinic-visit', 's3://b/k.wav', { ...json }, [
			'appointment.id',
			'clinic',
		]);
		expect(a).toBe(b);
		expect(a).toMatch(/^clinic-visit-[0-9a-f]{32}$/);
		expect(a).not.toContain('A-77');
	});

	it('changes with the media or a field value', () => {
		const a = deriveJobName(validator(), 'p', 's3://b/k.wav', json, ['clinic']);
		expect(deriveJobName(validator(), 'p', 's3://b/other.wav', json, ['clinic'])).not.toBe(a);
		expect(
			deriveJobName(validator(), 'p', 's3://b/k.wav', { clinic: 'south' }, ['clinic']),
		).not.toBe(a);
		expect(deriveJobName(validator(), 'p', 's3://b/k.wav', json, [])).not.toBe(a);
	});

	it('rejects a missing identifying field and a bad prefix', () => {
		expect(() => deriveJobName(validator(), 'p', 's3://b/k.wav', json, ['missing'])).toThrow(
			'"Identifying Fields"',
		);
		expect(() => deriveJobName(validator(), 'bad prefix', 's3://b/k.wav', json, [])).toThrow(
			'"Job Name Prefix"',
		);
	});

	it('parses field lists', () => {
		expect(parseFieldList(' a, b.c ,,')).toEqual(['a', 'b.c']);
	});
});

describe('binary media checks', () => {
	it('accepts audio types and falls back on the file name for generic types', () => {
		expect(
			checkAudioType(validator(), 'Input Binary Field', { data: '', mimeType: 'audio/x-wav' }),
		).toEqual({ contentType: 'audio/x-wav', extension: 'wav' });
		expect(
			checkAudioType(validator(), 'Input Binary Field', {
				data: '',
				mimeType: 'application/octet-stream',
				fileName: 'visit.FLAC',
			}),
		).toEqual({
			contentType: 'audio/flac',
			extension: 'flac',
		});
	});

	it('rejects non-audio, empty and oversized files', () => {
		expect(() =>
			checkAudioType(validator(), 'Input Binary Field', {
				data: '',
				mimeType: 'application/pdf',
				fileName: 'x.wav',
			}),
		).toThrow('"Input Binary Field"');
		expect(() => checkAudioSize(validator(), 'Input Binary Field', 0)).toThrow('empty');
		expect(() => checkAudioSize(validator(), 'Input Binary Field', 3 * 1024 ** 3)).toThrow(
			'"Input Binary Field"',
		);
	});

	it('stores a recording under a content-addressed key', () => {
		const key = uploadKey('healthscribe/input', Buffer.from('abc'), 'wav');
		expect(key).toBe(
			'healthscribe/input/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad.wav',
		);
		expect(uploadKey('', Buffer.from('abc'), 'wav')).toMatch(/^[0-9a-f]{64}\.wav$/);
	});
});
