/**
 * The Connect Health (health-agent, 2025-01-29) model as the client needs it: enum values,
 * constrained-string patterns and the shapes of inputs and outputs. Timestamps in outputs are
 * ISO 8601 strings (converted from the wire's epoch seconds or date-time strings).
 */

export const DOMAIN_STATUSES = ['ACTIVE', 'DELETING', 'DELETED'] as const;
export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'INACTIVE', 'DELETED'] as const;
export const JOB_STATUSES = ['SUBMITTED', 'IN_PROGRESS', 'FAILED', 'SUCCEEDED'] as const;
export const INSIGHTS_TYPES = ['PRE_VISIT'] as const;
export const PRONOUNS = ['HE_HIM', 'SHE_HER', 'THEY_THEM'] as const;
export const PROVIDER_ROLES = ['CLINICIAN'] as const;
export const SPECIALTIES = ['PRIMARY_CARE'] as const;
export const MANAGED_NOTE_TEMPLATES = ['HISTORY_AND_PHYSICAL', 'GIRPP', 'DAP', 'SIRP', 'BIRP', 'BEHAVIORAL_SOAP', 'PHYSICAL_SOAP'] as const;
export const CUSTOM_TEMPLATE_BASES = ['HISTORY_AND_PHYSICAL', 'GIRPP', 'DAP', 'SIRP', 'BIRP', 'BEHAVIORAL_SOAP'] as const;
export const PARTICIPANT_ROLES = ['PATIENT', 'CLINICIAN'] as const;
export const ARTIFACT_STATUSES = ['IN_PROGRESS', 'FAILED', 'COMPLETED'] as const;

/** Constraints of the model (fact sheet §3.1); Smithy patterns are unanchored unless they say so. */
export const RULES = {
	domainId: { min: 20, max: 25, pattern: /^(hai-|dom-)[a-z0-9]+$/ },
	domainArn: /^arn:aws:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/((?:hai-|dom-)[a-z0-9]+)$/,
	domainName: { min: 1, max: 64 },
	subscriptionId: { min: 25, max: 25, pattern: /^sub-[a-zA-Z0-9]{21}$/ },
	subscriptionArn: /^arn:aws:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/((?:hai-|dom-)[a-z0-9]+)\/subscription\/(sub-[a-zA-Z0-9]{21})$/,
	sessionId: { min: 36, max: 36, pattern: /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/ },
	jobId: { min: 1, max: 36 },
	jobArn: { min: 20, max: 200, pattern: /^arn:aws[-a-z]*:health-agent:[-a-z0-9]+:[0-9]{12}:domain\/[-a-zA-Z0-9-]+\/patient-insights-job\/[-a-zA-Z0-9_/.]+$/ },
	/** Any Connect Health resource (domain, subscription, patient insights job). */
	resourceArn: /^arn:aws[-a-z]*:health-agent:[a-z0-9-]+:[0-9]{12}:domain\/\S+$/,
	kmsKeyArn: /^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:key\/[a-f0-9-]+$/,
	ehrRole: { min: 1, max: 2048, pattern: /^arn:aws:iam::[0-9]{12}:role\/.+$/ },
	idcInstanceId: { min: 1, max: 256 },
	idcRegion: { min: 1, max: 64 },
	s3Uri: { max: 1024, pattern: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/ },
	nonEmpty: /\S/,
	dateOfBirth: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
	encounterReason: { min: 1, max: 256, pattern: /^[a-zA-Z0-9 .,-]+$/ },
	fhirEndpoint: /^https?:\/\/[a-zA-Z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/,
	maxS3Sources: 10,
	tagKey: { min: 1, max: 128 },
	tagValue: { min: 0, max: 256 },
	tagKeys: { min: 1, max: 50 },
	maxResults: { min: 1, max: 100 },
	sectionHeader: /^[a-zA-Z0-9_]+$/,
	markdown: /^[\p{L}\p{N}\s*_\-#[\]().,:;!?'"`<>~/|+=&%@\\{}^]+$/u,
	templateInstructions: { min: 1, max: 20 },
} as const;

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
	inputDataConfig: { fhirServer?: { fhirEndpoint: string; oauthToken?: string }; s3Sources?: Array<{ uri: string }> };
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
		clinicalNoteGenerationSettings: { noteTemplateSettings?: { managedTemplate?: { templateType?: string }; customTemplate?: { templateType?: string } } };
	};
	postStreamActionResult?: {
		clinicalNoteGenerationResult?: { noteResult?: ArtifactDetails; transcriptResult?: ArtifactDetails; afterVisitSummaryResult?: ArtifactDetails };
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
