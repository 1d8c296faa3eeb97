import { randomUUID } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { awsFailure, vendorError } from '../../../common/errors';
import type { ItemResult } from '../../../common/items';
import { ItemValidator } from '../../../common/validate';
import { readWaitSettings, waitFor, waitProperties, type WaitDefaults } from '../../../common/waitFor';
import { artifactResult, sessionNoteOutput } from '../../outputs/encounterNote';
import { expandDateTokens } from '../../outputs/layout';
import { connectHealthClient, type ConnectHealthClient } from '../../transport/client';
import type { TranscriptSegment } from '../../transport/eventStream';
import { getListeningSession } from '../../transport/listeningSessions';
import { CUSTOM_TEMPLATE_BASES, MANAGED_NOTE_TEMPLATES, PARTICIPANT_ROLES, type ListeningSessionDetails } from '../../transport/model';
import { startListeningSessionStream, type StreamOutcome } from '../../transport/streamingSession';
import { optionsCollection, showFor, subscriptionKeyFrom, domainLocator, subscriptionLocator } from '../fields';
import {
	checkChannelDefinitions,
	checkMarkdown,
	checkNoteTemplateSettings,
	checkS3Uri,
	checkSessionId,
	type NoteTemplateChoice,
} from '../validation';
import { AudioFormatError, audioChunks, chunkBytes, openRecording, secondsCounter, type AudioFormat } from './audio';
import { noteProperties, readNoteSettings } from './noteOptions';
import { binaryRecording, s3Recording, type RecordingSource } from './source';

const show = showFor('listeningSession', ['start']);
const WAIT: WaitDefaults = { maxWaitMinutes: 10, onTimeout: 'returnJob', description: 'Whether to wait until the clinical note has been written, then return it' };
const LANGUAGES = ['en-US', 'multi'] as const;
const DEFAULT_CHUNK_MS = 100;
const optionName = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const choices = (values: readonly string[]) => values.map((value) => ({ name: optionName(value), value }));

export const option: INodePropertyOptions = {
	name: 'Start',
	value: 'start',
	action: 'Start a listening session from a recording',
	description: 'Stream a recording into a new listening session and get its transcript, optionally waiting for the clinical note',
};

export const description: INodeProperties[] = [
	domainLocator(show),
	subscriptionLocator(show),
	{
		displayName: 'Audio Source',
		name: 'audioSource',
		type: 'options',
		options: [
			{ name: 'Binary Property', value: 'binary', description: 'A recording on the input item (WAV PCM 16-bit or FLAC)' },
			{ name: 'S3 URI', value: 's3', description: 'A recording in S3 (WAV PCM 16-bit or FLAC)' },
		],
		default: 'binary',
		displayOptions: show,
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'The binary property holding the recording. Sample rate and channels are read from the file.',
		displayOptions: { show: { ...show.show, audioSource: ['binary'] } },
	},
	{
		displayName: 'Audio S3 URI',
		name: 'audioS3Uri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 's3://recordings/2026/11/30/visit-0900.wav',
		displayOptions: { show: { ...show.show, audioSource: ['s3'] } },
	},
	{
		displayName: 'Language',
		name: 'languageCode',
		type: 'options',
		options: [
			{ name: 'English (US)', value: 'en-US' },
			{ name: 'Multiple Languages (Code Switching)', value: 'multi' },
		],
		default: 'en-US',
		displayOptions: show,
	},
	{
		displayName: 'Output S3 URI',
		name: 'outputS3Uri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://scribe-output/connect-health/{yyyy}/{mm}/{dd}/',
		description:
			'Where the service writes the transcript, clinical note and after-visit summary. {yyyy}, {mm} and {dd} are replaced with today’s UTC date, so the trigger can watch recent days only.',
		displayOptions: show,
	},
	{
		displayName: 'Note Template',
		name: 'noteTemplateKind',
		type: 'options',
		options: [
			{ name: 'Managed Template', value: 'managed' },
			{ name: 'Custom Template', value: 'custom', description: 'A base template with your own sections and instructions' },
		],
		default: 'managed',
		displayOptions: show,
	},
	{
		displayName: 'Template',
		name: 'managedTemplate',
		type: 'options',
		options: choices(MANAGED_NOTE_TEMPLATES),
		default: 'HISTORY_AND_PHYSICAL',
		displayOptions: { show: { ...show.show, noteTemplateKind: ['managed'] } },
	},
	{
		displayName: 'Base Template',
		name: 'customTemplateBase',
		type: 'options',
		options: choices(CUSTOM_TEMPLATE_BASES),
		default: 'HISTORY_AND_PHYSICAL',
		displayOptions: { show: { ...show.show, noteTemplateKind: ['custom'] } },
	},
	{
		displayName: 'Sections',
		name: 'templateSections',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Section',
		default: {},
		description: '1 to 20 sections of the note, each with a header (letters, digits, underscores) and an instruction',
		displayOptions: { show: { ...show.show, noteTemplateKind: ['custom'] } },
		options: [
			{
				name: 'section',
				displayName: 'Section',
				values: [
					{ displayName: 'Header', name: 'sectionHeader', type: 'string', default: '', placeholder: 'Chief_Complaint' },
					{ displayName: 'Instruction', name: 'sectionInstruction', type: 'string', typeOptions: { rows: 2 }, default: '' },
				],
			},
		],
	},
	...waitProperties(show, WAIT),
	...noteProperties({ ...show.show, waitForCompletion: [true] }).map((property) =>
		property.name === 'includeNote' ? { ...property, default: 'encounterNote', description: 'Once the note is written: in which shape to return it under "note"' } : property,
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Channel 0 Speaker',
				name: 'channel0Role',
				type: 'options',
				options: choices(PARTICIPANT_ROLES),
				default: 'CLINICIAN',
				description: 'Two-channel recordings only: who speaks on the first (left) channel; the other participant is on channel 1',
			},
			{
				displayName: 'Encounter Context',
				name: 'encounterContext',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'Free-text context for the note (markdown). Treated as sensitive: never shown in errors.',
			},
			{
				displayName: 'Session ID',
				name: 'sessionId',
				type: 'string',
				default: '',
				placeholder: '123e4567-e89b-42d3-a456-426614174000',
				description: 'A UUID for the new session; leave blank for a new random one per item',
			},
		],
	},
	optionsCollection(show, [
		{
			displayName: 'Binary Audio Events',
			name: 'binaryAudioEvents',
			type: 'boolean',
			default: false,
			description: 'Whether to send raw audio (binaryAudioEvent, about 25% less data) instead of base64 audio in JSON (audioEvent). Only services updated after June 2026 accept it.',
		},
		{
			displayName: 'Chunk Duration (Ms)',
			name: 'chunkMs',
			type: 'number',
			typeOptions: { minValue: 20, maxValue: 1000 },
			default: DEFAULT_CHUNK_MS,
			description: 'Audio per event. AWS recommends 50–200 ms chunks for streaming.',
		},
		{
			displayName: 'Real-Time Pacing',
			name: 'realTime',
			type: 'boolean',
			default: false,
			description: 'Whether to send the audio no faster than it plays, as a live microphone would. Off: as fast as the service accepts.',
		},
	]),
];

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim());

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
function readRequest(context: IExecuteFunctions, v: ItemValidator, i: number): SessionRequest {
	const get = (name: string, fallback: unknown = '') => context.getNodeParameter(name, i, fallback);
	const extra = get('additionalFields', {}) as IDataObject;
	const key = subscriptionKeyFrom((name) => get(name), v);
	const sessionId = text(extra.sessionId) || randomUUID();
	checkSessionId(v, 'Session ID', sessionId);
	const languageCode = text(get('languageCode', 'en-US'));
	v.oneOf('Language', languageCode, LANGUAGES);
	const outputS3Uri = expandDateTokens(text(get('outputS3Uri')), Date.now());
	checkS3Uri(v, 'Output S3 URI', outputS3Uri);
	const noteTemplateSettings: NoteTemplateChoice =
		text(get('noteTemplateKind', 'managed')) === 'custom'
			? {
					customTemplate: {
						templateType: text(get('customTemplateBase', 'HISTORY_AND_PHYSICAL')),
						templateInstructions: (((get('templateSections', {}) as IDataObject).section ?? []) as IDataObject[]).map((s) => ({
							sectionHeader: text(s.sectionHeader),
							sectionInstruction: text(s.sectionInstruction),
						})),
					},
				}
			: { managedTemplate: { templateType: text(get('managedTemplate', 'HISTORY_AND_PHYSICAL')) } };
	checkNoteTemplateSettings(v, noteTemplateSettings);
	const encounterContext = text(extra.encounterContext) || undefined;
	checkMarkdown(v, 'Encounter Context', encounterContext);
	const channel0Role = text(extra.channel0Role) || 'CLINICIAN';
	v.oneOf('Channel 0 Speaker', channel0Role, PARTICIPANT_ROLES);
	return { ...key, sessionId, languageCode, outputS3Uri, noteTemplateSettings, channel0Role, encounterContext };
}

/** The configuration event (fact sheet §5.4): channel definitions only for two-channel audio. */
function configurationEvent(request: SessionRequest, format: AudioFormat, v: ItemValidator): Record<string, unknown> {
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
		postStreamActionSettings: { outputS3Uri: request.outputS3Uri, clinicalNoteGenerationSettings: { noteTemplateSettings: request.noteTemplateSettings } },
		...(channelDefinitions ? { channelDefinitions } : {}),
		...(request.encounterContext ? { encounterContext: { unstructuredContext: request.encounterContext } } : {}),
	};
}

async function openSource(context: IExecuteFunctions, v: ItemValidator, i: number): Promise<RecordingSource> {
	if (text(context.getNodeParameter('audioSource', i, 'binary')) === 's3') {
		const uri = text(context.getNodeParameter('audioS3Uri', i, ''));
		try {
			return await s3Recording(context, v, uri);
		} catch (error) {
			if ((error as { context?: unknown }).context) throw error;
			throw vendorError(context.getNode(), awsFailure('GetObject', error), { itemIndex: i });
		}
	}
	return await binaryRecording(context, v, i, text(context.getNodeParameter('binaryPropertyName', i, 'data')));
}

/** Transcript segments as EncounterNote turns, the speaker's role from the channel definitions. */
export function transcriptTurns(segments: TranscriptSegment[], channels: Array<{ channelId: number; participantRole: string }> | undefined): IDataObject[] {
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

/** Waits until the post-stream artifacts are final (written or failed), or the cap. */
async function waitForArtifacts(
	context: IExecuteFunctions,
	client: ConnectHealthClient,
	ids: { domainId: string; subscriptionId: string; sessionId: string },
	maxWaitMs: number,
	i: number,
): Promise<{ details: ListeningSessionDetails; timedOut: boolean }> {
	const final = (details: ListeningSessionDetails) =>
		details.streamStatus === 'FAILED' || ['COMPLETED', 'FAILED'].includes(artifactResult(details, 'clinicalNote')?.status ?? '');
	const { value, timedOut } = await waitFor(async () => await getListeningSession(client, ids, { itemIndex: i }), final, { maxWaitMs });
	return { details: value, timedOut };
}

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const v = new ItemValidator(this.getNode(), i);
	const request = readRequest(this, v, i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const chunkMs = Number(options.chunkMs ?? DEFAULT_CHUNK_MS);
	v.range('Chunk Duration (Ms)', chunkMs, 20, 1000);
	const wait = readWaitSettings(this, i, WAIT);
	const noteSettings = wait ? readNoteSettings((name, fallback) => this.getNodeParameter(name, i, name === 'includeNote' ? 'encounterNote' : fallback)) : undefined;

	const source = await openSource(this, v, i);
	let format: AudioFormat;
	let prefix: Buffer;
	try {
		({ format, prefix } = await openRecording(source.reader));
	} catch (error) {
		await source.reader.close();
		if (error instanceof AudioFormatError) return v.fail(`Audio (${source.label})`, error.problem, error.fix);
		throw error;
	}
	let configuration: Record<string, unknown>;
	try {
		configuration = configurationEvent(request, format, v);
	} catch (error) {
		await source.reader.close();
		throw error;
	}
	const secrets = [request.encounterContext, ...(request.noteTemplateSettings.customTemplate?.templateInstructions.flatMap((s) => [s.sectionHeader, s.sectionInstruction]) ?? [])];
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
				realTime: options.realTime === true,
				binaryEvents: options.binaryAudioEvents === true,
			},
			{ itemIndex: i, secrets },
		);
	} finally {
		await source.reader.close();
	}

	const channels = configuration.channelDefinitions as Array<{ channelId: number; participantRole: string }> | undefined;
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
	if (!wait) return item;

	const ids = { domainId: request.domainId, subscriptionId: request.subscriptionId, sessionId: request.sessionId };
	const { details, timedOut } = await waitForArtifacts(this, client, ids, wait.maxWaitMs, i);
	if (timedOut && wait.onTimeout === 'error') {
		throw new NodeOperationError(this.getNode(), `The clinical note of listening session ${request.sessionId} was not written within Max Wait`, {
			itemIndex: i,
			description: 'The audio was streamed and the session is generating its note. Raise Max Wait, choose "Return Job As It Stands", or let the Connect Health Trigger pick the note up later.',
		});
	}
	const done: IDataObject = { ...item, session: details as unknown as IDataObject, ...(timedOut ? { waitTimedOut: true } : {}) };
	if (!noteSettings) return done;
	const note = await sessionNoteOutput(this, details, noteSettings, i);
	return note ? { ...done, note } : done;
}
