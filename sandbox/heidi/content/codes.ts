import type { SyntheticEncounter } from '../../data/encounters';
import { turnLine } from './transcript';

/** Standards `GET /clinical-codes` supports (https://www.heidihealth.com/developers/heidi-api/sessions/coding). */
export const CODING_STANDARDS = [
	'ICD-10',
	'ICD-10-CM',
	'ICD-9',
	'ICD-9-CM',
	'SNOMED',
	'SNOMED-CT',
	'OPCS-410',
	'ACHI-13',
	'CPT-2025',
] as const;
export type CodingStandard = (typeof CODING_STANDARDS)[number];

/** `code_system` values; only `achi_13_au` is documented, the rest follow its pattern. */
const CODE_SYSTEM: Record<CodingStandard, string> = {
	'ICD-10': 'icd_10',
	'ICD-10-CM': 'icd_10_cm',
	'ICD-9': 'icd_9',
	'ICD-9-CM': 'icd_9_cm',
	SNOMED: 'snomed',
	'SNOMED-CT': 'snomed_ct',
	'OPCS-410': 'opcs_410',
	'ACHI-13': 'achi_13_au',
	'CPT-2025': 'cpt_2025',
};

/** Encounter code systems that can answer a requested standard; the rest have no codes here. */
const SOURCE: Partial<Record<CodingStandard, 'ICD-10-CM' | 'SNOMEDCT'>> = {
	'ICD-10-CM': 'ICD-10-CM',
	SNOMED: 'SNOMEDCT',
	'SNOMED-CT': 'SNOMEDCT',
};

/** Neighbouring ICD-10-CM codes offered as `similar_codes`. */
const SIMILAR: Record<string, Array<[string, string]>> = {
	'J06.9': [
		['J06.0', 'Acute laryngopharyngitis'],
		['J00', 'Acute nasopharyngitis [common cold]'],
	],
	'R05.9': [['R05.1', 'Acute cough']],
	'F32.1': [
		['F32.0', 'Major depressive disorder, single episode, mild'],
		['F32.9', 'Major depressive disorder, single episode, unspecified'],
	],
	'G47.00': [['G47.09', 'Other insomnia']],
};

const span = (text: string, part: string) => {
	const start = text.indexOf(part);
	return start < 0 ? [] : [{ start, end: start + part.length }];
};

/**
 * Clinical entities in the documented shape: each coded finding located in the note (if the
 * note mentions it) and in the transcript, with a primary code and neighbours.
 */
export function clinicalEntities(
	encounter: SyntheticEncounter,
	note: string,
	transcript: string,
	standard: CodingStandard,
) {
	const source = SOURCE[standard];
	const codeSystem = CODE_SYSTEM[standard];
	const findings = Object.values(encounter.findings).flat();
	return encounter.codes
		.filter((c) => c.system === source)
		.map((c, i) => {
			const finding = findings.find(
				(f) => f.evidence.some((e) => c.evidence.includes(e)) && note.includes(f.text),
			);
			const score = Number((0.94 - i * 0.07).toFixed(2));
			return {
				location_in_note: finding ? span(note, finding.text) : [],
				reference_in_transcript: c.evidence.map((e) => {
					// Locate the spoken words, not the speaker label in front of them.
					const text = encounter.turns[e].text;
					const line = turnLine(encounter.turns[e]);
					const at = transcript.indexOf(line);
					const start = at + line.length - text.length;
					return {
						transcript_text: text,
						location_in_transcript: at < 0 ? null : { start, end: start + text.length },
					};
				}),
				reference_in_context: [],
				primary_code: {
					code: c.code,
					code_name: c.display,
					metadata: { standard },
					score,
					code_system: codeSystem,
				},
				similar_codes: (SIMILAR[c.code] ?? []).map(([code, name], j) => ({
					code,
					code_name: name,
					metadata: { standard },
					score: Number((score * (0.6 - j * 0.1)).toFixed(2)),
					code_system: codeSystem,
				})),
			};
		});
}
