import type { EmulatorContext } from '../core/types';
import type { SyntheticEncounter } from '../data/encounters';
import type {
	DomainStatus,
	JobStatus,
	LanguageCode,
	MediaEncoding,
	ParticipantRole,
	StreamStatus,
	SubscriptionStatus,
} from './shapes';

/** Sandbox-clock durations (ms) of the emulated lifecycles. */
export interface ConnectHealthTimings {
	/** Patient insights job: SUBMITTED → IN_PROGRESS. */
	jobQueuedMs: number;
	/** Patient insights job: IN_PROGRESS → SUCCEEDED / FAILED. */
	jobRunMs: number;
	/** Domain: DELETING → DELETED. */
	domainDeletionMs: number;
	/** Listening session: stream end → post-stream artifacts COMPLETED (written to S3). */
	artifactGenerationMs: number;
}

export const DEFAULT_TIMINGS: ConnectHealthTimings = {
	jobQueuedMs: 2_000,
	jobRunMs: 8_000,
	domainDeletionMs: 5_000,
	artifactGenerationMs: 15_000,
};

export interface ConnectHealthQuotas {
	/** Domains not yet DELETED, per account (CreateDomain → ServiceQuotaExceededException). */
	maxDomains: number;
	/** Subscriptions not DELETED, per domain (CreateSubscription → ServiceQuotaExceededException). */
	maxSubscriptionsPerDomain: number;
	/** Page size when a List call sends no maxResults (the model states no default). */
	defaultMaxResults: number;
}

export const DEFAULT_QUOTAS: ConnectHealthQuotas = {
	maxDomains: 50,
	maxSubscriptionsPerDomain: 200,
	defaultMaxResults: 10,
};

export interface DomainRecord {
	domainId: string;
	arn: string;
	name: string;
	status: DomainStatus;
	createdAt: number;
	kmsKeyArn?: string;
	webAppConfiguration?: { ehrRole: string; idcApplicationId: string; idcRegion: string };
	webAppUrl?: string;
	/** CreateDomain is @idempotent: a retry with the same name and settings returns this domain. */
	requestKey: string;
	/** Sandbox time at which DELETING becomes DELETED. */
	deletedAt?: number;
}

export interface SubscriptionRecord {
	domainId: string;
	subscriptionId: string;
	arn: string;
	status: SubscriptionStatus;
	createdAt: number;
	lastUpdatedAt: number;
	activatedAt?: number;
	deactivatedAt?: number;
}

export interface JobRecord {
	domainId: string;
	jobId: string;
	jobArn: string;
	status: JobStatus;
	createdAt: number;
	updatedAt: number;
	/** Sandbox times of the two transitions, fixed when the job starts. */
	startsAt: number;
	endsAt: number;
	/** The request members as received (domainId and clientToken aside). */
	request: Record<string, unknown>;
	/** Canonical JSON of `request`, compared when a clientToken is reused. */
	requestKey: string;
	outputUri?: string;
	statusDetails?: string;
}

export type ArtifactName = 'note' | 'transcript' | 'afterVisitSummary';
export const ARTIFACT_NAMES: readonly ArtifactName[] = ['note', 'transcript', 'afterVisitSummary'];

export interface ArtifactRecord {
	status: 'IN_PROGRESS' | 'FAILED' | 'COMPLETED';
	outputLocation?: string;
	failureReason?: string;
}

export type NoteTemplateSettings =
	| { managedTemplate: { templateType: string } }
	| {
			customTemplate: {
				templateType: string;
				templateInstructions: Array<{ sectionHeader: string; sectionInstruction: string }>;
			};
	  };

export interface SessionRecord {
	sessionId: string;
	domainId: string;
	subscriptionId: string;
	languageCode: LanguageCode;
	mediaSampleRateHertz: number;
	mediaEncoding: MediaEncoding;
	channelDefinitions?: Array<{ channelId: number; participantRole: ParticipantRole }>;
	outputS3Uri: string;
	noteTemplateSettings: NoteTemplateSettings;
	encounterContextProvided: boolean;
	streamStatus: StreamStatus;
	streamCreationTime: number;
	streamEndTime?: number;
	encounter: SyntheticEncounter;
	/** Sandbox time at which the post-stream artifacts are generated; unset while no artifacts are due. */
	artifactsDueAt?: number;
	/** Artifacts that will fail instead of being written (for failure-path tests). */
	failArtifacts: ReadonlySet<ArtifactName>;
	artifacts?: Record<ArtifactName, ArtifactRecord>;
}

export interface State {
	domains: Map<string, DomainRecord>;
	subscriptions: Map<string, SubscriptionRecord>;
	jobs: Map<string, JobRecord>;
	/** `${domainId}\n${clientToken}` → jobId. */
	clientTokens: Map<string, string>;
	sessions: Map<string, SessionRecord>;
	/** ARN → tags, for every taggable resource this emulator knows. */
	tags: Map<string, Map<string, string>>;
	/** Ids of records with a transition still due, so advancing costs O(pending), not O(history). */
	pending: { domains: Set<string>; jobs: Set<string>; sessions: Set<string> };
}

export function createState(): State {
	return {
		domains: new Map(),
		subscriptions: new Map(),
		jobs: new Map(),
		clientTokens: new Map(),
		sessions: new Map(),
		tags: new Map(),
		pending: { domains: new Set(), jobs: new Set(), sessions: new Set() },
	};
}

/** What every operation module works with. */
export interface Env {
	ctx: EmulatorContext;
	state: State;
	timings: ConnectHealthTimings;
	quotas: ConnectHealthQuotas;
}

/** Canonical JSON (sorted keys) for comparing requests. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value !== null && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}
