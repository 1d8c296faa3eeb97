import type {
	IntegerShape,
	ListShape,
	MapShape,
	StringShape,
	StructureShape,
	UnionShape,
} from './validate';

/**
 * The Connect Health (health-agent, 2025-01-29) input shapes with every constraint of the
 * Smithy model as the API reference gives it (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_Types.html). Member-level patterns override the
 * target's pattern, as in Smithy.
 */

export const DOMAIN_STATUSES = ['ACTIVE', 'DELETING', 'DELETED'] as const;
export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'INACTIVE', 'DELETED'] as const;
export const JOB_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;
export const MANAGED_TEMPLATES = [
	'HISTORY_AND_PHYSICAL',
	'GIRPP',
	'DAP',
	'SIRP',
	'BIRP',
	'BEHAVIORAL_SOAP',
	'PHYSICAL_SOAP',
] as const;
export const CUSTOM_TEMPLATE_BASES = [
	'HISTORY_AND_PHYSICAL',
	'GIRPP',
	'DAP',
	'SIRP',
	'BIRP',
	'BEHAVIORAL_SOAP',
] as const;
export const STREAM_STATUSES = ['IN_PROGRESS', 'PAUSED', 'FAILED', 'COMPLETED'] as const;
export const LANGUAGE_CODES = ['en-US', 'multi'] as const;
export const MEDIA_ENCODINGS = ['pcm', 'flac'] as const;
export const PARTICIPANT_ROLES = ['PATIENT', 'CLINICIAN'] as const;

export type DomainStatus = (typeof DOMAIN_STATUSES)[number];
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
export type JobStatus = (typeof JOB_STATUSES)[number];
export type ManagedNoteTemplate = (typeof MANAGED_TEMPLATES)[number];
export type CustomTemplateBase = (typeof CUSTOM_TEMPLATE_BASES)[number];
export type StreamStatus = (typeof STREAM_STATUSES)[number];
export type LanguageCode = (typeof LANGUAGE_CODES)[number];
export type MediaEncoding = (typeof MEDIA_ENCODINGS)[number];
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

const NON_EMPTY = /[\s\S]*\S[\s\S]*/;

export const DOMAIN_ID: StringShape = {
	kind: 'string',
	min: 20,
	max: 25,
	pattern: /^(hai-|dom-)[a-z0-9]+$/,
};
export const SUBSCRIPTION_ID: StringShape = {
	kind: 'string',
	min: 25,
	max: 25,
	pattern: /^sub-[a-zA-Z0-9]{21}$/,
};
export const SESSION_ID: StringShape = {
	kind: 'string',
	min: 36,
	max: 36,
	pattern: /[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}/,
};
export const JOB_ID: StringShape = { kind: 'string', min: 1, max: 36 };
export const S3_URI: StringShape = {
	kind: 'string',
	max: 1024,
	pattern: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/,
};
const KMS_KEY_ARN: StringShape = {
	kind: 'string',
	pattern: /^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-f0-9-]+$/,
};
const NON_EMPTY_STRING: StringShape = { kind: 'string', pattern: NON_EMPTY };
const SENSITIVE_NON_EMPTY: StringShape = { kind: 'string', pattern: NON_EMPTY, sensitive: true };
const MAX_RESULTS: IntegerShape = { kind: 'integer', min: 1, max: 100 };
const PLAIN_STRING: StringShape = { kind: 'string' };

export const TAG_MAP: MapShape = {
	kind: 'map',
	key: { kind: 'string', min: 1, max: 128 },
	value: { kind: 'string', min: 0, max: 256 },
};
const TAG_KEY_LIST: ListShape = {
	kind: 'list',
	member: { kind: 'string', min: 1, max: 128 },
	min: 1,
	max: 50,
};

export const CREATE_DOMAIN_INPUT: StructureShape = {
	kind: 'structure',
	required: ['name'],
	members: {
		name: { kind: 'string', min: 1, max: 64 },
		kmsKeyArn: KMS_KEY_ARN,
		webAppSetupConfiguration: {
			kind: 'structure',
			required: ['ehrRole', 'idcInstanceId', 'idcRegion'],
			members: {
				ehrRole: {
					kind: 'string',
					min: 1,
					max: 2048,
					pattern: /^arn:aws:iam::[0-9]{12}:role\/.+$/,
				},
				idcInstanceId: { kind: 'string', min: 1, max: 256 },
				idcRegion: { kind: 'string', min: 1, max: 64 },
			},
		},
		tags: TAG_MAP,
	},
};

export const DOMAIN_INPUT: StructureShape = {
	kind: 'structure',
	required: ['domainId'],
	members: { domainId: DOMAIN_ID },
};

export const SUBSCRIPTION_INPUT: StructureShape = {
	kind: 'structure',
	required: ['domainId', 'subscriptionId'],
	members: { domainId: DOMAIN_ID, subscriptionId: SUBSCRIPTION_ID },
};

export const LIST_DOMAINS_INPUT: StructureShape = {
	kind: 'structure',
	members: {
		status: { kind: 'string', enum: DOMAIN_STATUSES },
		maxResults: MAX_RESULTS,
		nextToken: PLAIN_STRING,
	},
};

export const LIST_SUBSCRIPTIONS_INPUT: StructureShape = {
	kind: 'structure',
	required: ['domainId'],
	members: { domainId: DOMAIN_ID, maxResults: MAX_RESULTS, nextToken: PLAIN_STRING },
};

export const GET_SESSION_INPUT: StructureShape = {
	kind: 'structure',
	required: ['sessionId', 'domainId', 'subscriptionId'],
	members: { sessionId: SESSION_ID, domainId: DOMAIN_ID, subscriptionId: SUBSCRIPTION_ID },
};

export const GET_JOB_INPUT: StructureShape = {
	kind: 'structure',
	required: ['domainId', 'jobId'],
	members: { domainId: DOMAIN_ID, jobId: JOB_ID },
};

export const START_JOB_INPUT: StructureShape = {
	kind: 'structure',
	required: [
		'domainId',
		'patientContext',
		'insightsContext',
		'encounterContext',
		'userContext',
		'inputDataConfig',
		'outputDataConfig',
	],
	members: {
		domainId: DOMAIN_ID,
		patientContext: {
			kind: 'structure',
			required: ['patientId'],
			members: {
				patientId: SENSITIVE_NON_EMPTY,
				dateOfBirth: {
					kind: 'string',
					pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
					sensitive: true,
				},
				pronouns: { kind: 'string', enum: ['HE_HIM', 'SHE_HER', 'THEY_THEM'], sensitive: true },
			},
		},
		insightsContext: {
			kind: 'structure',
			required: ['insightsType'],
			members: { insightsType: { kind: 'string', enum: ['PRE_VISIT'] } },
		},
		encounterContext: {
			kind: 'structure',
			required: ['encounterReason'],
			members: {
				encounterReason: {
					kind: 'string',
					min: 1,
					max: 256,
					pattern: /^[a-zA-Z0-9 .,-]+$/,
					sensitive: true,
				},
			},
		},
		userContext: {
			kind: 'structure',
			required: ['role', 'userId'],
			members: {
				role: { kind: 'string', enum: ['CLINICIAN'] },
				userId: SENSITIVE_NON_EMPTY,
				specialty: { kind: 'string', enum: ['PRIMARY_CARE'] },
			},
		},
		inputDataConfig: {
			kind: 'structure',
			members: {
				fhirServer: {
					kind: 'structure',
					required: ['fhirEndpoint'],
					members: {
						fhirEndpoint: {
							kind: 'string',
							pattern: /^https?:\/\/[a-zA-Z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/,
						},
						oauthToken: SENSITIVE_NON_EMPTY,
					},
				},
				s3Sources: {
					kind: 'list',
					max: 10,
					member: { kind: 'structure', required: ['uri'], members: { uri: S3_URI } },
				},
			},
		},
		outputDataConfig: {
			kind: 'structure',
			required: ['s3OutputPath'],
			members: { s3OutputPath: S3_URI },
		},
		clientToken: NON_EMPTY_STRING,
	},
};

export const TAG_RESOURCE_INPUT: StructureShape = {
	kind: 'structure',
	required: ['resourceArn', 'tags'],
	members: { resourceArn: PLAIN_STRING, tags: TAG_MAP },
};

export const UNTAG_RESOURCE_INPUT: StructureShape = {
	kind: 'structure',
	required: ['resourceArn', 'tagKeys'],
	members: { resourceArn: PLAIN_STRING, tagKeys: TAG_KEY_LIST },
};

export const LIST_TAGS_INPUT: StructureShape = {
	kind: 'structure',
	required: ['resourceArn'],
	members: { resourceArn: PLAIN_STRING },
};

/** StartMedicalScribeListeningSession: the six `x-amzn-medscribe-*` headers. */
export const START_SESSION_HEADERS: StructureShape = {
	kind: 'structure',
	required: [
		'sessionId',
		'domainId',
		'subscriptionId',
		'languageCode',
		'mediaSampleRateHertz',
		'mediaEncoding',
	],
	members: {
		sessionId: SESSION_ID,
		domainId: DOMAIN_ID,
		subscriptionId: SUBSCRIPTION_ID,
		languageCode: { kind: 'string', enum: LANGUAGE_CODES },
		mediaSampleRateHertz: { kind: 'integer', min: 8000, max: 48000 },
		mediaEncoding: { kind: 'string', enum: MEDIA_ENCODINGS },
	},
};

const MARKDOWN: StringShape = {
	kind: 'string',
	pattern: /^[\p{L}\p{N}\s*_\-#[\]().,:;!?'"`<>~/|+=&%@\\{}^]+$/u,
	sensitive: true,
};

export const NOTE_TEMPLATE_SETTINGS: UnionShape = {
	kind: 'union',
	members: {
		managedTemplate: {
			kind: 'structure',
			required: ['templateType'],
			members: { templateType: { kind: 'string', enum: MANAGED_TEMPLATES } },
		},
		customTemplate: {
			kind: 'structure',
			required: ['templateType', 'templateInstructions'],
			members: {
				templateType: { kind: 'string', enum: CUSTOM_TEMPLATE_BASES },
				templateInstructions: {
					kind: 'list',
					min: 1,
					max: 20,
					member: {
						kind: 'structure',
						required: ['sectionHeader', 'sectionInstruction'],
						members: {
							sectionHeader: { kind: 'string', pattern: /^[a-zA-Z0-9_]+$/, sensitive: true },
							sectionInstruction: MARKDOWN,
						},
					},
				},
			},
		},
	},
};

/** MedicalScribeConfigurationEvent: the first event of a listening session (and what seeded sessions are made from). */
export const CONFIGURATION_EVENT: StructureShape = {
	kind: 'structure',
	required: ['postStreamActionSettings'],
	members: {
		postStreamActionSettings: {
			kind: 'structure',
			required: ['outputS3Uri', 'clinicalNoteGenerationSettings'],
			members: {
				outputS3Uri: S3_URI,
				clinicalNoteGenerationSettings: {
					kind: 'structure',
					required: ['noteTemplateSettings'],
					members: { noteTemplateSettings: NOTE_TEMPLATE_SETTINGS },
				},
			},
		},
		channelDefinitions: {
			kind: 'list',
			min: 2,
			max: 2,
			member: {
				kind: 'structure',
				required: ['channelId', 'participantRole'],
				members: {
					channelId: { kind: 'integer', min: 0, max: 1 },
					participantRole: { kind: 'string', enum: PARTICIPANT_ROLES },
				},
			},
		},
		encounterContext: { kind: 'structure', members: { unstructuredContext: MARKDOWN } },
	},
};
