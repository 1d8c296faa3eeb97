/** Amazon Transcribe medical scribe shapes (API 2017-10-26), as the API reference gives them (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_Types.html). */

export const JOB_STATUSES = ['QUEUED', 'IN_PROGRESS', 'FAILED', 'COMPLETED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const NOTE_TEMPLATES = [
	'HISTORY_AND_PHYSICAL',
	'GIRPP',
	'BIRP',
	'SIRP',
	'DAP',
	'BEHAVIORAL_SOAP',
	'PHYSICAL_SOAP',
] as const;
export type NoteTemplate = (typeof NOTE_TEMPLATES)[number];

export const PARTICIPANT_ROLES = ['PATIENT', 'CLINICIAN'] as const;
export const VOCABULARY_FILTER_METHODS = ['remove', 'mask', 'tag'] as const;
export const PRONOUNS = ['HE_HIM', 'SHE_HER', 'THEY_THEM'] as const;

export interface Media {
	MediaFileUri?: string;
	RedactedMediaFileUri?: string;
}

export interface Settings {
	ShowSpeakerLabels?: boolean;
	MaxSpeakerLabels?: number;
	ChannelIdentification?: boolean;
	VocabularyName?: string;
	VocabularyFilterName?: string;
	VocabularyFilterMethod?: string;
	ClinicalNoteGenerationSettings?: { NoteTemplate?: string };
}

export interface ChannelDefinition {
	ChannelId: number;
	ParticipantRole: string;
}

export interface Tag {
	Key: string;
	Value: string;
}

export interface StartRequest {
	MedicalScribeJobName: string;
	Media: Media;
	OutputBucketName: string;
	OutputEncryptionKMSKeyId?: string;
	KMSEncryptionContext?: Record<string, string>;
	DataAccessRoleArn: string;
	Settings: Settings;
	ChannelDefinitions?: ChannelDefinition[];
	Tags?: Tag[];
	MedicalScribeContext?: { PatientContext?: { Pronouns?: string } };
}

export interface ListRequest {
	Status?: JobStatus;
	JobNameContains?: string;
	NextToken?: string;
	MaxResults?: number;
}

/** A job as the emulator keeps it (times in sandbox-clock milliseconds). */
export interface ScribeJob {
	request: StartRequest;
	status: JobStatus;
	/** Monotonic creation order, the tie-break for equal CreationTime. */
	seq: number;
	creationTime: number;
	/** When the job leaves QUEUED and when it finishes (scheduled at creation). */
	startAt: number;
	finishAt: number;
	startTime?: number;
	completionTime?: number;
	failureReason?: string;
	output?: { TranscriptFileUri: string; ClinicalDocumentUri: string };
}

export const epochSeconds = (ms: number): number => ms / 1000;

/** The `MedicalScribeJob` structure Start and Get return. Pronouns stay private: only a flag is echoed. */
export function jobToWire(job: ScribeJob): Record<string, unknown> {
	const r = job.request;
	return {
		MedicalScribeJobName: r.MedicalScribeJobName,
		MedicalScribeJobStatus: job.status,
		LanguageCode: 'en-US',
		Media: r.Media,
		...(job.output ? { MedicalScribeOutput: job.output } : {}),
		...(job.startTime !== undefined ? { StartTime: epochSeconds(job.startTime) } : {}),
		CreationTime: epochSeconds(job.creationTime),
		...(job.completionTime !== undefined
			? { CompletionTime: epochSeconds(job.completionTime) }
			: {}),
		...(job.failureReason !== undefined ? { FailureReason: job.failureReason } : {}),
		Settings: r.Settings,
		DataAccessRoleArn: r.DataAccessRoleArn,
		...(r.ChannelDefinitions ? { ChannelDefinitions: r.ChannelDefinitions } : {}),
		MedicalScribeContextProvided: r.MedicalScribeContext !== undefined,
		...(r.Tags ? { Tags: r.Tags } : {}),
	};
}

export function jobToSummary(job: ScribeJob): Record<string, unknown> {
	return {
		MedicalScribeJobName: job.request.MedicalScribeJobName,
		CreationTime: epochSeconds(job.creationTime),
		...(job.startTime !== undefined ? { StartTime: epochSeconds(job.startTime) } : {}),
		...(job.completionTime !== undefined
			? { CompletionTime: epochSeconds(job.completionTime) }
			: {}),
		LanguageCode: 'en-US',
		MedicalScribeJobStatus: job.status,
		...(job.failureReason !== undefined ? { FailureReason: job.failureReason } : {}),
	};
}
