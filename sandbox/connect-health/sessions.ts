import { ServiceError } from '../core/errors';
import type { SandboxRequest, SandboxResponse } from '../core/types';
import { ENCOUNTERS, pickEncounter, type SyntheticEncounter } from '../data/encounters';
import { artifactLocation, buildArtifacts } from './artifacts';
import { liveDomain, requireActiveDomain } from './domains';
import { newSessionId } from './ids';
import {
	CONFIGURATION_EVENT,
	GET_SESSION_INPUT,
	START_SESSION_HEADERS,
	type LanguageCode,
	type MediaEncoding,
	type ParticipantRole,
} from './shapes';
import {
	ARTIFACT_NAMES,
	type ArtifactName,
	type ArtifactRecord,
	type Env,
	type NoteTemplateSettings,
	type SessionRecord,
} from './state';
import { findSubscription } from './subscriptions';
import { validateInput } from './validate';
import { epochSeconds, formatS3Uri, json, notFound, parseS3Uri } from './wire';

/**
 * Medical scribe listening sessions. The stream runs IN_PROGRESS until its end time, then is
 * COMPLETED with its three post-stream artifacts IN_PROGRESS; `artifactGenerationMs` later they
 * are written to S3 (see artifacts.ts for the layout) and COMPLETED, or FAILED.
 */

export interface AddListeningSessionInput {
	domainId: string;
	/** Default: the domain's oldest ACTIVE subscription. */
	subscriptionId?: string;
	/** Client-generated UUID; default random. */
	sessionId?: string;
	/** A synthetic encounter or its id; default chosen from the session id. */
	encounter?: string | SyntheticEncounter;
	/** Stream start (sandbox ms or Date). Default: early enough that the stream ends now. */
	at?: number | Date;
	/** Default: the emulator's `defaultOutputS3Uri`. The bucket is created if missing. */
	outputS3Uri?: string;
	/** Default: BEHAVIORAL_SOAP for behavioural-health encounters, HISTORY_AND_PHYSICAL otherwise. */
	noteTemplateSettings?: NoteTemplateSettings;
	channelDefinitions?: Array<{ channelId: number; participantRole: ParticipantRole }>;
	/** Unstructured encounter context (markdown); only its presence is reported. */
	encounterContext?: string;
	languageCode?: LanguageCode;
	mediaSampleRateHertz?: number;
	mediaEncoding?: MediaEncoding;
	/** Park the stream in PAUSED or FAILED (no artifacts) instead of running its lifecycle. */
	streamStatus?: 'PAUSED' | 'FAILED';
	/** Artifacts that fail generation (for failure-path tests). */
	failArtifacts?: ArtifactName[];
}

export interface ListeningSessionInfo {
	sessionId: string;
	domainId: string;
	subscriptionId: string;
	encounterId: string;
	outputS3Uri: string;
	/** Where each artifact is (or will be) written. */
	artifactUris: Record<ArtifactName, string>;
}

const DEFAULT_CHANNELS: Array<{ channelId: number; participantRole: ParticipantRole }> = [
	{ channelId: 0, participantRole: 'CLINICIAN' },
	{ channelId: 1, participantRole: 'PATIENT' },
];

function resolveEncounter(
	choice: string | SyntheticEncounter | undefined,
	sessionId: string,
): SyntheticEncounter {
	if (choice === undefined) return pickEncounter(sessionId);
	if (typeof choice !== 'string') return choice;
	const found = ENCOUNTERS.find((e) => e.id === choice);
	if (!found)
		throw new Error(
			`unknown synthetic encounter ${choice}; known: ${ENCOUNTERS.map((e) => e.id).join(', ')}`,
		);
	return found;
}

/** Recording length of an encounter, in ms. */
const durationMs = (encounter: SyntheticEncounter): number =>
	Math.ceil((encounter.turns[encounter.turns.length - 1].end + 1) * 1000);

export function addListeningSession(
	env: Env,
	input: AddListeningSessionInput,
	defaultOutputS3Uri: string,
): ListeningSessionInfo {
	const domain = requireActiveDomain(env, input.domainId);
	const subscriptionId = input.subscriptionId ?? oldestActiveSubscription(env, domain.domainId);
	findSubscription(env, domain.domainId, subscriptionId);
	const sessionId = input.sessionId ?? newSessionId();
	if (env.state.sessions.has(sessionId))
		throw new Error(`listening session ${sessionId} already exists`);
	const encounter = resolveEncounter(input.encounter, sessionId);
	const noteTemplateSettings: NoteTemplateSettings = input.noteTemplateSettings ?? {
		managedTemplate: {
			templateType:
				encounter.specialty === 'BEHAVIORAL_HEALTH' ? 'BEHAVIORAL_SOAP' : 'HISTORY_AND_PHYSICAL',
		},
	};
	const outputS3Uri = input.outputS3Uri ?? defaultOutputS3Uri;
	const headers = {
		sessionId,
		domainId: domain.domainId,
		subscriptionId,
		languageCode: input.languageCode ?? 'en-US',
		mediaSampleRateHertz: input.mediaSampleRateHertz ?? 16000,
		mediaEncoding: input.mediaEncoding ?? 'pcm',
	};
	const channelDefinitions = input.channelDefinitions ?? DEFAULT_CHANNELS;
	// The same rules a real StartMedicalScribeListeningSession applies to its headers and configuration event.
	validateInput(START_SESSION_HEADERS, headers);
	validateInput(CONFIGURATION_EVENT, {
		postStreamActionSettings: {
			outputS3Uri,
			clinicalNoteGenerationSettings: { noteTemplateSettings },
		},
		channelDefinitions,
		...(input.encounterContext !== undefined
			? { encounterContext: { unstructuredContext: input.encounterContext } }
			: {}),
	});
	env.ctx.store.ensureBucket(parseS3Uri(outputS3Uri).bucket);

	const start =
		input.at instanceof Date
			? input.at.getTime()
			: (input.at ?? env.ctx.clock.now() - durationMs(encounter));
	const session: SessionRecord = {
		...headers,
		channelDefinitions,
		outputS3Uri,
		noteTemplateSettings,
		encounterContextProvided: input.encounterContext !== undefined,
		streamStatus: input.streamStatus ?? 'IN_PROGRESS',
		streamCreationTime: start,
		streamEndTime: start + durationMs(encounter),
		encounter,
		failArtifacts: new Set(input.failArtifacts ?? []),
	};
	env.state.sessions.set(sessionId, session);
	if (session.streamStatus === 'IN_PROGRESS') {
		env.state.pending.sessions.add(sessionId);
		advanceSessions(env, env.ctx.clock.now());
	}
	return {
		sessionId,
		domainId: domain.domainId,
		subscriptionId,
		encounterId: encounter.id,
		outputS3Uri,
		artifactUris: Object.fromEntries(
			ARTIFACT_NAMES.map((name) => [
				name,
				formatS3Uri(artifactLocation(parseS3Uri(outputS3Uri), session, name)),
			]),
		) as Record<ArtifactName, string>,
	};
}

function oldestActiveSubscription(env: Env, domainId: string): string {
	const subs = [...env.state.subscriptions.values()]
		.filter((s) => s.domainId === domainId && s.status === 'ACTIVE')
		.sort((a, b) => a.createdAt - b.createdAt);
	if (subs.length === 0)
		throw new Error(`domain ${domainId} has no ACTIVE subscription; add one first`);
	return subs[0].subscriptionId;
}

/** Ends due streams and generates due artifacts. */
export function advanceSessions(env: Env, now: number): void {
	for (const sessionId of env.state.pending.sessions) {
		const session = env.state.sessions.get(sessionId)!;
		if (
			session.streamStatus === 'IN_PROGRESS' &&
			session.streamEndTime !== undefined &&
			session.streamEndTime <= now
		) {
			session.streamStatus = 'COMPLETED';
			session.artifactsDueAt = session.streamEndTime + env.timings.artifactGenerationMs;
			session.artifacts = {
				note: { status: 'IN_PROGRESS' },
				transcript: { status: 'IN_PROGRESS' },
				afterVisitSummary: { status: 'IN_PROGRESS' },
			};
		}
		if (session.artifactsDueAt !== undefined && session.artifactsDueAt <= now) {
			session.artifacts = generateArtifacts(env, session);
			env.state.pending.sessions.delete(sessionId);
		}
	}
}

function generateArtifacts(env: Env, session: SessionRecord): Record<ArtifactName, ArtifactRecord> {
	const output = parseS3Uri(session.outputS3Uri);
	const documents = buildArtifacts(session);
	const bucketMissing = !env.ctx.store.hasBucket(output.bucket);
	const result = {} as Record<ArtifactName, ArtifactRecord>;
	for (const name of ARTIFACT_NAMES) {
		if (session.failArtifacts.has(name)) {
			result[name] = {
				status: 'FAILED',
				failureReason:
					'Artifact generation failed: the session did not contain enough clinical conversation.',
			};
		} else if (bucketMissing) {
			result[name] = {
				status: 'FAILED',
				failureReason: `Unable to write to the output location: bucket ${output.bucket} does not exist.`,
			};
		} else {
			const loc = artifactLocation(output, session, name);
			env.ctx.store.put(
				loc.bucket,
				loc.key,
				JSON.stringify(documents[name], null, 2),
				'application/json',
			);
			result[name] = { status: 'COMPLETED', outputLocation: formatS3Uri(loc) };
		}
	}
	return result;
}

function noteTemplateResponse(settings: NoteTemplateSettings): object {
	// Custom template instructions are not echoed back, only the base template type.
	return 'managedTemplate' in settings
		? { managedTemplate: { templateType: settings.managedTemplate.templateType } }
		: { customTemplate: { templateType: settings.customTemplate.templateType } };
}

function sessionDetails(s: SessionRecord): Record<string, unknown> {
	const details: Record<string, unknown> = {
		sessionId: s.sessionId,
		domainId: s.domainId,
		subscriptionId: s.subscriptionId,
		languageCode: s.languageCode,
		mediaSampleRateHertz: s.mediaSampleRateHertz,
		mediaEncoding: s.mediaEncoding,
		...(s.channelDefinitions
			? { channelDefinitions: s.channelDefinitions.map((c) => ({ ...c })) }
			: {}),
		postStreamActionSettings: {
			outputS3Uri: s.outputS3Uri,
			clinicalNoteGenerationSettings: {
				noteTemplateSettings: noteTemplateResponse(s.noteTemplateSettings),
			},
		},
		encounterContextProvided: s.encounterContextProvided,
		streamStatus: s.streamStatus,
		streamCreationTime: epochSeconds(s.streamCreationTime),
	};
	if (s.streamStatus !== 'IN_PROGRESS' && s.streamEndTime !== undefined)
		details.streamEndTime = epochSeconds(s.streamEndTime);
	if (s.artifacts) {
		details.postStreamActionResult = {
			clinicalNoteGenerationResult: {
				noteResult: { ...s.artifacts.note },
				transcriptResult: { ...s.artifacts.transcript },
				afterVisitSummaryResult: { ...s.artifacts.afterVisitSummary },
			},
		};
	}
	return details;
}

export function getMedicalScribeListeningSession(
	env: Env,
	labels: Record<string, string>,
): SandboxResponse {
	validateInput(GET_SESSION_INPUT, labels);
	liveDomain(env, labels.domainId);
	findSubscription(env, labels.domainId, labels.subscriptionId);
	const session = env.state.sessions.get(labels.sessionId);
	if (
		!session ||
		session.domainId !== labels.domainId ||
		session.subscriptionId !== labels.subscriptionId
	) {
		throw notFound(`Listening session ${labels.sessionId} was not found.`);
	}
	return json(200, { medicalScribeListeningSessionDetails: sessionDetails(session) });
}

/**
 * The event stream is served over HTTP/2 by streaming.ts. Reached over HTTP/1.1, the headers are
 * checked as the service would, then the call is refused: the operation needs HTTP/2.
 */
export function startMedicalScribeListeningSession(
	_env: Env,
	req: SandboxRequest,
): SandboxResponse {
	const h = req.headers;
	const rate = h['x-amzn-medscribe-sample-rate'];
	validateInput(START_SESSION_HEADERS, {
		sessionId: h['x-amzn-medscribe-session-id'],
		domainId: h['x-amzn-medscribe-domain-id'],
		subscriptionId: h['x-amzn-medscribe-subscription-id'],
		languageCode: h['x-amzn-medscribe-language-code'],
		mediaSampleRateHertz: rate === undefined ? undefined : /^\d+$/.test(rate) ? Number(rate) : rate,
		mediaEncoding: h['x-amzn-medscribe-media-encoding'],
	});
	throw new ServiceError(
		505,
		'HttpVersionNotSupported',
		'StartMedicalScribeListeningSession is a bidirectional event stream and requires HTTP/2 (this sandbox accepts h2c with prior knowledge on the same port).',
		{},
		'message',
	);
}
