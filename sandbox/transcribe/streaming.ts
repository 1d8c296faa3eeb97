/**
 * StartMedicalScribeStream over HTTP/2 (Transcribe Streaming: restJson1 + AWS event stream), as the
 * API reference documents it:
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_StartMedicalScribeStream.html
 *
 * The request signature is verified (payload STREAMING-AWS4-HMAC-SHA256-EVENTS, signing name
 * `transcribe`), then every event of the signing chain. Headers: x-amzn-transcribe-language-code,
 * -sample-rate, -media-encoding, -session-id (optional; generated when absent). Input events:
 * ConfigurationEvent first (JSON), AudioEvent (raw bytes, at most 1 s each), SessionControlEvent
 * END_OF_SESSION, then the signed empty frame. Output: TranscriptEvent while audio arrives and at
 * the end; errors as modelled exception events (BadRequestException, LimitExceededException,
 * InternalFailureException, ConflictException, ServiceUnavailableException). Ending the input
 * without END_OF_SESSION pauses the session; Start with the same SessionId and an identical
 * configuration resumes it.
 */
import { createHash, randomUUID } from 'node:crypto';
import type http2 from 'node:http2';
import { ServiceError } from '../core/errors';
import { codec } from '../core/eventstream';
import type { ServerContext, StreamRoute } from '../core/server';
import {
	serveEventStream,
	type EventStreamEndpoint,
	type StreamSummary,
} from '../core/streamRequest';
import { pickEncounter } from '../data/encounters';
import { NOTE_TEMPLATES, PARTICIPANT_ROLES, PRONOUNS, VOCABULARY_FILTER_METHODS } from './shapes';
import { StreamBook, type ScribeStream, type StreamConfiguration } from './streamSessions';
import { badRequest, int, list, obj, PATTERNS, str, Violations, type Obj } from './validate';

export const START_STREAM = 'StartMedicalScribeStream';
const PATH = '/medical-scribe-stream';
const SESSION_ID_PATTERN =
	'[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}';
const MEDIA_ENCODINGS = ['pcm', 'ogg-opus', 'flac'] as const;
const OPUS_RATES = [8000, 12000, 16000, 24000, 48000];

const ENDPOINT: EventStreamEndpoint = {
	service: 'transcribe',
	signingName: 'transcribe',
	target: START_STREAM,
	path: PATH,
	badRequest: 'BadRequestException',
	internalFailure: 'InternalFailureException',
	exceptionEvent: exceptionEventOf,
	errorMessageKey: 'Message',
	errorRequestIdHeaders: ['x-amzn-requestid', 'x-amzn-request-id'],
};

/** The modelled exceptions of MedicalScribeResultStream. */
export type StreamExceptionType =
	| 'BadRequestException'
	| 'LimitExceededException'
	| 'InternalFailureException'
	| 'ConflictException'
	| 'ServiceUnavailableException';

/** A deterministic fault for the next stream: an exception event or a dropped connection after some audio. */
export interface ScribeStreamFault {
	kind: 'exception' | 'reset';
	/** Audio events accepted before the fault (default 2). */
	afterAudioEvents?: number;
	/** For `exception` (default InternalFailureException). */
	exceptionType?: StreamExceptionType;
	message?: string;
}

export interface StreamingOptions {
	/** How long post-stream analytics take (sandbox ms, default 4000). */
	streamAnalyticsMs?: number;
	/** Sessions streaming at once before Start answers LimitExceededException (default 10). */
	maxConcurrentStreams?: number;
}

class StreamException extends Error {
	constructor(
		readonly exceptionType: StreamExceptionType | 'SerializationException',
		message: string,
	) {
		super(message);
	}
}

const streamBadRequest = (message: string) => new StreamException('BadRequestException', message);

/** A modelled exception event of the result stream (restJson1: the body is the exception's JSON). */
export function exceptionEventOf(exceptionType: string, message: string): Uint8Array {
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'exception' },
			':exception-type': { type: 'string', value: exceptionType },
			':content-type': { type: 'string', value: 'application/json' },
		},
		body: Buffer.from(JSON.stringify({ Message: message }), 'utf8'),
	});
}

function transcriptEventOf(segment: Record<string, unknown>): Uint8Array {
	return codec.encode({
		headers: {
			':message-type': { type: 'string', value: 'event' },
			':event-type': { type: 'string', value: 'TranscriptEvent' },
			':content-type': { type: 'string', value: 'application/json' },
		},
		body: Buffer.from(JSON.stringify({ TranscriptSegment: segment }), 'utf8'),
	});
}

/** The start headers, checked as the model constrains them (BadRequestException before the stream opens). */
function readStartHeaders(h: Record<string, string>): {
	sessionId?: string;
	languageCode: string;
	rate: number;
	encoding: string;
} {
	const v = new Violations();
	const languageCode = h['x-amzn-transcribe-language-code'];
	const rateText = h['x-amzn-transcribe-sample-rate'];
	const encoding = h['x-amzn-transcribe-media-encoding'];
	const sessionId = h['x-amzn-transcribe-session-id'];
	v.required('languageCode', languageCode);
	v.string('languageCode', languageCode, { values: ['en-US'] });
	v.required('mediaSampleRateHertz', rateText);
	if (rateText !== undefined && !/^\d+$/.test(rateText))
		throw badRequest('The media sample rate must be a whole number of hertz.');
	const rate = Number(rateText);
	v.number('mediaSampleRateHertz', rateText === undefined ? undefined : rate, 16000, 48000);
	v.required('mediaEncoding', encoding);
	v.string('mediaEncoding', encoding, { values: MEDIA_ENCODINGS });
	v.string('sessionId', sessionId, { min: 36, max: 36, pattern: SESSION_ID_PATTERN });
	v.throwIfAny();
	if (encoding === 'ogg-opus' && !OPUS_RATES.includes(rate))
		throw badRequest(
			'Opus audio is coded at 8,000, 12,000, 16,000, 24,000 or 48,000 Hz; the media sample rate must be one of these.',
		);
	if (h['content-type'] !== 'application/vnd.amazon.eventstream')
		throw badRequest('The content type must be application/vnd.amazon.eventstream.');
	return { sessionId, languageCode, rate, encoding };
}

/** MedicalScribeConfigurationEvent, validated as the model constrains it; problems are BadRequestException. */
export function readConfiguration(
	body: Obj,
	resourceProblem: (names: {
		VocabularyName?: string;
		VocabularyFilterName?: string;
	}) => string | undefined,
): StreamConfiguration {
	const v = new Violations();
	const roleArn = str(body.ResourceAccessRoleArn, 'ResourceAccessRoleArn');
	v.required('resourceAccessRoleArn', roleArn);
	v.string('resourceAccessRoleArn', roleArn, { min: 20, max: 2048, pattern: PATTERNS.roleArn });
	const post = obj(body.PostStreamAnalyticsSettings, 'PostStreamAnalyticsSettings');
	v.required('postStreamAnalyticsSettings', post);
	const note = obj(
		post?.ClinicalNoteGenerationSettings,
		'PostStreamAnalyticsSettings.ClinicalNoteGenerationSettings',
	);
	if (post) v.required('postStreamAnalyticsSettings.clinicalNoteGenerationSettings', note);
	const bucket = str(note?.OutputBucketName, 'ClinicalNoteGenerationSettings.OutputBucketName');
	if (note)
		v.required(
			'postStreamAnalyticsSettings.clinicalNoteGenerationSettings.outputBucketName',
			bucket,
		);
	v.string('postStreamAnalyticsSettings.clinicalNoteGenerationSettings.outputBucketName', bucket, {
		max: 64,
		pattern: PATTERNS.bucket,
	});
	const template = str(note?.NoteTemplate, 'ClinicalNoteGenerationSettings.NoteTemplate');
	v.string('postStreamAnalyticsSettings.clinicalNoteGenerationSettings.noteTemplate', template, {
		values: NOTE_TEMPLATES,
	});
	const vocabularyName = str(body.VocabularyName, 'VocabularyName');
	v.string('vocabularyName', vocabularyName, { min: 1, max: 200, pattern: PATTERNS.jobName });
	const filterName = str(body.VocabularyFilterName, 'VocabularyFilterName');
	v.string('vocabularyFilterName', filterName, { min: 1, max: 200, pattern: PATTERNS.jobName });
	const filterMethod = str(body.VocabularyFilterMethod, 'VocabularyFilterMethod');
	v.string('vocabularyFilterMethod', filterMethod, { values: VOCABULARY_FILTER_METHODS });
	const channels = list(body.ChannelDefinitions, 'ChannelDefinitions');
	v.size('channelDefinitions', channels, 2, 2);
	const definitions = channels?.map((entry, i) => {
		const o = obj(entry, `ChannelDefinitions[${i}]`) ?? {};
		const channelId = int(o.ChannelId, `ChannelDefinitions[${i}].ChannelId`);
		const role = str(o.ParticipantRole, `ChannelDefinitions[${i}].ParticipantRole`);
		v.required(`channelDefinitions.${i + 1}.member.channelId`, channelId);
		v.number(`channelDefinitions.${i + 1}.member.channelId`, channelId, 0, 1);
		v.required(`channelDefinitions.${i + 1}.member.participantRole`, role);
		v.string(`channelDefinitions.${i + 1}.member.participantRole`, role, {
			values: PARTICIPANT_ROLES,
		});
		return { ChannelId: channelId!, ParticipantRole: role! };
	});
	const encryption = obj(body.EncryptionSettings, 'EncryptionSettings');
	const kmsKeyId = str(encryption?.KmsKeyId, 'EncryptionSettings.KmsKeyId');
	if (encryption) v.required('encryptionSettings.kmsKeyId', kmsKeyId);
	v.string('encryptionSettings.kmsKeyId', kmsKeyId, {
		min: 1,
		max: 2048,
		pattern: PATTERNS.kmsKeyId,
	});
	const context = obj(encryption?.KmsEncryptionContext, 'EncryptionSettings.KmsEncryptionContext');
	v.size('encryptionSettings.kmsEncryptionContext', context, 1, 10);
	for (const [key, value] of Object.entries(context ?? {})) {
		v.string('encryptionSettings.kmsEncryptionContext.key', key, {
			min: 1,
			max: 2000,
			pattern: PATTERNS.nonBlank,
			sensitive: true,
		});
		v.string(
			'encryptionSettings.kmsEncryptionContext.value',
			str(value, 'EncryptionSettings.KmsEncryptionContext'),
			{ min: 1, max: 2000, pattern: PATTERNS.nonBlank, sensitive: true },
		);
	}
	const scribeContext = obj(body.MedicalScribeContext, 'MedicalScribeContext');
	const patient = obj(scribeContext?.PatientContext, 'MedicalScribeContext.PatientContext');
	const pronouns = str(patient?.Pronouns, 'MedicalScribeContext.PatientContext.Pronouns');
	v.string('medicalScribeContext.patientContext.pronouns', pronouns, {
		values: PRONOUNS,
		sensitive: true,
	});
	v.throwIfAny();

	if (definitions && definitions[0].ChannelId === definitions[1].ChannelId)
		throw badRequest('The two channel definitions must use channel IDs 0 and 1.');
	if (definitions && definitions[0].ParticipantRole === definitions[1].ParticipantRole)
		throw badRequest('The channel definitions must name one CLINICIAN and one PATIENT.');
	const problem = resourceProblem({
		VocabularyName: vocabularyName,
		VocabularyFilterName: filterName,
	});
	if (problem) throw badRequest(problem);
	const configuration: StreamConfiguration = {
		ResourceAccessRoleArn: roleArn!,
		PostStreamAnalyticsSettings: {
			ClinicalNoteGenerationSettings: {
				OutputBucketName: bucket!,
				...(template ? { NoteTemplate: template as never } : {}),
			},
		},
		...(vocabularyName ? { VocabularyName: vocabularyName } : {}),
		...(filterName
			? { VocabularyFilterName: filterName, VocabularyFilterMethod: filterMethod ?? 'mask' }
			: {}),
		...(definitions ? { ChannelDefinitions: definitions } : {}),
		...(encryption
			? {
					EncryptionSettings: {
						KmsKeyId: kmsKeyId!,
						...(context ? { KmsEncryptionContext: context as Record<string, string> } : {}),
					},
				}
			: {}),
		...(scribeContext
			? {
					MedicalScribeContext: { ...(pronouns ? { PatientContext: { Pronouns: pronouns } } : {}) },
				}
			: {}),
	};
	return configuration;
}

function textHeader(message: ReturnType<typeof codec.decode>, name: string): string | undefined {
	const header = message.headers[name];
	return header?.type === 'string' ? header.value : undefined;
}

function parseJson(body: Uint8Array): Obj {
	try {
		const value = JSON.parse(Buffer.from(body).toString('utf8')) as unknown;
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Obj;
	} catch {
		// answered below
	}
	throw new StreamException('SerializationException', 'An event payload is not a JSON object.');
}

function decodeFrame(bytes: Uint8Array): ReturnType<typeof codec.decode> {
	try {
		return codec.decode(bytes);
	} catch {
		throw new StreamException('SerializationException', 'An event could not be decoded.');
	}
}

/** One connection's view of its session: channels, audio received, transcript progress. */
interface Live {
	stream: ScribeStream;
	channels: number;
	audioBytes: number;
	audioSeconds: number;
	partials: number;
}

function channelIdOf(live: Live, role: string): string | undefined {
	const found = live.stream.configuration?.ChannelDefinitions?.find(
		(c) => c.ParticipantRole === role,
	);
	// Without channel definitions the segment has no ChannelId (MedicalScribeTranscriptSegment).
	return found ? `ch_${found.ChannelId}` : undefined;
}

/** A segment of the session's encounter; times in milliseconds, as the API reference gives them. */
function segmentOf(live: Live, index: number, partial: boolean, scale: number): Uint8Array {
	const turn = live.stream.encounter!.turns[index];
	const words = turn.text.split(' ');
	const shown = partial ? words.slice(0, Math.max(1, Math.ceil(words.length / 2))) : words;
	const begin = Math.round(turn.start * scale * 1000);
	const end = Math.round(turn.end * scale * 1000);
	const step = (end - begin) / shown.length;
	const channelId = channelIdOf(live, turn.role);
	return transcriptEventOf({
		SegmentId: `${live.stream.sessionId.slice(0, 8)}-${String(index).padStart(4, '0')}`,
		BeginAudioTime: begin,
		EndAudioTime: end,
		Content: shown.join(' '),
		Items: shown.map((word, i) => ({
			BeginAudioTime: Math.round(begin + i * step),
			EndAudioTime: Math.round(begin + (i + 1) * step),
			Type: 'pronunciation',
			Confidence: 0.95,
			Content: word,
			VocabularyFilterMatch: false,
		})),
		IsPartial: partial,
		...(channelId ? { ChannelId: channelId } : {}),
	});
}

function audioSecondsOf(live: Live): number {
	const { mediaEncoding, mediaSampleRateHertz } = live.stream;
	if (mediaEncoding === 'pcm') return live.audioBytes / (mediaSampleRateHertz * live.channels * 2);
	// Compressed: FLAC about half of PCM for speech, Opus about 32 kbit/s.
	return mediaEncoding === 'flac'
		? (live.audioBytes * 2) / (mediaSampleRateHertz * live.channels * 2)
		: live.audioBytes / (4000 * live.channels);
}

function partials(live: Live): Uint8Array[] {
	const turns = live.stream.encounter?.turns ?? [];
	const out: Uint8Array[] = [];
	while (live.partials < turns.length && turns[live.partials].start <= live.audioSeconds)
		out.push(segmentOf(live, live.partials++, true, 1));
	return out;
}

function finals(live: Live): Uint8Array[] {
	const turns = live.stream.encounter?.turns;
	if (!turns || live.partials === 0) return [];
	const length = turns[turns.length - 1].end;
	const scale =
		live.audioSeconds > 0 && live.audioSeconds < length ? live.audioSeconds / length : 1;
	return turns.map((_, i) => segmentOf(live, i, false, scale));
}

/** The first audio must be what the headers declare: raw PCM (no container), a FLAC or an Ogg Opus stream. */
function checkFirstAudio(live: Live, audio: Buffer): void {
	const { mediaEncoding, mediaSampleRateHertz } = live.stream;
	const magic = audio.toString('latin1', 0, 4);
	if (mediaEncoding === 'pcm') {
		if (magic === 'RIFF' || magic === 'fLaC' || magic === 'OggS')
			throw streamBadRequest(
				'The media encoding is pcm: send raw 16-bit little-endian samples, not a WAV, FLAC or Ogg file.',
			);
	} else if (mediaEncoding === 'flac') {
		if (audio.length < 42 || magic !== 'fLaC')
			throw streamBadRequest(
				'The media encoding is flac but the audio does not start with a FLAC stream header.',
			);
		const info = audio.subarray(8, 42);
		const rate = (info[10] << 12) | (info[11] << 4) | (info[12] >> 4);
		if (rate !== mediaSampleRateHertz)
			throw streamBadRequest(
				'The sample rate of the FLAC stream does not match the media sample rate of the request.',
			);
	} else if (magic !== 'OggS' || !audio.includes('OpusHead', 0, 'latin1')) {
		throw streamBadRequest(
			'The media encoding is ogg-opus but the audio does not start with an Ogg Opus header.',
		);
	}
	live.stream.encounter ??= pickEncounter(
		createHash('sha256').update(audio.subarray(0, 4096)).digest('hex'),
	);
}

export function createScribeStreamRoute(
	ctx0: {
		book: StreamBook;
		resourceProblem: (names: {
			VocabularyName?: string;
			VocabularyFilterName?: string;
		}) => string | undefined;
		tick: () => void;
	},
	options: StreamingOptions,
) {
	const queued: ScribeStreamFault[] = [];
	const maxConcurrent = options.maxConcurrentStreams ?? 10;

	const serve = async (
		req: http2.Http2ServerRequest,
		res: http2.Http2ServerResponse,
		ctx: ServerContext,
	): Promise<void> => {
		const queuedFault = queued.shift();
		await serveEventStream(ENDPOINT, ctx, req, res, ({ headers, summary, injected }) => {
			const fault = queuedFault ?? (injected && { kind: injected });
			ctx0.tick();
			const start = readStartHeaders(headers);
			const sessionId = start.sessionId ?? randomUUID();
			summary.sessionId = sessionId;
			let stream = ctx0.book.get(sessionId);
			if (stream && (stream.status === 'COMPLETED' || stream.status === 'FAILED'))
				throw badRequest(
					`The session ${sessionId} has ended (${stream.status}) and can't be resumed. Start a new session with another session ID.`,
				);
			if (
				stream &&
				(stream.languageCode !== start.languageCode ||
					stream.mediaSampleRateHertz !== start.rate ||
					stream.mediaEncoding !== start.encoding)
			)
				throw badRequest(
					'A resumed session must use the language, sample rate and media encoding it started with.',
				);
			if (!stream && ctx0.book.streamingCount >= maxConcurrent)
				throw new ServiceError(
					429,
					'LimitExceededException',
					`You have reached the limit of ${maxConcurrent} concurrent HealthScribe streams. Wait for a stream to end and try your request again.`,
				);
			let resumed: StreamConfiguration | undefined;
			if (stream) {
				// Another connection streaming into this session is ended: the newer stream wins.
				stream.terminate?.(
					'ConflictException',
					'A new stream started with the same session ID. The current stream has been terminated.',
				);
				resumed = stream.configuration;
				stream.status = 'IN_PROGRESS';
			} else {
				stream = {
					sessionId,
					languageCode: start.languageCode,
					mediaSampleRateHertz: start.rate,
					mediaEncoding: start.encoding,
					createdAt: ctx.clock.now(),
					status: 'IN_PROGRESS',
				};
				ctx0.book.add(stream);
			}
			const live: Live = { stream, channels: 1, audioBytes: 0, audioSeconds: 0, partials: 0 };
			let terminate: ScribeStream['terminate'];
			return {
				responseHeaders: {
					'x-amzn-transcribe-session-id': stream.sessionId,
					'x-amzn-transcribe-language-code': stream.languageCode,
					'x-amzn-transcribe-sample-rate': String(stream.mediaSampleRateHertz),
					'x-amzn-transcribe-media-encoding': stream.mediaEncoding,
				},
				onEvent: (inner) => handleEvent(live, inner, summary, fault, resumed),
				onEndFrame: () => {
					const events = finals(live);
					if (summary.endOfSession) {
						summary.outcome = 'completed';
						ctx0.book.complete(live.stream);
					} else {
						// The input ended without END_OF_SESSION: paused, can be resumed.
						summary.outcome = 'paused';
						live.stream.status = 'PAUSED';
					}
					return events;
				},
				onReset: () => {
					live.stream.status = 'PAUSED';
				},
				onFailed: () => {
					if (live.stream.status === 'IN_PROGRESS') {
						live.stream.status = 'FAILED';
						live.stream.endedAt = ctx.clock.now();
					}
				},
				// The connection dropped without END_OF_SESSION: the session is paused, as when the input ends.
				onClientClosed: () => {
					if (live.stream.status === 'IN_PROGRESS') live.stream.status = 'PAUSED';
				},
				// Unmodelled in MedicalScribeResultStream: answered as an error event.
				rejection: (e) =>
					e instanceof StreamException
						? {
								kind: e.exceptionType === 'SerializationException' ? 'error' : 'exception',
								code: e.exceptionType,
								message: e.message,
							}
						: undefined,
				attach: (end) => {
					terminate = end;
					live.stream.terminate = end;
				},
				onSettled: () => {
					if (live.stream.terminate === terminate) live.stream.terminate = undefined;
				},
			};
		});
	};

	/** One verified inner event; returns the transcript events to send, or 'reset' for an injected reset. */
	const handleEvent = (
		live: Live,
		inner: Buffer,
		summary: StreamSummary,
		fault: ScribeStreamFault | undefined,
		resumed: StreamConfiguration | undefined,
	): Uint8Array[] | 'reset' => {
		const { stream } = live;
		const message = decodeFrame(inner);
		const eventType = textHeader(message, ':event-type') ?? '';
		if (textHeader(message, ':message-type') !== 'event')
			throw streamBadRequest('Every input message must have :message-type event.');
		summary.events[eventType] = (summary.events[eventType] ?? 0) + 1;
		if (eventType === 'ConfigurationEvent') {
			if (summary.events.ConfigurationEvent > 1)
				throw streamBadRequest('The configuration event can only be sent once per stream.');
			if (Object.keys(summary.events).length > 1)
				throw streamBadRequest(
					'The first event of the stream must be a MedicalScribeConfigurationEvent.',
				);
			let configuration: StreamConfiguration;
			try {
				configuration = readConfiguration(parseJson(message.body), ctx0.resourceProblem);
			} catch (e) {
				if (e instanceof ServiceError)
					throw new StreamException(
						e.type === 'BadRequestException' ? 'BadRequestException' : 'SerializationException',
						e.message,
					);
				throw e;
			}
			if (resumed && JSON.stringify(resumed) !== JSON.stringify(configuration))
				throw streamBadRequest(
					'To resume a session, send the same MedicalScribeConfigurationEvent it started with.',
				);
			stream.configuration = configuration;
			live.channels = configuration.ChannelDefinitions ? 2 : 1;
			summary.configuration = {
				channelDefinitions: configuration.ChannelDefinitions,
				outputBucketName:
					configuration.PostStreamAnalyticsSettings.ClinicalNoteGenerationSettings.OutputBucketName,
				noteTemplate:
					configuration.PostStreamAnalyticsSettings.ClinicalNoteGenerationSettings.NoteTemplate,
				vocabularyName: configuration.VocabularyName,
				vocabularyFilterName: configuration.VocabularyFilterName,
				vocabularyFilterMethod: configuration.VocabularyFilterMethod,
				encryption: configuration.EncryptionSettings !== undefined,
				medicalScribeContextProvided: configuration.MedicalScribeContext !== undefined,
			};
			return [];
		}
		if (summary.events.ConfigurationEvent === undefined)
			throw streamBadRequest(
				'The first event of the stream must be a MedicalScribeConfigurationEvent.',
			);
		if (summary.endOfSession) throw streamBadRequest('No event may follow END_OF_SESSION.');
		if (eventType === 'SessionControlEvent') {
			if (parseJson(message.body).Type !== 'END_OF_SESSION')
				throw streamBadRequest('The session control event type must be END_OF_SESSION.');
			summary.endOfSession = true;
			return [];
		}
		if (eventType !== 'AudioEvent') throw streamBadRequest('Unknown input event type.');
		if (textHeader(message, ':content-type') !== 'application/octet-stream')
			throw streamBadRequest('An audio event must have content type application/octet-stream.');
		const audio = Buffer.from(message.body);
		if (audio.length === 0) throw streamBadRequest('An audio event must carry audio.');
		const audioEvents = summary.events.AudioEvent;
		if (audioEvents === 1 && stream.encounter === undefined) checkFirstAudio(live, audio);
		// MedicalScribeAudioEvent: at most 1 second of audio per chunk.
		if (
			stream.mediaEncoding === 'pcm' &&
			audio.length > stream.mediaSampleRateHertz * live.channels * 2
		)
			throw streamBadRequest('An audio chunk may hold at most 1 second of audio.');
		if (stream.mediaEncoding === 'pcm' && audio.length % (2 * live.channels) !== 0)
			throw streamBadRequest(
				`PCM audio chunks must hold whole 16-bit samples for ${live.channels} channel(s).`,
			);
		summary.audioBytes += audio.length;
		if (fault && audioEvents > (fault.afterAudioEvents ?? 2)) {
			if (fault.kind === 'reset') return 'reset';
			throw new StreamException(
				fault.exceptionType ?? 'InternalFailureException',
				fault.message ?? 'An internal error occurred while processing the stream.',
			);
		}
		live.audioBytes += audio.length;
		live.audioSeconds = audioSecondsOf(live);
		return partials(live);
	};

	const route: StreamRoute = {
		matches: (method, rawPath) => method === 'POST' && rawPath === PATH,
		serve,
	};
	return {
		route,
		failNextStream(fault: ScribeStreamFault) {
			queued.push(fault);
		},
	};
}
