/**
 * LOINC codes for clinical notes: the document type chosen from the note template, and the
 * section codes. Sources: the LOINC Document Ontology (Kind of document = Note), the C-CDA section
 * codes, and HL7's US Behavioral Health Profiles (ValueSet mental-health-clinical-note-types).
 *
 * Note type, from the template (HealthScribe / Connect Health `NoteTemplate`, or a Heidi template name):
 *
 * | Template                                   | LOINC   | Display                           |
 * |--------------------------------------------|---------|-----------------------------------|
 * | HISTORY_AND_PHYSICAL, "H & P"               | 34117-2 | History and physical note         |
 * | PHYSICAL_SOAP, "SOAP", "Progress"           | 11506-3 | Progress note                     |
 * | "Consult", "Referral"                       | 11488-4 | Consult note                      |
 * | BEHAVIORAL_SOAP, GIRPP, BIRP, SIRP, DAP,    | 34904-3 | Mental health Progress note       |
 * |   Heidi psychology/psychiatry/therapy notes |         |                                   |
 * | a behavioural-health consult / H & P        | 34785-6 / 78306-8 | Mental health Consult note / History and physical note |
 * | anything else (unknown or custom)           | 11506-3 | Progress note                     |
 *
 * Sections without a LOINC section code stay uncoded (Behavior, Situation, Response, Progress, Data).
 */

export const LOINC_SYSTEM = 'http://loinc.org';

export interface LoincCode {
	system: string;
	code: string;
	display: string;
}

const loinc = (code: string, display: string): LoincCode => ({
	system: LOINC_SYSTEM,
	code,
	display,
});

export const NOTE_TYPES = {
	historyAndPhysical: loinc('34117-2', 'History and physical note'),
	progress: loinc('11506-3', 'Progress note'),
	consult: loinc('11488-4', 'Consult note'),
	mentalHealthProgress: loinc('34904-3', 'Mental health Progress note'),
	mentalHealthConsult: loinc('34785-6', 'Mental health Consult note'),
	mentalHealthHistoryAndPhysical: loinc('78306-8', 'Mental health History and physical note'),
} as const;

/** The vendors' managed template names (HealthScribe and Connect Health share them). */
const TEMPLATE_TYPES: Record<string, LoincCode> = {
	HISTORY_AND_PHYSICAL: NOTE_TYPES.historyAndPhysical,
	PHYSICAL_SOAP: NOTE_TYPES.progress,
	BEHAVIORAL_SOAP: NOTE_TYPES.mentalHealthProgress,
	GIRPP: NOTE_TYPES.mentalHealthProgress,
	BIRP: NOTE_TYPES.mentalHealthProgress,
	SIRP: NOTE_TYPES.mentalHealthProgress,
	DAP: NOTE_TYPES.mentalHealthProgress,
};

const BEHAVIOURAL = /\b(psych\w*|behaviou?ral|mental|therap\w*|counsel\w*|girpp|birp|sirp|dap)\b/i;
const HISTORY_AND_PHYSICAL = /\b(h\s*&\s*p|h\s*and\s*p|history\s*(and|&)\s*physical)\b/i;
const CONSULT = /\b(consult\w*|referral)\b/i;

/** The LOINC note type for a template: a managed template name, or keywords of a free-text name (Heidi). */
export function noteTypeFor(template: string | undefined): LoincCode {
	const name = (template ?? '').trim();
	const managed = TEMPLATE_TYPES[name.toUpperCase()];
	if (managed) return managed;
	const behavioural = BEHAVIOURAL.test(name.replace(/_/g, ' '));
	if (HISTORY_AND_PHYSICAL.test(name))
		return behavioural ? NOTE_TYPES.mentalHealthHistoryAndPhysical : NOTE_TYPES.historyAndPhysical;
	if (CONSULT.test(name)) return behavioural ? NOTE_TYPES.mentalHealthConsult : NOTE_TYPES.consult;
	return behavioural ? NOTE_TYPES.mentalHealthProgress : NOTE_TYPES.progress;
}

/** LOINC section codes, keyed by the section name in upper snake case; aliases map onto the same code. */
const SECTION_CODES: Record<string, LoincCode> = {
	CHIEF_COMPLAINT: loinc('10154-3', 'Chief complaint Narrative - Reported'),
	HISTORY_OF_PRESENT_ILLNESS: loinc('10164-2', 'History of Present illness Narrative'),
	REVIEW_OF_SYSTEMS: loinc('10187-3', 'Review of systems Narrative - Reported'),
	PAST_MEDICAL_HISTORY: loinc('11348-0', 'History of Past illness Narrative'),
	PHYSICAL_EXAMINATION: loinc('29545-1', 'Physical findings Narrative'),
	PAST_FAMILY_HISTORY: loinc('10157-6', 'History of family member diseases Narrative'),
	PAST_SOCIAL_HISTORY: loinc('29762-2', 'Social history Narrative'),
	DIAGNOSTIC_TESTING: loinc('30954-2', 'Relevant diagnostic tests/laboratory data Narrative'),
	ASSESSMENT: loinc('51848-0', 'Evaluation note'),
	PLAN: loinc('18776-5', 'Plan of care note'),
	ASSESSMENT_AND_PLAN: loinc('51847-2', 'Evaluation + Plan note'),
	SUBJECTIVE: loinc('61150-9', 'Subjective Narrative'),
	OBJECTIVE: loinc('61149-1', 'Objective Narrative'),
	GOAL: loinc('61146-7', 'Goals'),
	INTERVENTION: loinc('62387-6', 'Interventions provided'),
	MEDICATIONS: loinc('10160-0', 'History of Medication use Narrative'),
	ALLERGIES: loinc('48765-2', 'Allergies and adverse reactions Document'),
	AFTER_VISIT_SUMMARY: loinc('69730-0', 'Instructions'),
};

/** Other spellings of the same sections (vendor typos, Heidi headings). */
const SECTION_ALIASES: Record<string, string> = {
	CHIEF_COMPLIANT: 'CHIEF_COMPLAINT',
	PRESENTING_COMPLAINT: 'CHIEF_COMPLAINT',
	HPI: 'HISTORY_OF_PRESENT_ILLNESS',
	HISTORY_OF_PRESENTING_COMPLAINT: 'HISTORY_OF_PRESENT_ILLNESS',
	ROS: 'REVIEW_OF_SYSTEMS',
	PMH: 'PAST_MEDICAL_HISTORY',
	MEDICAL_HISTORY: 'PAST_MEDICAL_HISTORY',
	PHYSICAL_EXAM: 'PHYSICAL_EXAMINATION',
	EXAMINATION: 'PHYSICAL_EXAMINATION',
	FAMILY_HISTORY: 'PAST_FAMILY_HISTORY',
	SOCIAL_HISTORY: 'PAST_SOCIAL_HISTORY',
	INVESTIGATIONS: 'DIAGNOSTIC_TESTING',
	RESULTS: 'DIAGNOSTIC_TESTING',
	IMPRESSION: 'ASSESSMENT',
	ASSESSMENT_PLAN: 'ASSESSMENT_AND_PLAN',
	GOALS: 'GOAL',
	INTERVENTIONS: 'INTERVENTION',
	MEDICATION: 'MEDICATIONS',
	CURRENT_MEDICATIONS: 'MEDICATIONS',
	ALLERGY: 'ALLERGIES',
};

/** "History of present illness" / historyOfPresentIllness / HISTORY-OF-PRESENT-ILLNESS → HISTORY_OF_PRESENT_ILLNESS. */
export function sectionKeyOf(name: string): string {
	return name
		.replace(/([a-z])([A-Z])/g, '$1_$2')
		.toUpperCase()
		.replace(/&/g, '_AND_')
		.replace(/[^A-Z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

/** The canonical name of a section (aliases resolved), e.g. CHIEF_COMPLIANT → CHIEF_COMPLAINT. */
export function canonicalSectionName(name: string): string {
	const key = sectionKeyOf(name);
	return SECTION_ALIASES[key] ?? key;
}

/** The LOINC section code, or undefined for a section LOINC does not code. */
export function sectionCodeFor(name: string): LoincCode | undefined {
	return SECTION_CODES[canonicalSectionName(name)];
}
