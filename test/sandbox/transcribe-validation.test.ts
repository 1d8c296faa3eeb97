/**
 * Every service-side rule of StartMedicalScribeJob / ListMedicalScribeJobs / Get / Delete (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html),
 * sent through the unmodified SDK (which checks nothing itself) or as raw JSON where the SDK would not send it.
 */
import {
	GetMedicalScribeJobCommand,
	ListMedicalScribeJobsCommand,
	StartMedicalScribeJobCommand,
} from '@aws-sdk/client-transcribe';
import type { Sandbox } from '../../sandbox';
import { sandbox, transcribeCall, transcribeClient } from './core-helpers';

type Input = Record<string, any>;

const ROLE = 'arn:aws:iam::111122223333:role/HealthScribeAccess';

function valid(): Input {
	return {
		MedicalScribeJobName: 'valid-job',
		Media: { MediaFileUri: 's3://sandbox-media/recordings/visit.wav' },
		OutputBucketName: 'sandbox-output',
		DataAccessRoleArn: ROLE,
		Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
	};
}

const channels = [
	{ ChannelId: 0, ParticipantRole: 'CLINICIAN' },
	{ ChannelId: 1, ParticipantRole: 'PATIENT' },
];

/** [what is wrong, change to a valid request, expected message] — all BadRequestException. */
const START_CASES: Array<[string, (i: Input) => void, RegExp]> = [
	[
		'job name with a space',
		(i) => (i.MedicalScribeJobName = 'visit 12'),
		/at 'medicalScribeJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: \^\[0-9a-zA-Z\._-\]\+/,
	],
	[
		'job name of 201 characters',
		(i) => (i.MedicalScribeJobName = 'a'.repeat(201)),
		/medicalScribeJobName' failed to satisfy constraint: Member must have length less than or equal to 200/,
	],
	[
		'empty job name',
		(i) => (i.MedicalScribeJobName = ''),
		/medicalScribeJobName' failed to satisfy constraint: Member must have length greater than or equal to 1/,
	],
	[
		'missing job name',
		(i) => delete i.MedicalScribeJobName,
		/^1 validation error detected: Value null at 'medicalScribeJobName' failed to satisfy constraint: Member must not be null$/,
	],
	['missing Media', (i) => delete i.Media, /Value null at 'media'/],
	[
		'missing OutputBucketName',
		(i) => delete i.OutputBucketName,
		/Value null at 'outputBucketName'/,
	],
	[
		'missing DataAccessRoleArn',
		(i) => delete i.DataAccessRoleArn,
		/Value null at 'dataAccessRoleArn'/,
	],
	['missing Settings', (i) => delete i.Settings, /Value null at 'settings'/],
	[
		'output bucket given as s3:// URI',
		(i) => (i.OutputBucketName = 's3://sandbox-output'),
		/'outputBucketName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
	],
	[
		'output bucket with capitals',
		(i) => (i.OutputBucketName = 'Sandbox-Output'),
		/'outputBucketName'.*regular expression/,
	],
	[
		'output bucket of 65 characters',
		(i) => (i.OutputBucketName = 'b'.repeat(65)),
		/'outputBucketName'.*length less than or equal to 64/,
	],
	[
		'role ARN too short',
		(i) => (i.DataAccessRoleArn = 'arn:aws:iam::1:role'),
		/'dataAccessRoleArn'.*length greater than or equal to 20/,
	],
	[
		'role ARN of a user',
		(i) => (i.DataAccessRoleArn = 'arn:aws:iam::111122223333:user/clinic-admin'),
		/'dataAccessRoleArn'.*regular expression/,
	],
	[
		'media URI with another scheme',
		(i) => (i.Media = { MediaFileUri: 'ftp://files/visit.wav' }),
		/'media.mediaFileUri'.*regular expression/,
	],
	['Media without MediaFileUri', (i) => (i.Media = {}), /Media\.MediaFileUri/],
	[
		'MaxSpeakerLabels 1',
		(i) => (i.Settings.MaxSpeakerLabels = 1),
		/'settings.maxSpeakerLabels' failed to satisfy constraint: Member must have value greater than or equal to 2/,
	],
	[
		'MaxSpeakerLabels 31',
		(i) => (i.Settings.MaxSpeakerLabels = 31),
		/'settings.maxSpeakerLabels'.*less than or equal to 30/,
	],
	[
		'speaker labels and channel identification both on',
		(i) =>
			Object.assign(i, {
				Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2, ChannelIdentification: true },
				ChannelDefinitions: channels,
			}),
		/exactly one of ShowSpeakerLabels or ChannelIdentification/,
	],
	[
		'neither speaker labels nor channel identification',
		(i) => (i.Settings = {}),
		/exactly one of ShowSpeakerLabels or ChannelIdentification/,
	],
	[
		'both explicitly false',
		(i) => (i.Settings = { ShowSpeakerLabels: false, ChannelIdentification: false }),
		/exactly one of ShowSpeakerLabels or ChannelIdentification/,
	],
	[
		'speaker labels without MaxSpeakerLabels',
		(i) => (i.Settings = { ShowSpeakerLabels: true }),
		/MaxSpeakerLabels/,
	],
	[
		'channel identification without ChannelDefinitions',
		(i) => (i.Settings = { ChannelIdentification: true }),
		/must also specify ChannelDefinitions/,
	],
	[
		'ChannelDefinitions with speaker labels',
		(i) => (i.ChannelDefinitions = channels),
		/only specify ChannelDefinitions when ChannelIdentification is true/,
	],
	[
		'one channel definition',
		(i) =>
			Object.assign(i, {
				Settings: { ChannelIdentification: true },
				ChannelDefinitions: [channels[0]],
			}),
		/'channelDefinitions' failed to satisfy constraint: Member must have length greater than or equal to 2/,
	],
	[
		'three channel definitions',
		(i) =>
			Object.assign(i, {
				Settings: { ChannelIdentification: true },
				ChannelDefinitions: [...channels, channels[0]],
			}),
		/'channelDefinitions'.*length less than or equal to 2/,
	],
	[
		'ChannelId 2',
		(i) =>
			Object.assign(i, {
				Settings: { ChannelIdentification: true },
				ChannelDefinitions: [channels[0], { ChannelId: 2, ParticipantRole: 'PATIENT' }],
			}),
		/'channelDefinitions.2.member.channelId'.*less than or equal to 1/,
	],
	[
		'ChannelId 0 twice',
		(i) =>
			Object.assign(i, {
				Settings: { ChannelIdentification: true },
				ChannelDefinitions: [channels[0], { ChannelId: 0, ParticipantRole: 'PATIENT' }],
			}),
		/ChannelId 0 and ChannelId 1/,
	],
	[
		'unknown participant role',
		(i) =>
			Object.assign(i, {
				Settings: { ChannelIdentification: true },
				ChannelDefinitions: [channels[0], { ChannelId: 1, ParticipantRole: 'NURSE' }],
			}),
		/participantRole'.*enum value set: \[PATIENT, CLINICIAN\]/,
	],
	[
		'vocabulary filter without a method',
		(i) => (i.Settings.VocabularyFilterName = 'clinic-filter'),
		/must also specify VocabularyFilterMethod/,
	],
	[
		'vocabulary filter method in capitals',
		(i) =>
			Object.assign(i.Settings, {
				VocabularyFilterName: 'clinic-filter',
				VocabularyFilterMethod: 'MASK',
			}),
		/'settings.vocabularyFilterMethod'.*\[remove, mask, tag\]/,
	],
	[
		'vocabulary name with a space',
		(i) => (i.Settings.VocabularyName = 'clinic terms'),
		/'settings.vocabularyName'.*regular expression/,
	],
	[
		'unknown note template',
		(i) => (i.Settings.ClinicalNoteGenerationSettings = { NoteTemplate: 'SOAP' }),
		/'settings.clinicalNoteGenerationSettings.noteTemplate'.*HISTORY_AND_PHYSICAL, GIRPP, BIRP, SIRP, DAP, BEHAVIORAL_SOAP, PHYSICAL_SOAP/,
	],
	[
		'KMS key id starting with a dash',
		(i) => (i.OutputEncryptionKMSKeyId = '-bad-key'),
		/'outputEncryptionKMSKeyId'.*regular expression/,
	],
	[
		'empty KMS encryption context',
		(i) => (i.KMSEncryptionContext = {}),
		/'kMSEncryptionContext'.*length greater than or equal to 1/,
	],
	[
		'eleven KMS encryption context entries',
		(i) =>
			(i.KMSEncryptionContext = Object.fromEntries(
				Array.from({ length: 11 }, (_, n) => [`k${n}`, 'v']),
			)),
		/'kMSEncryptionContext'.*less than or equal to 10/,
	],
	[
		'blank KMS encryption context value',
		(i) => (i.KMSEncryptionContext = { purpose: '   ' }),
		/kMSEncryptionContext.purpose.member'.*regular expression pattern: \.\*\\S\.\*/,
	],
	['empty tag list', (i) => (i.Tags = []), /'tags'.*length greater than or equal to 1/],
	[
		'empty tag key',
		(i) => (i.Tags = [{ Key: '', Value: 'x' }]),
		/'tags.1.member.key'.*length greater than or equal to 1/,
	],
	[
		'tag value of 257 characters',
		(i) => (i.Tags = [{ Key: 'k', Value: 'v'.repeat(257) }]),
		/'tags.1.member.value'.*less than or equal to 256/,
	],
];

describe('StartMedicalScribeJob validation (BadRequestException, 400)', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test('the valid baseline is accepted', async () => {
		const res = await transcribeClient(sb).send(
			new StartMedicalScribeJobCommand({
				...(valid() as any),
				MedicalScribeJobName: 'baseline-ok',
			}),
		);
		expect(res.MedicalScribeJob!.MedicalScribeJobStatus).toBe('QUEUED');
	});

	test.each(START_CASES)('%s', async (_, change, message) => {
		const request = valid();
		change(request);
		await expect(
			transcribeClient(sb).send(new StartMedicalScribeJobCommand(request as any)),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(message),
			$metadata: { httpStatusCode: 400 },
		});
		expect(
			sb.transcribe.jobs().some((j) => j.MedicalScribeJobName === request.MedicalScribeJobName),
		).toBe(false);
	});

	test('constraint violations are reported together, counted like AWS does', async () => {
		const request: Input = { Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 99 } };
		await expect(
			transcribeClient(sb).send(new StartMedicalScribeJobCommand(request as any)),
		).rejects.toMatchObject({
			message: expect.stringMatching(
				/^5 validation errors detected: Value null at 'medicalScribeJobName'.*; Value null at 'media'.*; Value null at 'outputBucketName'.*; Value null at 'dataAccessRoleArn'.*; Value '99' at 'settings.maxSpeakerLabels'/,
			),
		});
	});

	test('pronouns are sensitive: an invalid value is refused without being echoed', async () => {
		const request = valid();
		request.MedicalScribeContext = { PatientContext: { Pronouns: 'XE_XEM' } };
		const reply = await transcribeCall(sb, 'StartMedicalScribeJob', request);
		expect(reply.status).toBe(400);
		expect(reply.json.__type).toBe('BadRequestException');
		expect(reply.json.Message).toMatch(
			/medicalScribeContext.patientContext.pronouns.*\[HE_HIM, SHE_HER, THEY_THEM\]/,
		);
		expect(reply.text).not.toContain('XE_XEM');
	});

	test('members of the wrong JSON type are a SerializationException', async () => {
		const request = valid();
		request.Settings.MaxSpeakerLabels = '2';
		const reply = await transcribeCall(sb, 'StartMedicalScribeJob', request);
		expect(reply.status).toBe(400);
		expect(reply.json.__type).toBe('SerializationException');
		const notJson = await transcribeCall(
			sb,
			'StartMedicalScribeJob',
			{},
			{ body: '{"MedicalScribeJobName":' },
		);
		expect(notJson.json.__type).toBe('SerializationException');
	});
});

describe('List, Get and Delete validation', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await sandbox();
	});
	afterAll(() => sb.stop());

	test.each([
		['MaxResults 0', { MaxResults: 0 }, /'maxResults'.*greater than or equal to 1/],
		['MaxResults 101', { MaxResults: 101 }, /'maxResults'.*less than or equal to 100/],
		['unknown status', { Status: 'DONE' }, /'status'.*\[QUEUED, IN_PROGRESS, FAILED, COMPLETED\]/],
		[
			'name filter with a space',
			{ JobNameContains: 'visit 1' },
			/'jobNameContains'.*regular expression/,
		],
		['empty name filter', { JobNameContains: '' }, /'jobNameContains'.*greater than or equal to 1/],
	])('List: %s', async (_, request, message) => {
		await expect(
			transcribeClient(sb).send(new ListMedicalScribeJobsCommand(request as any)),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(message),
		});
	});

	test('List: MaxResults 1 and 100 are the accepted bounds', async () => {
		for (const MaxResults of [1, 100]) {
			const res = await transcribeClient(sb).send(new ListMedicalScribeJobsCommand({ MaxResults }));
			expect(res.MedicalScribeJobSummaries).toEqual([]);
			expect(res.NextToken).toBeUndefined();
		}
	});

	test('Get and Delete validate the job name', async () => {
		await expect(
			transcribeClient(sb).send(
				new GetMedicalScribeJobCommand({ MedicalScribeJobName: 'bad name' }),
			),
		).rejects.toMatchObject({
			name: 'BadRequestException',
			message: expect.stringMatching(/'medicalScribeJobName'.*regular expression/),
		});
		const reply = await transcribeCall(sb, 'DeleteMedicalScribeJob', {});
		expect(reply.status).toBe(400);
		expect(reply.json.Message).toMatch(/Value null at 'medicalScribeJobName'/);
	});
});
