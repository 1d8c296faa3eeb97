/**
 * The Connect Health (health-agent, 2025-01-29) model as the client needs it: enum values and the
 * shapes of inputs and outputs (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_Types.html).
 * Timestamps in outputs are ISO 8601 strings (converted from the wire's epoch seconds or date-time
 * strings). The constraints checked before a call live with the checks, in actions/validation.ts.
 */

export const DOMAIN_STATUSES = ['ACTIVE', 'DELETING', 'DELETED'] as const;
export const JOB_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;
export const INSIGHTS_TYPES = ['PRE_VISIT'] as const;
export const PRONOUNS = ['HE_HIM', 'SHE_HER', 'THEY_THEM'] as const;
export const PROVIDER_ROLES = ['CLINICIAN'] as const;
export const SPECIALTIES = ['PRIMARY_CARE'] as const;
export const MANAGED_NOTE_TEMPLATES = [
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
export const PARTICIPANT_ROLES = ['PATIENT', 'CLINICIAN'] as const;

export type Tags = Record<string, string>;

export interface DomainSummary {
	domainId: string;
	arn: string;
	name: string;
	status: string;
	createdAt: string;
}

export interface Domain extends DomainSummary {
	kmsKeyArn?: string;
	encryptionContext?: { encryptionType: string; kmsKeyArn?: string };
	webAppUrl?: string;
	webAppConfiguration?: { ehrRole: string; idcApplicationId: string; idcRegion: string };
	tags?: Tags;
}

export interface DeletedDomain {
	domainId: string;
	arn: string;
	status: string;
}

export interface Subscription {
	domainId: string;
	subscriptionId: string;
	arn: string;
	status: string;
	createdAt: string;
	lastUpdatedAt: string;
	activatedAt?: string;
	deactivatedAt?: string;
}

export interface CreateDomainInput {
	name: string;
	kmsKeyArn?: string;
	webAppSetupConfiguration?: { ehrRole: string; idcInstanceId: string; idcRegion: string };
	tags?: Tags;
}

export interface PatientInsightsJobInput {
	domainId: string;
	patientContext: { patientId: string; dateOfBirth?: string; pronouns?: string };
	insightsContext: { insightsType: string };
	encounterContext: { encounterReason: string };
	userContext: { role: string; userId: string; specialty?: string };
	inputDataConfig: {
		fhirServer?: { fhirEndpoint: string; oauthToken?: string };
		s3Sources?: Array<{ uri: string }>;
	};
	outputDataConfig: { s3OutputPath: string };
	/** Generated (UUID v4) when absent, once per call, and reused on every retry. */
	clientToken?: string;
}

export interface StartedPatientInsightsJob {
	jobArn: string;
	jobId: string;
	creationTime?: string;
}

/** GetPatientInsightsJob output; the FHIR OAuth token the service echoes is never passed on. */
export interface PatientInsightsJob {
	jobId: string;
	jobArn: string;
	jobStatus: string;
	patientContext: PatientInsightsJobInput['patientContext'];
	insightsContext: PatientInsightsJobInput['insightsContext'];
	encounterContext: PatientInsightsJobInput['encounterContext'];
	userContext: PatientInsightsJobInput['userContext'];
	inputDataConfig: { fhirServer?: { fhirEndpoint: string }; s3Sources?: Array<{ uri: string }> };
	outputDataConfig: { s3OutputPath: string };
	creationTime?: string;
	updatedTime?: string;
	insightsOutput?: { uri: string };
	statusDetails?: string;
}

export interface ArtifactDetails {
	outputLocation?: string;
	status?: string;
	failureReason?: string;
}

export interface ListeningSessionDetails {
	sessionId?: string;
	domainId?: string;
	subscriptionId?: string;
	languageCode?: string;
	mediaSampleRateHertz?: number;
	mediaEncoding?: string;
	channelDefinitions?: Array<{ channelId: number; participantRole: string }>;
	postStreamActionSettings?: {
		outputS3Uri: string;
		clinicalNoteGenerationSettings: {
			noteTemplateSettings?: {
				managedTemplate?: { templateType?: string };
				customTemplate?: { templateType?: string };
			};
		};
	};
	postStreamActionResult?: {
		clinicalNoteGenerationResult?: {
			noteResult?: ArtifactDetails;
			transcriptResult?: ArtifactDetails;
			afterVisitSummaryResult?: ArtifactDetails;
		};
	};
	encounterContextProvided?: boolean;
	streamStatus?: string;
	streamCreationTime?: string;
	streamEndTime?: string;
}

export interface Page<T> {
	items: T[];
	nextToken?: string;
}
