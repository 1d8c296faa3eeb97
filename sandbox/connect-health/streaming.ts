/**
 * StartMedicalScribeListeningSession over HTTP/2 (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_StartMedicalScribeListeningSession.html): the request signature is
 * verified (payload hash STREAMING-AWS4-HMAC-SHA256-EVENTS, `:authority` accepted as the host),
 * then every event of the chain; the configuration event must come first and is validated like
 * the service does; audio is checked against the declared encoding, rate and channels. Transcript
 * events are sent while audio arrives, derived deterministically from the synthetic encounter the
 * audio belongs to. END_OF_SESSION and the signed end frame close the stream; the session then
 * moves through its post-stream lifecycle (sessions.ts) and writes its artifacts to S3.
 */
import type http2 from 'node:http2';
import { ServiceError } from '../core/errors';
import { codec, exceptionEvent } from '../core/eventstream';
import type { ServerContext, StreamRoute } from '../core/server';
import {
	serveEventStream,
	type EventStreamEndpoint,
	type StreamSummary,
} from '../core/streamRequest';
import { pickEncounter } from '../data/encounters';
import { liveDomain } from './domains';
import {
	audioSeconds,
	encounterOf,
	finalTranscript,
	partialTranscript,
	type LiveSession,
} from './stream-transcript';
import {
	CONFIGURATION_EVENT,
	START_SESSION_HEADERS,
	type LanguageCode,
	type MediaEncoding,
	type ParticipantRole,
} from './shapes';
import { advanceSessions } from './sessions';
import type { Env, NoteTemplateSettings, SessionRecord } from './state';
import { findSubscription } from './subscriptions';
import { validateInput, validationError } from './validate';
import { parseS3Uri } from './wire';

export const STREAM_OPERATION = 'StartMedicalScribeListeningSession';
const PATH = '/medical-scribe-stream/';

/** A deterministic fault for the next stream: an exception event or a dropped connection after some audio. */
export interface StreamFault {
	kind: 'exception' | 'reset';
	/** Audio events accepted before the fault (default 2). */
	afterAudioEvents?: number;
	/** For `exception` (default internalFailureException). */
	exceptionType?: 'internalFailureException' | 'validationException';
}

class StreamRejection extends Error {
	constructor(
		readonly kind: 'exception' | 'error',
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const reject = (message: string) =>
	new StreamRejection('exception', 'validationException', message);

export function createStreamRoute(env: Env) {
	const queued: StreamFault[] = [];

	const route: StreamRoute = {
		matches: (method, rawPath) => method === 'POST' && rawPath === PATH,
		serve: async (req, res, ctx) => await serveStream(env, ctx, req, res, queued.shift()),
	};
	return {
		route,
		failNextStream(fault: StreamFault) {
			queued.push(fault);
		},
	};
}

const ENDPOINT: EventStreamEndpoint = {
	service: 'connectHealth',
	signingName: 'health-agent',
	target: STREAM_OPERATION,
	path: PATH,
	badRequest: 'validationException',
	internalFailure: 'internalFailureException',
	exceptionEvent,
	errorMessageKey: 'message',
	errorRequestIdHeaders: ['x-amzn-requestid'],
};

async function serveStream(
	env: Env,
	ctx: ServerContext,
	req: http2.Http2ServerRequest,
	res: http2.Http2ServerResponse,
	queuedFault: StreamFault | undefined,
): Promise<void> {
	await serveEventStream(ENDPOINT, ctx, req, res, ({ headers, summary, injected }) => {
		const fault = queuedFault ?? (injected && { kind: injected });
		const live = openSession(env, headers);
		const endSession = (status: 'COMPLETED' | 'FAILED') => {
			if (live.record.streamStatus !== 'IN_PROGRESS') return;
			const now = ctx.clock.now();
			live.record.streamStatus = status;
			live.record.streamEndTime = now;
			if (status === 'COMPLETED') {
				live.record.encounter = live.encounter ?? pickEncounter(live.record.sessionId);
				live.record.artifactsDueAt = now + env.timings.artifactGenerationMs;
				live.record.artifacts = {
					note: { status: 'IN_PROGRESS' },
					transcript: { status: 'IN_PROGRESS' },
					afterVisitSummary: { status: 'IN_PROGRESS' },
				};
				env.state.pending.sessions.add(live.record.sessionId);
				advanceSessions(env, now);
			}
		};
		return {
			responseHeaders: {
				'x-amzn-medscribe-session-id': live.record.sessionId,
				'x-amzn-medscribe-domain-id': live.record.domainId,
				'x-amzn-medscribe-subscription-id': live.record.subscriptionId,
				'x-amzn-medscribe-language-code': live.record.languageCode,
				'x-amzn-medscribe-sample-rate': String(live.record.mediaSampleRateHertz),
				'x-amzn-medscribe-media-encoding': live.record.mediaEncoding,
			},
			onEvent: (inner) => handleEvent(live, inner, summary, fault),
			onEndFrame: () => {
				const events = finalTranscript(live);
				summary.outcome = 'completed';
				endSession('COMPLETED');
				return events;
			},
			onReset: () => endSession('FAILED'),
			onFailed: () => endSession('FAILED'),
			onClientClosed: () => endSession('FAILED'),
			rejection: (e) =>
				e instanceof StreamRejection
					? e
					: e instanceof ServiceError
						? reject(e.message)
						: undefined,
		};
	});
}

/** Validates the six headers and the domain/subscription, and records the session as IN_PROGRESS. */
function openSession(env: Env, h: Record<string, string>): LiveSession {
	const rate = h['x-amzn-medscribe-sample-rate'];
	const input = {
		sessionId: h['x-amzn-medscribe-session-id'],
		domainId: h['x-amzn-medscribe-domain-id'],
		subscriptionId: h['x-amzn-medscribe-subscription-id'],
		languageCode: h['x-amzn-medscribe-language-code'],
		mediaSampleRateHertz: rate === undefined ? undefined : /^\d+$/.test(rate) ? Number(rate) : rate,
		mediaEncoding: h['x-amzn-medscribe-media-encoding'],
	};
	validateInput(START_SESSION_HEADERS, input);
	if (h['content-type'] !== 'application/vnd.amazon.eventstream')
		throw validationError('The content type must be application/vnd.amazon.eventstream.');
	const domain = liveDomain(env, input.domainId!);
	if (domain.status !== 'ACTIVE')
		throw new ServiceError(
			404,
			'ResourceNotFoundException',
			`Domain ${domain.domainId} is not active.`,
			{},
			'message',
		);
	const subscription = findSubscription(env, domain.domainId, input.subscriptionId!);
	if (subscription.status !== 'ACTIVE')
		throw new ServiceError(
			401,
			'AccessDeniedException',
			`Subscription ${subscription.subscriptionId} is not active.`,
			{},
			'message',
		);
	if (env.state.sessions.has(input.sessionId!))
		throw validationError(`A listening session with ID ${input.sessionId} already exists.`);
	const record: SessionRecord = {
		sessionId: input.sessionId!,
		domainId: domain.domainId,
		subscriptionId: subscription.subscriptionId,
		languageCode: input.languageCode as LanguageCode,
		mediaSampleRateHertz: input.mediaSampleRateHertz as number,
		mediaEncoding: input.mediaEncoding as MediaEncoding,
		outputS3Uri: '',
		noteTemplateSettings: { managedTemplate: { templateType: 'HISTORY_AND_PHYSICAL' } },
		encounterContextProvided: false,
		streamStatus: 'IN_PROGRESS',
		streamCreationTime: env.ctx.clock.now(),
		encounter: pickEncounter(input.sessionId!),
		failArtifacts: new Set(),
	};
	// Readable with GetMedicalScribeListeningSession (IN_PROGRESS) while the audio streams.
	env.state.sessions.set(record.sessionId, record);
	return { record, channels: 1, partials: 0, audioSeconds: 0 };
}

function textHeader(message: ReturnType<typeof codec.decode>, name: string): string | undefined {
	const header = message.headers[name];
	return header?.type === 'string' ? header.value : undefined;
}

/** An event's payload as a JSON object; anything else is rejected with a SerializationException. */
function eventPayloadObject(body: Uint8Array): Record<string, unknown> {
	try {
		const value = JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
		if (value !== null && typeof value === 'object' && !Array.isArray(value))
			return value as Record<string, unknown>;
	} catch {
		// answered below
	}
	throw new StreamRejection(
		'error',
		'SerializationException',
		'An event payload is not a JSON object.',
	);
}

function decodeFrame(bytes: Uint8Array): ReturnType<typeof codec.decode> {
	try {
		return codec.decode(bytes);
	} catch {
		// A CRC or length that does not add up.
		throw new StreamRejection('error', 'SerializationException', 'An event could not be decoded.');
	}
}

/** One verified inner event; returns the transcript events to send, or 'reset' for an injected reset. */
function handleEvent(
	live: LiveSession,
	inner: Buffer,
	summary: StreamSummary,
	fault: StreamFault | undefined,
): Uint8Array[] | 'reset' {
	const message = decodeFrame(inner);
	const eventType = textHeader(message, ':event-type') ?? '';
	if (textHeader(message, ':message-type') !== 'event')
		throw reject('Every input message must have :message-type event.');
	summary.events[eventType] = (summary.events[eventType] ?? 0) + 1;
	const configured = summary.events.configurationEvent !== undefined;
	if (eventType === 'configurationEvent') {
		if (summary.events.configurationEvent > 1)
			throw reject('The configuration event can only be sent once.');
		if (Object.keys(summary.events).length > 1)
			throw reject('The configuration event must be the first event of the stream.');
		configure(live, eventPayloadObject(message.body));
		summary.configuration = {
			channelDefinitions: live.record.channelDefinitions,
			outputS3Uri: live.record.outputS3Uri,
			noteTemplateSettings: templateSummary(live.record.noteTemplateSettings),
			encounterContextProvided: live.record.encounterContextProvided,
		};
		return [];
	}
	if (!configured) throw reject('The first event must be the configuration event.');
	if (summary.endOfSession)
		throw reject('No event may follow END_OF_SESSION except the end of the stream.');
	if (eventType === 'sessionControlEvent') {
		const type = eventPayloadObject(message.body).type;
		if (type !== 'END_OF_SESSION')
			throw reject('The session control event type must be END_OF_SESSION.');
		summary.endOfSession = true;
		return [];
	}
	if (eventType !== 'audioEvent' && eventType !== 'binaryAudioEvent')
		throw reject(`Unknown input event type.`);
	const contentType = textHeader(message, ':content-type');
	let audio: Buffer;
	if (eventType === 'audioEvent') {
		if (contentType !== 'application/json')
			throw reject('An audio event must have content type application/json.');
		const chunk = eventPayloadObject(message.body).audioChunk;
		if (typeof chunk !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(chunk))
			throw reject('audioChunk must be base64.');
		audio = Buffer.from(chunk, 'base64');
	} else {
		if (contentType !== 'application/octet-stream')
			throw reject('A binary audio event must have content type application/octet-stream.');
		audio = Buffer.from(message.body);
	}
	if (audio.length === 0) throw reject('An audio event must carry audio.');
	const audioEvents = (summary.events.audioEvent ?? 0) + (summary.events.binaryAudioEvent ?? 0);
	if (audioEvents === 1) checkFirstAudio(live, audio);
	// AWS: an audio chunk holds at most 1 second of audio (MedicalScribeAudioEvent.AudioChunk).
	if (
		live.record.mediaEncoding === 'pcm' &&
		audio.length > live.record.mediaSampleRateHertz * live.channels * 2
	) {
		throw reject('An audio chunk may hold at most 1 second of audio.');
	}
	if (live.record.mediaEncoding === 'pcm' && audio.length % (2 * live.channels) !== 0) {
		throw reject(
			`PCM audio chunks must hold whole 16-bit samples for ${live.channels} channel(s).`,
		);
	}
	summary.audioBytes += audio.length;
	if (fault && audioEvents > (fault.afterAudioEvents ?? 2)) {
		if (fault.kind === 'reset') return 'reset';
		throw new StreamRejection(
			'exception',
			fault.exceptionType ?? 'internalFailureException',
			'An internal error occurred while processing the stream.',
		);
	}
	live.audioSeconds = audioSeconds(live, summary.audioBytes);
	return partialTranscript(live);
}

function templateSummary(settings: NoteTemplateSettings): object {
	return 'managedTemplate' in settings
		? { managedTemplate: settings.managedTemplate }
		: {
				customTemplate: {
					templateType: settings.customTemplate.templateType,
					sections: settings.customTemplate.templateInstructions.length,
				},
			};
}

function configure(live: LiveSession, config: Record<string, unknown>): void {
	validateInput(CONFIGURATION_EVENT, config);
	const post = config.postStreamActionSettings as {
		outputS3Uri: string;
		clinicalNoteGenerationSettings: { noteTemplateSettings: NoteTemplateSettings };
	};
	const settings = post.clinicalNoteGenerationSettings.noteTemplateSettings;
	if (Object.keys(settings).length !== 1)
		throw reject('noteTemplateSettings must set exactly one of managedTemplate or customTemplate.');
	const channels = config.channelDefinitions as
		| Array<{ channelId: number; participantRole: ParticipantRole }>
		| undefined;
	if (channels && channels[0].channelId === channels[1].channelId)
		throw reject('The two channel definitions must use channel IDs 0 and 1.');
	parseS3Uri(post.outputS3Uri);
	live.record.outputS3Uri = post.outputS3Uri;
	live.record.noteTemplateSettings = settings;
	live.record.channelDefinitions = channels;
	live.record.encounterContextProvided =
		(config.encounterContext as { unstructuredContext?: string } | undefined)
			?.unstructuredContext !== undefined;
	live.channels = channels ? 2 : 1;
}

/** The first audio must be what the headers declare: raw PCM samples (no WAV header), or a FLAC stream of the declared rate and channels. */
function checkFirstAudio(live: LiveSession, audio: Buffer): void {
	const { mediaEncoding, mediaSampleRateHertz } = live.record;
	if (mediaEncoding === 'pcm') {
		if (audio.toString('latin1', 0, 4) === 'RIFF' || audio.toString('latin1', 0, 4) === 'fLaC')
			throw reject(
				'The media encoding is pcm: send raw 16-bit little-endian samples, not a WAV or FLAC file.',
			);
	} else {
		if (audio.length < 42 || audio.toString('latin1', 0, 4) !== 'fLaC')
			throw reject(
				'The media encoding is flac but the audio does not start with a FLAC stream header.',
			);
		const info = audio.subarray(8, 42);
		const rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
		const channels = ((info[12] >> 1) & 0x07) + 1;
		if (rate !== mediaSampleRateHertz)
			throw reject('The FLAC stream’s sample rate does not match the declared media sample rate.');
		if (channels !== live.channels)
			throw reject(
				`The FLAC stream has ${channels} channel(s); the configuration defines ${live.channels}.`,
			);
	}
	live.encounter = encounterOf(mediaEncoding === 'pcm' ? audio : audio.subarray(42));
}
