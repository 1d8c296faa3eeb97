import type { SectionKey, SyntheticEncounter } from '../data/encounters';

/**
 * The patient insights output document. AWS does not document its shape; this is a synthetic
 * pre-visit brief in the API's camelCase style: the sections a clinician reads before the visit,
 * each insight with its codes and the excerpt of the source record it came from.
 */

export interface InsightsSource {
	/** `s3://…` URI or FHIR endpoint the record was read from. */
	source: string;
	type: 'S3' | 'FHIR';
}

export interface InsightsDocumentInput {
	jobId: string;
	domainId: string;
	generatedAt: string;
	insightsType: string;
	encounterReason: string;
	specialty?: string;
	sources: InsightsSource[];
	encounter: SyntheticEncounter;
}

const SECTIONS: Array<{ sectionName: string; title: string; keys: SectionKey[] }> = [
	{
		sectionName: 'PRIOR_VISIT_REASON',
		title: 'Reason for the previous visit',
		keys: ['CHIEF_COMPLAINT'],
	},
	{
		sectionName: 'RECENT_HISTORY',
		title: 'Recent history',
		keys: ['HISTORY_OF_PRESENT_ILLNESS', 'REVIEW_OF_SYSTEMS'],
	},
	{ sectionName: 'MEDICAL_HISTORY', title: 'Medical history', keys: ['PAST_MEDICAL_HISTORY'] },
	{ sectionName: 'ACTIVE_PROBLEMS', title: 'Active problems', keys: ['ASSESSMENT'] },
	{ sectionName: 'CARE_PLAN', title: 'Care plan in progress', keys: ['PLAN'] },
];

export function buildInsightsDocument(input: InsightsDocumentInput): object {
	const { encounter } = input;
	const primary = input.sources[0];
	const evidence = (turns: number[]): object[] =>
		turns.map((i) => ({
			source: primary.source,
			sourceType: primary.type,
			excerpt: encounter.turns[i].text,
		}));
	const codesFor = (turns: number[]): object[] =>
		encounter.codes
			.filter((code) => code.evidence.some((i) => turns.includes(i)))
			.map((code) => ({ system: code.system, code: code.code, display: code.display }));

	const sections = SECTIONS.map(({ sectionName, title, keys }) => ({
		sectionName,
		title,
		insights: keys.flatMap((key) =>
			encounter.findings[key].map((finding) => {
				const codes = codesFor(finding.evidence);
				return {
					text: finding.text,
					...(codes.length > 0 ? { codes } : {}),
					evidence: evidence(finding.evidence),
				};
			}),
		),
	})).filter((section) => section.insights.length > 0);

	const medications = encounter.codes.filter((code) => code.system === 'RXNORM');
	if (medications.length > 0) {
		sections.push({
			sectionName: 'MEDICATIONS',
			title: 'Medications mentioned',
			insights: medications.map((code) => ({
				text: code.display,
				codes: [{ system: code.system, code: code.code, display: code.display }],
				evidence: evidence(code.evidence),
			})),
		});
	}

	const followUps = encounter.findings.PLAN.map(
		(finding) => `Ask about progress with: ${finding.text.replace(/\.$/, '').toLowerCase()}.`,
	);
	const assessment = encounter.findings.ASSESSMENT.map((f) => f.text).join(' ');
	return {
		jobId: input.jobId,
		domainId: input.domainId,
		insightsType: input.insightsType,
		generatedAt: input.generatedAt,
		encounterReason: input.encounterReason,
		...(input.specialty ? { specialty: input.specialty } : {}),
		dataSources: input.sources,
		summary: `Previous visit: ${encounter.title}. ${assessment} ${encounter.findings.PLAN.length} plan items to follow up.`,
		sections,
		suggestedQuestions: followUps,
	};
}
