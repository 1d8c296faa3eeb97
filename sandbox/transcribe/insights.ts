/**
 * Clinical entities for the transcript's `ClinicalInsights`, found in the synthetic dialogue with a
 * small lexicon (Comprehend Medical categories and types). Offsets use the inclusive end seen in AWS examples.
 */

interface Term {
	text: string;
	category: 'MEDICAL_CONDITION' | 'MEDICATION' | 'TEST_TREATMENT_PROCEDURE' | 'ANATOMY';
	type:
		| 'DX_NAME'
		| 'GENERIC_NAME'
		| 'TEST_NAME'
		| 'TREATMENT_NAME'
		| 'PROCEDURE_NAME'
		| 'SYSTEM_ORGAN_SITE';
	/** Attributes looked for in the same segment (medications: dosage, frequency). */
	attributes?: Array<{ type: 'DOSAGE' | 'FREQUENCY' | 'TEST_VALUE'; pattern: RegExp }>;
}

const MEDICATION_ATTRIBUTES: Term['attributes'] = [
	{ type: 'DOSAGE', pattern: /\b\d+ (?:milligrams|mg)\b/i },
	{ type: 'FREQUENCY', pattern: /\b(?:twice a day|once a day|every \d+ hours|as needed|daily)\b/i },
];

/** Longest terms first, so "dry cough" wins over "cough". */
const LEXICON: Term[] = [
	{ text: 'viral upper respiratory infection', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'seasonal allergies', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'shortness of breath', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'short of breath', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'sore throat', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'dry cough', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'low fever', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'fever', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'chills', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'asthma', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'depression', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'sleeping badly', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{ text: 'low most days', category: 'MEDICAL_CONDITION', type: 'DX_NAME' },
	{
		text: 'ibuprofen',
		category: 'MEDICATION',
		type: 'GENERIC_NAME',
		attributes: MEDICATION_ATTRIBUTES,
	},
	{ text: 'antibiotics', category: 'MEDICATION', type: 'GENERIC_NAME' },
	{ text: 'breathing exercises', category: 'TEST_TREATMENT_PROCEDURE', type: 'TREATMENT_NAME' },
	{ text: 'sleep routine', category: 'TEST_TREATMENT_PROCEDURE', type: 'TREATMENT_NAME' },
	{ text: 'listen to your chest', category: 'TEST_TREATMENT_PROCEDURE', type: 'PROCEDURE_NAME' },
	{ text: 'lungs', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
	{ text: 'chest', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
	{ text: 'throat', category: 'ANATOMY', type: 'SYSTEM_ORGAN_SITE' },
];

export interface Span {
	SegmentId: string;
	BeginCharacterOffset: number;
	EndCharacterOffset: number;
	Content: string;
}

export interface ClinicalInsight {
	InsightId: string;
	InsightType: 'ClinicalEntity';
	Category: string;
	Type: string;
	Spans: Span[];
	Attributes: Array<{ AttributeId: string; Type: string; Spans: Span[] }>;
}

function span(segmentId: string, content: string, begin: number, length: number): Span {
	return {
		SegmentId: segmentId,
		BeginCharacterOffset: begin,
		EndCharacterOffset: begin + length - 1,
		Content: content.slice(begin, begin + length),
	};
}

/** Entities in each segment; a character is claimed by at most one entity. */
export function findInsights(
	segments: Array<{ SegmentId: string; Content: string }>,
): ClinicalInsight[] {
	const insights: ClinicalInsight[] = [];
	for (const segment of segments) {
		const lower = segment.Content.toLowerCase();
		const taken: Array<[number, number]> = [];
		for (const term of LEXICON) {
			for (let at = lower.indexOf(term.text); at >= 0; at = lower.indexOf(term.text, at + 1)) {
				const end = at + term.text.length;
				const wordBoundary =
					(at === 0 || !/\w/.test(lower[at - 1])) &&
					(end === lower.length || !/\w/.test(lower[end]));
				if (!wordBoundary || taken.some(([a, b]) => at < b && end > a)) continue;
				taken.push([at, end]);
				const id = `insight-${insights.length + 1}`;
				const attributes = (term.attributes ?? []).flatMap((attr, i) => {
					const m = attr.pattern.exec(segment.Content);
					return m
						? [
								{
									AttributeId: `${id}-attr-${i + 1}`,
									Type: attr.type,
									Spans: [span(segment.SegmentId, segment.Content, m.index, m[0].length)],
								},
							]
						: [];
				});
				insights.push({
					InsightId: id,
					InsightType: 'ClinicalEntity',
					Category: term.category,
					Type: term.type,
					Spans: [span(segment.SegmentId, segment.Content, at, term.text.length)],
					Attributes: attributes,
				});
			}
		}
	}
	return insights;
}
