/**
 * The two files a completed job writes (https://docs.aws.amazon.com/transcribe/latest/dg/health-scribe-job.html): the transcript (`Conversation`: segments,
 * word items, clinical insights) and the clinical document (`ClinicalDocumentation.Sections` of the
 * requested template, with evidence links to transcript segment ids).
 */
import { seededRandom } from '../core/random';
import { stableUuid } from '../core/ids';
import type { SectionKey, SyntheticEncounter } from '../data/encounters';
import { findInsights } from './insights';
import type { NoteTemplate } from './shapes';
import { TEMPLATE_SECTIONS, turnSection } from './templates';

export interface TranscriptFile {
	Conversation: {
		ConversationId: string;
		JobName: string;
		JobType: 'ASYNC';
		LanguageCode: 'en-US';
		ClinicalInsights: ReturnType<typeof findInsights>;
		TranscriptItems: Array<{
			Alternatives: Array<{ Confidence: number; Content: string }>;
			BeginAudioTime: number;
			EndAudioTime: number;
			Type: 'PRONUNCIATION' | 'PUNCTUATION';
		}>;
		TranscriptSegments: Array<{
			SegmentId: string;
			BeginAudioTime: number;
			EndAudioTime: number;
			Content: string;
			ParticipantDetails: { ParticipantRole: string };
			SectionDetails: { SectionName: string };
		}>;
	};
}

export interface ClinicalDocumentFile {
	ClinicalDocumentation: {
		Sections: Array<{
			SectionName: string;
			Summary: Array<{ SummarizedSegment: string; EvidenceLinks: Array<{ SegmentId: string }> }>;
		}>;
	};
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Words and punctuation of a turn, with times spread over the turn in proportion to word length. */
function transcriptItems(
	text: string,
	start: number,
	end: number,
	random: () => number,
): TranscriptFile['Conversation']['TranscriptItems'] {
	const tokens = text.match(/[\w'-]+|[^\s\w]/g) ?? [];
	const words = tokens.filter((t) => /\w/.test(t));
	const letters = words.reduce((n, w) => n + w.length, 0) || 1;
	const perLetter = (end - start) / letters;
	let t = start;
	return tokens.map((token) => {
		if (!/\w/.test(token))
			return {
				Alternatives: [{ Confidence: 0, Content: token }],
				BeginAudioTime: round(t),
				EndAudioTime: round(t),
				Type: 'PUNCTUATION' as const,
			};
		const begin = t;
		t += token.length * perLetter;
		return {
			Alternatives: [{ Confidence: round(0.9 + random() * 0.1), Content: token }],
			BeginAudioTime: round(begin),
			EndAudioTime: round(t),
			Type: 'PRONUNCIATION' as const,
		};
	});
}

export function buildTranscript(jobName: string, encounter: SyntheticEncounter): TranscriptFile {
	const random = seededRandom(encounter.turns.length * 7919 + jobName.length);
	const keysByTurn = encounter.turns.map(() => new Set<SectionKey>());
	for (const [key, findings] of Object.entries(encounter.findings) as Array<
		[SectionKey, SyntheticEncounter['findings'][SectionKey]]
	>) {
		for (const finding of findings) for (const i of finding.evidence) keysByTurn[i]?.add(key);
	}
	const segments = encounter.turns.map((turn, i) => ({
		SegmentId: segmentId(jobName, i),
		BeginAudioTime: turn.start,
		EndAudioTime: turn.end,
		Content: turn.text,
		ParticipantDetails: { ParticipantRole: `${turn.role}_0` },
		SectionDetails: { SectionName: turnSection([...keysByTurn[i]]) },
	}));
	return {
		Conversation: {
			ConversationId: stableUuid(`conversation/${jobName}`),
			JobName: jobName,
			JobType: 'ASYNC',
			LanguageCode: 'en-US',
			ClinicalInsights: findInsights(segments),
			TranscriptItems: encounter.turns.flatMap((turn) =>
				transcriptItems(turn.text, turn.start, turn.end, random),
			),
			TranscriptSegments: segments,
		},
	};
}

export function segmentId(jobName: string, turnIndex: number): string {
	return stableUuid(`segment/${jobName}/${turnIndex}`);
}

export function buildClinicalDocument(
	jobName: string,
	encounter: SyntheticEncounter,
	template: NoteTemplate,
): ClinicalDocumentFile {
	const sections = TEMPLATE_SECTIONS[template].map(([name, keys]) => ({
		SectionName: name,
		Summary: keys.flatMap((key) =>
			encounter.findings[key].map((finding) => ({
				SummarizedSegment: finding.text,
				EvidenceLinks: finding.evidence.map((i) => ({ SegmentId: segmentId(jobName, i) })),
			})),
		),
	}));
	return { ClinicalDocumentation: { Sections: sections } };
}
