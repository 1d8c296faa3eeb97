import { randomUUID } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import { params, type ParamReader } from '../../../common/params';
import type { ItemValidator } from '../../../common/validate';
import { readWaitSettings, waitForCompletion } from '../../../common/waitFor';
import { artifactResult, sessionNoteOutput } from '../../outputs/encounterNote';
import { expandDateTokens } from '../../outputs/layout';
import { connectHealthClient } from '../../transport/client';
import type { TranscriptSegment } from '../../transport/eventStream';
import { getListeningSession } from '../../transport/listeningSessions';
import { PARTICIPANT_ROLES } from '../../transport/model';
import { startListeningSessionStream, type StreamOutcome } from '../../transport/streamingSession';
import { subscriptionKeyFrom } from '../locators';
import {
	checkChannelDefinitions,
	checkMarkdown,
	checkNoteTemplateSettings,
	checkS3Uri,
	checkSessionId,
	type NoteTemplateChoice,
} from '../validation';
import {
	audioChunks,
	chunkBytes,
	openRecording,
	secondsCounter,
	type AudioFormat,
} from '../../../common/audio/recording';
import { readNoteSettings } from './noteOptions';
import { openRecordingSource, readRecording } from '../../../common/audio/source';
import { DEFAULT_CHUNK_MS, LANGUAGES, startNote, WAIT } from './startProperties';

export { description, option, options } from './startProperties';

interface SessionRequest {
	domainId: string;
	subscriptionId: string;
	sessionId: string;
	languageCode: string;
	outputS3Uri: string;
	noteTemplateSettings: NoteTemplateChoice;
	channel0Role: string;
	encounterContext?: string;
}

/** Every parameter of the item, checked against the model before anything is read or sent. */
function readRequest(v: ParamReader): SessionRequest {
	const extra = v.collection('additionalFields', 'Additional Fields');
	const key = subscriptionKeyFrom((name) => v.raw(name), v);
	const sessionId = v.text('Session ID', extra.sessionId) || randomUUID();
	checkSessionId(v, 'Session ID', sessionId);
	const languageCode = v.options('languageCode', 'Language', LANGUAGES, 'en-US');
	const outputS3Uri = expandDateTokens(v.string('outputS3Uri', 'Output S3 URI'), Date.now());
	checkS3Uri(v, 'Output S3 URI', outputS3Uri);
	const noteTemplateSettings: NoteTemplateChoice =
		v.options('noteTemplateKind', 'Note Template', ['managed', 'custom'], 'managed') === 'custom'
			? {
					customTemplate: {
						templateType: v.string('customTemplateBase', 'Base Template', {
							fallback: 'HISTORY_AND_PHYSICAL',
						}),
						templateInstructions: v
							.entries('Sections', v.raw('templateSections', {}), 'section')
							.map((section) => ({
								sectionHeader: v.text('Header', section.sectionHeader),
								sectionInstruction: v.text('Instruction', section.sectionInstruction),
							})),
					},
				}
			: {
					managedTemplate: {
						templateType: v.string('managedTemplate', 'Template', {
							fallback: 'HISTORY_AND_PHYSICAL',
						}),
					},
				};
	checkNoteTemplateSettings(v, noteTemplateSettings);
	const encounterContext = v.optionalText('Encounter Context', extra.encounterContext);
	checkMarkdown(v, 'Encounter Context', encounterContext);
	const channel0Role = v.choice(
		'Channel 0 Speaker',
		extra.channel0Role,
		PARTICIPANT_ROLES,
		'CLINICIAN',
	)!;
	return {
		...key,
		sessionId,
		languageCode,
		outputS3Uri,
		noteTemplateSettings,
		channel0Role,
		encounterContext,
	};
}

/** The configuration event (https://docs.aws.amazon.com/connecthealth/latest/APIReference/API_StartMedicalScribeListeningSession.html): channel definitions only for two-channel audio. */
function configurationEvent(
	request: SessionRequest,
	format: AudioFormat,
	v: ItemValidator,
): Record<string, unknown> {
	const other = request.channel0Role === 'CLINICIAN' ? 'PATIENT' : 'CLINICIAN';
	const channelDefinitions =
		format.channels === 2
			? [
					{ channelId: 0, participantRole: request.channel0Role },
					{ channelId: 1, participantRole: other },
				]
			: undefined;
	checkChannelDefinitions(v, channelDefinitions);
	return {
		postStreamActionSettings: {
			outputS3Uri: request.outputS3Uri,
			clinicalNoteGenerationSettings: { noteTemplateSettings: request.noteTemplateSettings },
		},
		...(channelDefinitions ? { channelDefinitions } : {}),
		...(request.encounterContext
			? { encounterContext: { unstructuredContext: request.encounterContext } }
			: {}),
	};
}

/** Transcript segments as EncounterNote turns, the speaker's role from the channel definitions. */
export function transcriptTurns(
	segments: TranscriptSegment[],
	channels: Array<{ channelId: number; participantRole: string }> | undefined,
): IDataObject[] {
	return segments.map((segment, n) => {
		const role = channels?.find((c) => String(c.channelId) === segment.channelId)?.participantRole;
		return {
			id: segment.segmentId ?? String(n),
			role: role ?? 'SPEAKER',
			...(segment.channelId !== undefined ? { speaker: `channel ${segment.channelId}` } : {}),
			...(segment.audioBeginOffset !== undefined ? { start: segment.audioBeginOffset } : {}),
			...(segment.audioEndOffset !== undefined ? { end: segment.audioEndOffset } : {}),
			text: segment.content ?? '',
		};
	});
}

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const v = params(this, i);
	const request = readRequest(v);
	const options = v.collection('options', 'Options');
	const chunkMs = v.requiredNum('Chunk Duration (Ms)', options.chunkMs, {
		min: 20,
		max: 1000,
		fallback: DEFAULT_CHUNK_MS,
	});
	const realTime = v.bool('Real-Time Pacing', options.realTime, false);
	const binaryEvents = v.bool('Binary Audio Events', options.binaryAudioEvents, false);
	const wait = readWaitSettings(this, i, WAIT);
	const noteSettings = wait ? readNoteSettings(v, startNote) : undefined;

	const audioSource = v.options('audioSource', 'Audio Source', ['binary', 's3'], 'binary');
	const source = await openRecordingSource(
		this,
		v,
		i,
		audioSource === 's3'
			? { audioSource, audioS3Uri: v.string('audioS3Uri', 'Audio S3 URI') }
			: {
					audioSource,
					binaryPropertyName: v.string('binaryPropertyName', 'Input Binary Field', {
						fallback: 'data',
					}),
				},
	);
	const { format, prefix, configuration } = await readRecording(v, source, async (reader) => {
		const opened = await openRecording(reader);
		return { ...opened, configuration: configurationEvent(request, opened.format, v) };
	});
	const secrets = [
		request.encounterContext,
		...(request.noteTemplateSettings.customTemplate?.templateInstructions.flatMap((s) => [
			s.sectionHeader,
			s.sectionInstruction,
		]) ?? []),
	];
	const client = await connectHealthClient(this);
	const headers = {
		sessionId: request.sessionId,
		domainId: request.domainId,
		subscriptionId: request.subscriptionId,
		languageCode: request.languageCode,
		mediaSampleRateHertz: format.sampleRate,
		mediaEncoding: format.encoding,
	};
	let outcome: StreamOutcome;
	try {
		outcome = await startListeningSessionStream(
			client,
			headers,
			configuration,
			{
				chunks: audioChunks(source.reader, format, prefix, chunkBytes(format, chunkMs)),
				secondsOf: secondsCounter(format, source.fileBytes),
				realTime,
				binaryEvents,
			},
			{ itemIndex: i, secrets },
		);
	} finally {
		await source.reader.close();
	}

	const channels = configuration.channelDefinitions as
		| Array<{ channelId: number; participantRole: string }>
		| undefined;
	const item: IDataObject = {
		...headers,
		...outcome.headers,
		streamStatus: outcome.streamStatus,
		audio: {
			container: format.container,
			channels: format.channels,
			seconds: Math.round(outcome.progress.audioSeconds * 1000) / 1000,
			bytes: outcome.progress.audioBytes,
			events: outcome.progress.audioEvents,
		},
		transcript: { turns: transcriptTurns(outcome.segments, channels) },
	};
	if (!wait) return jsonItems(item, i);

	const ids = {
		domainId: request.domainId,
		subscriptionId: request.subscriptionId,
		sessionId: request.sessionId,
	};
	// The note is final once written or failed (a failed stream writes none); a failure is reported in the item, not raised.
	const { value: details, timedOut } = await waitForCompletion(this, i, wait, {
		read: async () => await getListeningSession(client, ids, { itemIndex: i }),
		done: (session) =>
			session.streamStatus === 'FAILED' ||
			['COMPLETED', 'FAILED'].includes(artifactResult(session, 'clinicalNote')?.status ?? ''),
		timeout: () => ({
			message: `The clinical note of listening session ${request.sessionId} was not written within Max Wait`,
			description:
				'The audio was streamed and the session is generating its note. Raise Max Wait, choose "Return Job As It Stands", or let the Connect Health Trigger pick the note up later.',
		}),
	});
	const done = { ...item, session: details, ...(timedOut ? { waitTimedOut: true } : {}) };
	if (!noteSettings) return jsonItems(done, i);
	const note = await sessionNoteOutput(this, details, noteSettings, i);
	return jsonItems(note ? { ...done, note } : done, i);
}
