import type { EncounterNoteParts, TranscriptTurn } from '../../common/encounterNote';
import type { SegmentSpan, TranscriptFile } from './types';
import { asList } from './json';

type InsightPart = NonNullable<EncounterNoteParts['insights']>[number];

/** CLINICIAN_0 → role CLINICIAN, speaker CLINICIAN_0 (the number tells people in the same role apart). */
export function splitParticipantRole(participant: string | undefined): { role: string; speaker?: string } {
	if (!participant) return { role: 'UNKNOWN' };
	const match = /^([A-Za-z]+)_(\d+)$/.exec(participant);
	return match ? { role: match[1].toUpperCase(), speaker: participant } : { role: participant.toUpperCase(), speaker: participant };
}

/** One turn per transcript segment, in file order; the segment id stays the turn id so evidence links resolve. */
export function transcriptTurns(file: TranscriptFile): TranscriptTurn[] {
	return asList(file.Conversation?.TranscriptSegments).map((segment, index) => {
		const { role, speaker } = splitParticipantRole(segment.ParticipantDetails?.ParticipantRole);
		return {
			id: segment.SegmentId ?? String(index),
			role,
			...(speaker ? { speaker } : {}),
			...(typeof segment.BeginAudioTime === 'number' ? { start: segment.BeginAudioTime } : {}),
			...(typeof segment.EndAudioTime === 'number' ? { end: segment.EndAudioTime } : {}),
			text: segment.Content ?? '',
		};
	});
}

const spanText = (spans: SegmentSpan[]) => spans.map((s) => s.Content ?? '').filter(Boolean).join(' ');
const lowerWords = (type: string) => type.toLowerCase().replace(/_/g, ' ');

/**
 * Clinical entities as insights: type = Comprehend Medical category (MEDICATION, MEDICAL_CONDITION, ...),
 * text = the entity and its attributes ("ibuprofen; dosage: 400 mg"), evidence = the segments it was found in.
 */
export function transcriptInsights(file: TranscriptFile): InsightPart[] {
	return asList(file.Conversation?.ClinicalInsights).map((insight) => {
		const attributes = asList(insight.Attributes);
		const text = [spanText(asList(insight.Spans)), ...attributes.map((a) => `${lowerWords(a.Type ?? 'attribute')}: ${spanText(asList(a.Spans))}`)]
			.filter(Boolean)
			.join('; ');
		const segments = [...asList(insight.Spans), ...attributes.flatMap((a) => asList(a.Spans))].map((s) => s.SegmentId).filter((id): id is string => !!id);
		return { type: insight.Category ?? insight.InsightType ?? 'ClinicalEntity', text, evidence: [...new Set(segments)] };
	});
}
