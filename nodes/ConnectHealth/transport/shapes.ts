/**
 * Response deserializers, member by member, as the AWS SDK's generated deserializers do: only the
 * members of the published shapes are read, each checked for its type, so a member the package
 * does not know (or a secret the service echoes, such as a FHIR OAuth token) never reaches an item.
 * Shapes: https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_Types.html
 */
import type {
	ArtifactDetails,
	DeletedDomain,
	Domain,
	DomainSummary,
	ListeningSessionDetails,
	Page,
	PatientInsightsJob,
	StartedPatientInsightsJob,
	Subscription,
	Tags,
} from './model';
import { dateTimeToIso, epochSecondsToIso } from './timestamps';

/** Reads one member; undefined drops it (absent, or not of its type). */
export type Reader<T> = (value: unknown) => T | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

const string: Reader<string> = (value) => (typeof value === 'string' ? value : undefined);
const number: Reader<number> = (value) =>
	typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const boolean: Reader<boolean> = (value) => (typeof value === 'boolean' ? value : undefined);

const list =
	<T>(item: Reader<T>): Reader<T[]> =>
	(value) =>
		Array.isArray(value) ? value.map(item).filter((v): v is T => v !== undefined) : undefined;

/** A string → string map (tags). */
const stringMap: Reader<Record<string, string>> = (value) => {
	if (!isObject(value)) return undefined;
	const out: Record<string, string> = {};
	for (const [key, member] of Object.entries(value))
		if (typeof member === 'string') out[key] = member;
	return out;
};

/** A structure: exactly the listed members, each through its reader. */
export function struct<T extends object>(members: {
	[K in keyof T]-?: Reader<NonNullable<T[K]>>;
}): Reader<T> {
	return (value) => {
		if (!isObject(value)) return undefined;
		const out: Record<string, unknown> = {};
		for (const [name, read] of Object.entries(members) as Array<[string, Reader<unknown>]>) {
			const member = read(value[name]);
			if (member !== undefined) out[name] = member;
		}
		return out as T;
	};
}

/** A required top-level structure: an answer without it reads as an empty one. */
const whole =
	<T>(read: Reader<T>) =>
	(value: unknown): T =>
		read(value) ?? read({})!;

// --- Domains and subscriptions (timestamps are epoch seconds) ---

const domainSummary = struct<DomainSummary>({
	domainId: string,
	arn: string,
	name: string,
	status: string,
	createdAt: epochSecondsToIso,
});

const domainShape = struct<Domain>({
	domainId: string,
	arn: string,
	name: string,
	status: string,
	createdAt: epochSecondsToIso,
	kmsKeyArn: string,
	encryptionContext: struct<NonNullable<Domain['encryptionContext']>>({
		encryptionType: string,
		kmsKeyArn: string,
	}),
	webAppUrl: string,
	webAppConfiguration: struct<NonNullable<Domain['webAppConfiguration']>>({
		ehrRole: string,
		idcApplicationId: string,
		idcRegion: string,
	}),
	tags: stringMap,
});

const subscriptionShape = struct<Subscription>({
	domainId: string,
	subscriptionId: string,
	arn: string,
	status: string,
	createdAt: epochSecondsToIso,
	lastUpdatedAt: epochSecondsToIso,
	activatedAt: epochSecondsToIso,
	deactivatedAt: epochSecondsToIso,
});

/** CreateDomain / GetDomain output. */
export const readDomain = whole(domainShape);

/** DeleteDomain output. */
export const readDeletedDomain = whole(
	struct<DeletedDomain>({ domainId: string, arn: string, status: string }),
);

/** ListDomains output. */
export const readDomainPage = (value: unknown): Page<DomainSummary> => {
	const output = isObject(value) ? value : {};
	return {
		items: list(domainSummary)(output.domains) ?? [],
		nextToken: string(output.nextToken) || undefined,
	};
};

/** CreateSubscription output (flat). */
export const readSubscription = whole(subscriptionShape);

/** Activate/Deactivate/GetSubscription output: the description wrapped in `subscription`. */
export const readWrappedSubscription = (value: unknown): Subscription =>
	readSubscription(isObject(value) ? value.subscription : undefined);

/** ListSubscriptions output. */
export const readSubscriptionPage = (value: unknown): Page<Subscription> => {
	const output = isObject(value) ? value : {};
	return {
		items: list(subscriptionShape)(output.subscriptions) ?? [],
		nextToken: string(output.nextToken) || undefined,
	};
};

/** ListTagsForResource output. */
export const readTags = (value: unknown): Tags =>
	(isObject(value) ? stringMap(value.tags) : undefined) ?? {};

// --- Patient insights (timestamps are date-time strings) ---

type Job = PatientInsightsJob;

/** StartPatientInsightsJob output. */
export const readStartedJob = whole(
	struct<StartedPatientInsightsJob>({ jobArn: string, jobId: string, creationTime: dateTimeToIso }),
);

/**
 * GetPatientInsightsJob output. `inputDataConfig.fhirServer` is read without `oauthToken`: the
 * service echoes the token it was given, and it must never reach an item.
 */
export const readPatientInsightsJob = whole(
	struct<Job>({
		jobId: string,
		jobArn: string,
		jobStatus: string,
		patientContext: struct<Job['patientContext']>({
			patientId: string,
			dateOfBirth: string,
			pronouns: string,
		}),
		insightsContext: struct<Job['insightsContext']>({ insightsType: string }),
		encounterContext: struct<Job['encounterContext']>({ encounterReason: string }),
		userContext: struct<Job['userContext']>({ role: string, userId: string, specialty: string }),
		inputDataConfig: struct<Job['inputDataConfig']>({
			fhirServer: struct<NonNullable<Job['inputDataConfig']['fhirServer']>>({
				fhirEndpoint: string,
			}),
			s3Sources: list(struct<{ uri: string }>({ uri: string })),
		}),
		outputDataConfig: struct<Job['outputDataConfig']>({ s3OutputPath: string }),
		creationTime: dateTimeToIso,
		updatedTime: dateTimeToIso,
		insightsOutput: struct<NonNullable<Job['insightsOutput']>>({ uri: string }),
		statusDetails: string,
	}),
);

// --- Listening sessions (timestamps are epoch seconds) ---

type Session = ListeningSessionDetails;
type Settings = NonNullable<Session['postStreamActionSettings']>;
type NoteTemplates = NonNullable<
	Settings['clinicalNoteGenerationSettings']['noteTemplateSettings']
>;
type NoteResults = NonNullable<
	NonNullable<Session['postStreamActionResult']>['clinicalNoteGenerationResult']
>;

const artifact = struct<ArtifactDetails>({
	outputLocation: string,
	status: string,
	failureReason: string,
});
const templateType = struct<{ templateType?: string }>({ templateType: string });

const sessionDetails = struct<Session>({
	sessionId: string,
	domainId: string,
	subscriptionId: string,
	languageCode: string,
	mediaSampleRateHertz: number,
	mediaEncoding: string,
	channelDefinitions: list(
		struct<{ channelId: number; participantRole: string }>({
			channelId: number,
			participantRole: string,
		}),
	),
	postStreamActionSettings: struct<Settings>({
		outputS3Uri: string,
		clinicalNoteGenerationSettings: struct<Settings['clinicalNoteGenerationSettings']>({
			noteTemplateSettings: struct<NoteTemplates>({
				managedTemplate: templateType,
				customTemplate: templateType,
			}),
		}),
	}),
	postStreamActionResult: struct<NonNullable<Session['postStreamActionResult']>>({
		clinicalNoteGenerationResult: struct<NoteResults>({
			noteResult: artifact,
			transcriptResult: artifact,
			afterVisitSummaryResult: artifact,
		}),
	}),
	encounterContextProvided: boolean,
	streamStatus: string,
	streamCreationTime: epochSecondsToIso,
	streamEndTime: epochSecondsToIso,
});

/** GetMedicalScribeListeningSession output: the details, empty when the service sends none. */
export const readListeningSession = (value: unknown): Session =>
	(isObject(value) ? sessionDetails(value.medicalScribeListeningSessionDetails) : undefined) ?? {};
