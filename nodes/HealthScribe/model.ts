/** HealthScribe API facts (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html): enums, patterns and limits the nodes check before calling. */

export const JOB_STATUSES = ['QUEUED', 'IN_PROGRESS', 'FAILED', 'COMPLETED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const TERMINAL_STATUSES: readonly JobStatus[] = ['COMPLETED', 'FAILED'];
export const RUNNING_STATUSES: readonly JobStatus[] = ['QUEUED', 'IN_PROGRESS'];

export const NOTE_TEMPLATES = [
	['History and Physical', 'HISTORY_AND_PHYSICAL'],
	['GIRPP (Goal, Intervention, Response, Progress, Plan)', 'GIRPP'],
	['BIRP (Behavior, Intervention, Response, Plan)', 'BIRP'],
	['SIRP (Situation, Intervention, Response, Plan)', 'SIRP'],
	['DAP (Data, Assessment, Plan)', 'DAP'],
	['Behavioral Health SOAP', 'BEHAVIORAL_SOAP'],
	['Physical Health SOAP', 'PHYSICAL_SOAP'],
] as const;
export const NOTE_TEMPLATE_VALUES = NOTE_TEMPLATES.map(([, value]) => value);

export const PRONOUNS = [
	['He/Him', 'HE_HIM'],
	['She/Her', 'SHE_HER'],
	['They/Them', 'THEY_THEM'],
] as const;
export const PRONOUN_VALUES = PRONOUNS.map(([, value]) => value);

export const PARTICIPANT_ROLES = ['CLINICIAN', 'PATIENT'] as const;
export const VOCABULARY_FILTER_METHODS = ['mask', 'remove', 'tag'] as const;

/** Job, vocabulary and filter names: 1..200 of [0-9a-zA-Z._-]. */
export const NAME_PATTERN = /^[0-9a-zA-Z._-]+$/;
export const NAME_MAX = 200;
export const MEDIA_URI_PATTERN = /^(s3:\/\/|https?:\/\/).+/;
export const MEDIA_URI_MAX = 2000;
export const KMS_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,2048}$/;
export const KMS_KEY_MAX = 2048;
export const KMS_CONTEXT_MAX_ENTRIES = 10;
export const KMS_CONTEXT_TEXT_MAX = 2000;
export const ROLE_ARN_PATTERN =
	/^arn:(aws|aws-cn|aws-us-gov|aws-iso-?[a-z]?):iam::[0-9]{0,63}:role\/[A-Za-z0-9:_/+=,@.-]{0,1024}$/;
export const ROLE_ARN_MIN = 20;
export const ROLE_ARN_MAX = 2048;
export const MAX_SPEAKERS_MIN = 2;
export const MAX_SPEAKERS_MAX = 30;
export const TAGS_MAX = 200;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
/** ListMedicalScribeJobs MaxResults ceiling. */
export const LIST_PAGE_MAX = 100;
