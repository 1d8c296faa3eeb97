/** Shapes of the two files a HealthScribe job writes (fact sheet §7). Every member is optional: parse defensively. */

export interface SegmentSpan {
	SegmentId?: string;
	BeginCharacterOffset?: number;
	EndCharacterOffset?: number;
	Content?: string;
}

export interface ClinicalInsight {
	InsightId?: string;
	InsightType?: string;
	Category?: string;
	Type?: string;
	Spans?: SegmentSpan[];
	Attributes?: Array<{ AttributeId?: string; Type?: string; Spans?: SegmentSpan[] }>;
}

export interface TranscriptSegment {
	SegmentId?: string;
	BeginAudioTime?: number;
	EndAudioTime?: number;
	Content?: string;
	ParticipantDetails?: { ParticipantRole?: string };
	SectionDetails?: { SectionName?: string };
}

export interface TranscriptFile {
	Conversation?: {
		ConversationId?: string;
		JobName?: string;
		JobType?: string;
		SessionId?: string;
		LanguageCode?: string;
		ClinicalInsights?: ClinicalInsight[];
		TranscriptItems?: unknown[];
		TranscriptSegments?: TranscriptSegment[];
	};
}

export interface ClinicalDocumentFile {
	ClinicalDocumentation?: {
		SessionId?: string;
		Sections?: Array<{
			SectionName?: string;
			Summary?: Array<{ SummarizedSegment?: string; EvidenceLinks?: Array<{ SegmentId?: string }> }>;
		}>;
	};
}
