/**
 * AWS HealthScribe streaming sessions (Transcribe Streaming) and their post-stream analytics, on
 * the sandbox clock: a session is IN_PROGRESS while audio streams, PAUSED when the input stream
 * ended without END_OF_SESSION (it can be resumed), COMPLETED after END_OF_SESSION (then the
 * analytics run IN_PROGRESS → COMPLETED, writing the transcript and clinical note files, or FAILED),
 * FAILED when the stream failed. Shapes as in the API reference:
 * https://docs.aws.amazon.com/transcribe/latest/APIReference/API_streaming_MedicalScribeStreamDetails.html
 */
import type { EmulatorContext } from '../core/types';
import type { SyntheticEncounter } from '../data/encounters';
import { buildClinicalDocument, buildTranscript } from './outputs';
import type { NoteTemplate } from './shapes';
import { DEFAULT_TEMPLATE } from './templates';

export type StreamStatus = 'IN_PROGRESS' | 'PAUSED' | 'FAILED' | 'COMPLETED';

/** The validated MedicalScribeConfigurationEvent, as sent (PascalCase members). */
export interface StreamConfiguration {
	ResourceAccessRoleArn: string;
	PostStreamAnalyticsSettings: {
		ClinicalNoteGenerationSettings: { OutputBucketName: string; NoteTemplate?: NoteTemplate };
	};
	VocabularyName?: string;
	VocabularyFilterName?: string;
	VocabularyFilterMethod?: string;
	ChannelDefinitions?: Array<{ ChannelId: number; ParticipantRole: string }>;
	EncryptionSettings?: { KmsKeyId: string; KmsEncryptionContext?: Record<string, string> };
	MedicalScribeContext?: { PatientContext?: { Pronouns?: string } };
}

export interface ScribeStream {
	sessionId: string;
	languageCode: string;
	mediaSampleRateHertz: number;
	mediaEncoding: string;
	createdAt: number;
	endedAt?: number;
	status: StreamStatus;
	configuration?: StreamConfiguration;
	encounter?: SyntheticEncounter;
	analytics?: {
		status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
		dueAt: number;
		failureReason?: string;
		clinicalNote?: string;
		transcript?: string;
	};
	/** Ends the connection currently streaming into this session (a newer stream took it over). */
	terminate?: (exceptionType: string, message: string) => void;
}

export const FAILURE_ANALYTICS_BUCKET =
	"The output bucket doesn't exist or the resource access role can't write to it. Check the OutputBucketName and the role, then start a new session.";

/** Where post-stream analytics put the files (the API reference: under healthscribe-streaming/<session-id>/). */
export const streamOutputPrefix = (sessionId: string): string =>
	`healthscribe-streaming/${sessionId}/post-stream-analytics/clinical-notes/`;

export class StreamBook {
	private readonly streams = new Map<string, ScribeStream>();

	constructor(
		private readonly ctx: EmulatorContext,
		private readonly analyticsMs: number,
	) {}

	get(sessionId: string): ScribeStream | undefined {
		return this.streams.get(sessionId);
	}

	add(stream: ScribeStream): void {
		this.streams.set(stream.sessionId, stream);
	}

	all(): ScribeStream[] {
		return [...this.streams.values()];
	}

	/** Streams with an open connection (what the concurrency limit counts). */
	get streamingCount(): number {
		return this.all().filter((s) => s.status === 'IN_PROGRESS').length;
	}

	/** END_OF_SESSION and the end of the input stream: streaming is done, the analytics start. */
	complete(stream: ScribeStream): void {
		const now = this.ctx.clock.now();
		stream.status = 'COMPLETED';
		stream.endedAt = now;
		stream.analytics = { status: 'IN_PROGRESS', dueAt: now + this.analyticsMs };
		this.tick();
	}

	tick(): void {
		const now = this.ctx.clock.now();
		for (const stream of this.streams.values()) {
			if (stream.analytics?.status === 'IN_PROGRESS' && now >= stream.analytics.dueAt)
				this.finish(stream);
		}
	}

	private finish(stream: ScribeStream): void {
		const analytics = stream.analytics!;
		const settings =
			stream.configuration!.PostStreamAnalyticsSettings.ClinicalNoteGenerationSettings;
		const bucket = settings.OutputBucketName;
		if (!this.ctx.store.hasBucket(bucket) || !stream.encounter) {
			analytics.status = 'FAILED';
			analytics.failureReason = stream.encounter
				? FAILURE_ANALYTICS_BUCKET
				: 'The session received no audio, so no clinical note could be generated.';
			return;
		}
		const id = stream.sessionId;
		const prefix = streamOutputPrefix(id);
		// Streaming output files carry SessionId instead of the batch job's JobName and JobType.
		const {
			JobName: _jobName,
			JobType: _jobType,
			...conversation
		} = buildTranscript(id, stream.encounter).Conversation;
		const transcript = { Conversation: { ...conversation, SessionId: id } };
		const document = buildClinicalDocument(
			id,
			stream.encounter,
			(settings.NoteTemplate ?? DEFAULT_TEMPLATE) as NoteTemplate,
		);
		const clinicalDocument = {
			ClinicalDocumentation: { SessionId: id, ...document.ClinicalDocumentation },
		};
		this.ctx.store.put(
			bucket,
			`${prefix}transcript.json`,
			JSON.stringify(transcript),
			'application/json',
		);
		this.ctx.store.put(
			bucket,
			`${prefix}clinicalDoc.json`,
			JSON.stringify(clinicalDocument),
			'application/json',
		);
		analytics.status = 'COMPLETED';
		analytics.transcript = `s3://${bucket}/${prefix}transcript.json`;
		analytics.clinicalNote = `s3://${bucket}/${prefix}clinicalDoc.json`;
	}
}

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);

/** GetMedicalScribeStream's MedicalScribeStreamDetails (restJson1: timestamps as epoch seconds). */
export function streamToWire(stream: ScribeStream): Record<string, unknown> {
	const config = stream.configuration;
	const analytics = stream.analytics;
	const details: Record<string, unknown> = {
		SessionId: stream.sessionId,
		StreamCreatedAt: seconds(stream.createdAt),
		StreamEndedAt: seconds(stream.endedAt),
		LanguageCode: stream.languageCode,
		MediaSampleRateHertz: stream.mediaSampleRateHertz,
		MediaEncoding: stream.mediaEncoding,
		VocabularyName: config?.VocabularyName,
		VocabularyFilterName: config?.VocabularyFilterName,
		VocabularyFilterMethod: config?.VocabularyFilterMethod,
		ResourceAccessRoleArn: config?.ResourceAccessRoleArn,
		ChannelDefinitions: config?.ChannelDefinitions,
		EncryptionSettings: config?.EncryptionSettings,
		StreamStatus: stream.status,
		PostStreamAnalyticsSettings: config?.PostStreamAnalyticsSettings,
		PostStreamAnalyticsResult: analytics
			? {
					ClinicalNoteGenerationResult: {
						Status: analytics.status,
						...(analytics.clinicalNote
							? {
									ClinicalNoteOutputLocation: analytics.clinicalNote,
									TranscriptOutputLocation: analytics.transcript,
								}
							: {}),
						...(analytics.failureReason ? { FailureReason: analytics.failureReason } : {}),
					},
				}
			: undefined,
		MedicalScribeContextProvided: config?.MedicalScribeContext !== undefined,
	};
	for (const key of Object.keys(details)) if (details[key] === undefined) delete details[key];
	return details;
}
