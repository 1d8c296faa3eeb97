import type {
	MedicalScribeInputStream,
	MedicalScribeStreamDetails,
	MedicalScribeTranscriptSegment,
} from '@aws-sdk/client-transcribe-streaming';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
} from 'n8n-workflow';
import { awsApiError, callAws } from '../../../common/aws/calls';
import {
	newProgress,
	pacedChunks,
	SegmentFold,
	type StreamProgress,
} from '../../../common/audio/pacing';
import {
	audioChunks,
	chunkBytes,
	openRecording,
	rawPcmFormat,
	secondsCounter,
} from '../../../common/audio/recording';
import { openRecordingSource, readRecording } from '../../../common/audio/source';
import { jsonItems } from '../../../common/items';
import {
	keyValueCollection,
	channelRoleProperties,
	noteTemplateProperty,
	patientPronounsOption,
	vocabularyFilterOptions,
} from '../scribeProperties';
import type { OperationOption } from '../../../common/operation';
import { params } from '../../../common/params';
import { redact } from '../../../common/redact';
import {
	readWaitSettings,
	waitForCompletion,
	waitProperties,
	type WaitDefaults,
	type WaitSettings,
} from '../../../common/waitFor';
import { noteParameter, outputProperties, readOutputSettings } from '../../outputs/include';
import { getScribeStream, startScribeStream } from '../../transport/streaming';
import { noteResult, streamJson, streamOutputItem } from './output';
import {
	checkChannels,
	configurationEvent,
	DEFAULT_CHUNK_MS,
	readStreamRequest,
	STREAM_AUDIO_RULES,
	type StreamRequest,
} from './startRequest';

const WAIT: WaitDefaults = {
	maxWaitMinutes: 15,
	onTimeout: 'error',
	description:
		'Whether to wait after streaming until HealthScribe has written the clinical note, then return it',
};
/** Once the note is written (Wait for Completion): in which shape it is returned, EncounterNote by default. */
const startNote = {
	...noteParameter('Once the note is written: in which shape to return it under "note"'),
	default: 'encounterNote' as const,
};

export const option: OperationOption<'start'> = {
	name: 'Start',
	value: 'start',
	description:
		'Stream a recording to AWS HealthScribe and get its transcript, optionally waiting for the clinical note',
	action: 'Start a medical scribe stream',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Audio Source',
		name: 'audioSource',
		type: 'options',
		options: [
			{ name: 'Binary Property', value: 'binary', description: 'A recording on the input item' },
			{ name: 'S3 URI', value: 's3', description: 'A recording in S3, streamed from there' },
		],
		default: 'binary',
		description:
			'Where the consultation recording comes from. WAV (PCM 16-bit), FLAC or Ogg Opus, 16,000–48,000 Hz; it is streamed in chunks, never held in memory whole.',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property holding the recording',
		displayOptions: { show: { audioSource: ['binary'] } },
	},
	{
		displayName: 'Audio S3 URI',
		name: 'audioS3Uri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 's3://recordings/2026/11/30/visit-0900.wav',
		description:
			'Where the recording is stored in Amazon S3: s3://, then the bucket name, then the file’s path (in the S3 console: select the file → Copy S3 URI)',
		displayOptions: { show: { audioSource: ['s3'] } },
	},
	{
		displayName: 'Media Encoding',
		name: 'mediaEncoding',
		type: 'options',
		options: [
			{
				name: 'Detect From File',
				value: 'detect',
				description:
					'A WAV (PCM 16-bit), FLAC or Ogg Opus file; its sample rate and channels are read from the file',
			},
			{
				name: 'Raw PCM (No Header)',
				value: 'pcm',
				description: 'Headerless 16-bit little-endian samples; give the sample rate',
			},
		],
		default: 'detect',
		description: 'How the recording is encoded',
	},
	{
		displayName: 'Sample Rate (Hz)',
		name: 'sampleRate',
		type: 'number',
		typeOptions: { minValue: 16000, maxValue: 48000 },
		default: 16000,
		description: 'Samples per second of the raw PCM audio (16,000 to 48,000); must match the audio',
		displayOptions: { show: { mediaEncoding: ['pcm'] } },
	},
	{
		displayName: 'Language',
		name: 'languageCode',
		type: 'options',
		options: [{ name: 'English (US)', value: 'en-US' }],
		default: 'en-US',
		description: 'Language spoken in the consultation (HealthScribe streaming supports US English)',
	},
	{
		displayName: 'Speaker Identification',
		name: 'speakerMode',
		type: 'options',
		options: [
			{
				name: 'Speaker Labels (One Channel)',
				value: 'speakerLabels',
				description:
					'HealthScribe tells the voices in a mono recording apart and assigns their roles',
			},
			{
				name: 'Channel Identification (Two Channels)',
				value: 'channelIdentification',
				description: 'Each channel of a stereo recording is one participant',
			},
		],
		default: 'speakerLabels',
		description: 'How HealthScribe tells the clinician and the patient apart',
	},
	...channelRoleProperties(''),
	{
		displayName: 'Output Bucket Name',
		name: 'outputBucketName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my-scribe-output',
		description:
			'Bucket name only (no s3://) where HealthScribe writes the transcript and the clinical note after the stream',
	},
	{
		displayName: 'Resource Access Role ARN',
		name: 'resourceAccessRoleArn',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'arn:aws:iam::123456789012:role/HealthScribeStreaming',
		description:
			'The IAM role HealthScribe uses to write into the output bucket (and use the KMS key, if any); copy its ARN from the role’s page in the IAM console',
	},
	noteTemplateProperty('The layout of the clinical note HealthScribe writes after the stream'),
	...waitProperties({}, WAIT),
	...outputProperties({ waitForCompletion: [true] }, startNote),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Custom Vocabulary Name or ID',
				name: 'vocabularyName',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getVocabularies' },
				default: '',
				description:
					'A READY Transcribe custom vocabulary in the same Region. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},

			keyValueCollection(
				'KMS Encryption Context',
				'kmsEncryptionContext',
				'Up to 10 key-value pairs bound to the KMS encryption of the outputs',
			),
			{
				displayName: 'KMS Key ID',
				name: 'kmsKeyId',
				type: 'string',
				default: '',
				placeholder: 'arn:aws:kms:us-east-1:123456789012:key/…',
				description:
					'KMS key (ID, ARN or alias) that encrypts the session’s outputs; S3-managed encryption when empty',
			},
			patientPronounsOption,

			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				placeholder: '123e4567-e89b-42d3-a456-426614174000',
				description: 'A UUID for the new session; leave blank for a new random one per item',
			},
			...vocabularyFilterOptions,
		],
	},
	{
		displayName: 'Streaming Options',
		name: 'streamingOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Chunk Duration (Ms)',
				name: 'chunkMs',
				type: 'number',
				typeOptions: { minValue: 20, maxValue: 1000 },
				default: DEFAULT_CHUNK_MS,
				description:
					'Audio per event (at most 1 second, as AWS requires); 50–200 ms is typical for streaming',
			},
			{
				displayName: 'Real-Time Pacing',
				name: 'realTime',
				type: 'boolean',
				default: false,
				description:
					'Whether to send the audio no faster than it plays, as a live microphone would. Off: as fast as the service accepts.',
			},
		],
	},
];

/** Final (or last partial) segments as EncounterNote-style turns; times in seconds (the stream gives milliseconds). */
function transcriptTurns(
	segments: MedicalScribeTranscriptSegment[],
	r: StreamRequest,
): IDataObject[] {
	return segments.map((segment, n) => {
		// ChannelId names the channel (e.g. "ch_0"); present only with channel definitions.
		const channel = /(\d+)$/.exec(segment.ChannelId ?? '')?.[1];
		const role =
			r.speakerMode === 'channelIdentification' && channel !== undefined
				? r.channelRoles[Number(channel)]
				: undefined;
		return {
			id: segment.SegmentId ?? String(n),
			role: role ?? 'SPEAKER',
			...(segment.ChannelId !== undefined ? { speaker: segment.ChannelId } : {}),
			...(segment.BeginAudioTime !== undefined ? { start: segment.BeginAudioTime / 1000 } : {}),
			...(segment.EndAudioTime !== undefined ? { end: segment.EndAudioTime / 1000 } : {}),
			text: segment.Content ?? '',
		};
	});
}

/** The stream's failure as an n8n error: what AWS said, and (once audio left) how far the stream got. */
async function streamFailure(
	context: IExecuteFunctions,
	error: unknown,
	sessionId: string,
	progress: StreamProgress,
	i: number,
): Promise<NodeApiError> {
	const nodeError = await awsApiError(context, 'StartMedicalScribeStream', error, i);
	nodeError.context.sessionId = sessionId;
	if (progress.audioEvents === 0) return nodeError;
	const detail =
		`HealthScribe streaming session ${sessionId}: the stream stopped after ${progress.audioEvents} audio events ` +
		`(${progress.audioSeconds.toFixed(1)} s, ${progress.audioBytes} bytes of audio; stage: ${progress.stage}). Nothing was sent again: ` +
		'the session may hold part of the recording. Check it with Get, then start a new session (new Session ID) to send the whole recording.';
	nodeError.message = `${nodeError.message.replace(/\.$/, '')}. ${detail}`;
	nodeError.description = `${detail}${nodeError.description ? ` ${nodeError.description}` : ''}`;
	nodeError.context.audioEventsSent = progress.audioEvents;
	// Never retried silently: say so to retry helpers too.
	nodeError.context.transient = false;
	return nodeError;
}

/**
 * Polls GetMedicalScribeStream until the post-stream analytics are COMPLETED or FAILED (or the stream
 * FAILED); a failure is an error carrying AWS's (redacted) reason.
 */
async function waitForNote(
	context: IExecuteFunctions,
	sessionId: string,
	settings: WaitSettings,
	i: number,
): Promise<{ value: MedicalScribeStreamDetails; timedOut: boolean }> {
	return await waitForCompletion(context, i, settings, {
		read: async () =>
			(
				await callAws(
					context,
					'GetMedicalScribeStream',
					async () => await getScribeStream(context, sessionId),
					i,
				)
			).MedicalScribeStreamDetails ?? { SessionId: sessionId },
		done: (details) =>
			details.StreamStatus === 'FAILED' ||
			['COMPLETED', 'FAILED'].includes(noteResult(details)?.Status ?? ''),
		failure: (details) => {
			const result = noteResult(details);
			if (details.StreamStatus !== 'FAILED' && result?.Status !== 'FAILED') return undefined;
			return {
				message: `The clinical note of HealthScribe streaming session ${sessionId} could not be generated`,
				description: result?.FailureReason
					? `AWS says: ${redact(result.FailureReason)}`
					: 'AWS gave no failure reason.',
			};
		},
		timeout: () => ({
			message: `The clinical note of HealthScribe streaming session ${sessionId} was not written within Max Wait`,
			description:
				'The audio was streamed and HealthScribe is generating the note. Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or fetch it later with Medical Scribe Stream → Get.',
		}),
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const v = params(this, i);
	const request = readStreamRequest(v);
	const wait = readWaitSettings(this, i, WAIT);
	const settings = wait ? readOutputSettings(v, startNote) : undefined;

	const source = await openRecordingSource(this, v, i, request);
	const { format, prefix } = await readRecording(v, source, async (reader) => {
		const raw = request.rawPcm && rawPcmFormat(request.rawPcm.sampleRate, request.rawPcm.channels);
		const opened = await openRecording(reader, STREAM_AUDIO_RULES, raw);
		checkChannels(v, request, opened.format, `Audio (${source.label})`);
		return opened;
	});

	const configuration = configurationEvent(request);
	const progress = newProgress();
	// Stops the audio and the request when n8n cancels the execution or the stream fails.
	const controller = new AbortController();
	const cancelled = this.getExecutionCancelSignal?.();
	const onCancel = () => controller.abort();
	cancelled?.addEventListener('abort', onCancel, { once: true });
	const chunks = pacedChunks(
		audioChunks(source.reader, format, prefix, chunkBytes(format, request.chunkMs)),
		progress,
		{
			secondsOf: secondsCounter(format, source.fileBytes),
			realTime: request.realTime,
			signal: controller.signal,
		},
	);
	// MedicalScribeInputStream: the configuration first, the audio, then END_OF_SESSION (which starts the post-stream analytics).
	async function* inputStream(): AsyncGenerator<MedicalScribeInputStream> {
		progress.stage = 'configuration';
		yield { ConfigurationEvent: configuration };
		for await (const chunk of chunks) yield { AudioEvent: { AudioChunk: chunk } };
		yield { SessionControlEvent: { Type: 'END_OF_SESSION' } };
	}
	const fold = new SegmentFold<MedicalScribeTranscriptSegment>({
		id: (segment) => segment.SegmentId,
		withId: (segment, SegmentId) => ({ ...segment, SegmentId }),
		isFinal: (segment) => segment.IsPartial === false,
		start: (segment) => segment.BeginAudioTime,
	});

	const started: IDataObject = { SessionId: request.sessionId };
	try {
		const response = await startScribeStream(
			this,
			{
				SessionId: request.sessionId,
				LanguageCode: request.languageCode as 'en-US',
				MediaSampleRateHertz: format.sampleRate,
				MediaEncoding: format.encoding,
				InputStream: inputStream(),
			},
			controller.signal,
		);
		Object.assign(started, {
			SessionId: response.SessionId ?? request.sessionId,
			RequestId: response.RequestId,
			LanguageCode: response.LanguageCode,
			MediaSampleRateHertz: response.MediaSampleRateHertz,
			MediaEncoding: response.MediaEncoding,
		});
		for await (const event of response.ResultStream ?? [])
			if (event.TranscriptEvent?.TranscriptSegment)
				fold.add(event.TranscriptEvent.TranscriptSegment);
		progress.stage = 'ended';
	} catch (error) {
		controller.abort();
		throw await streamFailure(this, error, request.sessionId, progress, i);
	} finally {
		cancelled?.removeEventListener('abort', onCancel);
		await source.reader.close();
	}

	for (const key of Object.keys(started)) if (started[key] === undefined) delete started[key];
	const streamed: IDataObject = {
		audio: {
			container: format.container,
			channels: format.channels,
			seconds: Math.round(progress.audioSeconds * 1000) / 1000,
			bytes: progress.audioBytes,
			events: progress.audioEvents,
		},
		transcript: { turns: transcriptTurns(fold.result(), request) },
	};
	if (!wait || !settings) return jsonItems({ ...started, ...streamed }, i);

	const { value: details, timedOut } = await waitForNote(this, request.sessionId, wait, i);
	const json: IDataObject = {
		...started,
		...streamJson(details),
		...streamed,
		...(timedOut ? { waitTimedOut: true } : {}),
	};
	return [await streamOutputItem(this, json, details, settings, i)];
}
