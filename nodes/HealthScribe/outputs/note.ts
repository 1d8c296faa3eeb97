import {
	buildEncounterNote,
	type EncounterNote,
	type EncounterNoteSource,
} from '../../common/encounterNote';
import { clinicalSections, transcriptInsights, transcriptTurns } from '../../common/scribeFiles';
import type { ClinicalDocumentFile, TranscriptFile } from '../../common/scribeFiles';

export const VENDOR = 'aws-healthscribe';

/** What the job record adds to the note's source (the files only carry the job name and conversation id). */
export interface NoteJobInfo {
	jobName?: string;
	template?: string;
	createdAt?: string;
	uris?: Record<string, string>;
}

/** Turns HealthScribe's transcript file and clinical-documentation file into an EncounterNote (common/encounterNote.ts). */
export function healthScribeNote(
	transcript: TranscriptFile,
	clinicalDocument: ClinicalDocumentFile,
	job: NoteJobInfo = {},
): EncounterNote {
	const conversation = transcript.Conversation ?? {};
	const ids: Record<string, string> = {};
	const jobName = job.jobName ?? conversation.JobName;
	if (jobName) ids.jobName = jobName;
	const sessionId = conversation.SessionId ?? clinicalDocument.ClinicalDocumentation?.SessionId;
	if (sessionId) ids.sessionId = sessionId;
	if (conversation.ConversationId) ids.conversationId = conversation.ConversationId;
	const source: EncounterNoteSource = {
		vendor: VENDOR,
		ids,
		...(job.uris ? { uris: job.uris } : {}),
		template: job.template ?? 'HISTORY_AND_PHYSICAL',
		...(job.createdAt ? { createdAt: job.createdAt } : {}),
	};
	return buildEncounterNote({
		source,
		sections: clinicalSections(clinicalDocument),
		turns: transcriptTurns(transcript),
		insights: transcriptInsights(transcript),
	});
}
