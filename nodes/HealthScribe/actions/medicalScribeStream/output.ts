import type { MedicalScribeStreamDetails } from '@aws-sdk/client-transcribe-streaming';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import type { ItemValidator } from '../../../common/validate';
import { fetchFiles } from '../../outputs/fetch';
import { filesOutputItem, type OutputSettings } from '../../outputs/include';
import { plain } from '../../outputs/job';

/** A session id is a UUID (StartMedicalScribeStream, x-amzn-transcribe-session-id). */
export const SESSION_ID_PATTERN =
	/^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

export function checkSessionId(v: ItemValidator, field: string, value: string): void {
	v.pattern(
		field,
		value,
		SESSION_ID_PATTERN,
		'Use the session’s UUID, e.g. 123e4567-e89b-42d3-a456-426614174000 (the "SessionId" of Start).',
	);
}

export const sessionIdProperty: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	required: true,
	default: '',
	placeholder: '123e4567-e89b-42d3-a456-426614174000',
	description: 'The UUID of the HealthScribe streaming session (the "SessionId" output of Start)',
};

/** The analytics result of a session: where the note is, or why it failed. */
export const noteResult = (details: MedicalScribeStreamDetails | undefined) =>
	details?.PostStreamAnalyticsResult?.ClinicalNoteGenerationResult;

/** A session's details as item JSON (dates as ISO strings), AWS's member names. */
export const streamJson = (details: MedicalScribeStreamDetails): IDataObject =>
	plain(details) as IDataObject;

/**
 * The item for a session: `json`, plus the note once the post-stream analytics have COMPLETED and a
 * note format is chosen (the same shapes as a medical scribe job's note).
 */
export async function streamOutputItem(
	context: IExecuteFunctions,
	json: IDataObject,
	details: MedicalScribeStreamDetails,
	settings: OutputSettings,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const result = noteResult(details);
	if (settings.note.format === 'none' || result?.Status !== 'COMPLETED') return { json };
	const files = await fetchFiles(
		context,
		{
			TranscriptFileUri: result.TranscriptOutputLocation,
			ClinicalDocumentUri: result.ClinicalNoteOutputLocation,
		},
		itemIndex,
		'streaming session',
	);
	return await filesOutputItem(
		context,
		json,
		files,
		{
			template: details.PostStreamAnalyticsSettings?.ClinicalNoteGenerationSettings?.NoteTemplate,
			createdAt: details.StreamCreatedAt?.toISOString(),
		},
		settings,
		itemIndex,
	);
}
