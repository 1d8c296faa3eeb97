import type { SectionKey } from '../../data/encounters';

/** A heading of a note or document and what fills it: encounter findings or the patient summary. */
export interface TemplateSection {
	heading: string;
	from: SectionKey[] | 'AFTER_VISIT_SUMMARY';
}

export interface NoteTemplate {
	id: string;
	name: string;
	category: 'CONSULT_NOTE_TEMPLATE' | 'DOCUMENT_TEMPLATE';
	sections: TemplateSection[];
	/** Letter framing; `{patient}` and `{clinician}` are filled in. */
	opening?: string;
	closing?: string;
}

/**
 * Fixed ids so workflows can hard-code a template. "H & P" keeps the id of the docs' sample;
 * `DOCUMENT_TEMPLATE` as a category comes only from a third-party API profile (undocumented by Heidi).
 */
export const TEMPLATES: readonly NoteTemplate[] = [
	{
		id: '659b8042fe093d6592b41ef7',
		name: 'H & P',
		category: 'CONSULT_NOTE_TEMPLATE',
		sections: [
			{ heading: 'Chief complaint', from: ['CHIEF_COMPLAINT'] },
			{ heading: 'History of present illness', from: ['HISTORY_OF_PRESENT_ILLNESS'] },
			{ heading: 'Review of systems', from: ['REVIEW_OF_SYSTEMS'] },
			{ heading: 'Past medical history', from: ['PAST_MEDICAL_HISTORY'] },
			{ heading: 'Physical examination', from: ['PHYSICAL_EXAMINATION'] },
			{ heading: 'Assessment', from: ['ASSESSMENT'] },
			{ heading: 'Plan', from: ['PLAN'] },
		],
	},
	{
		id: '65a1c0de4b1d2e3f40a1b2c3',
		name: 'SOAP Note',
		category: 'CONSULT_NOTE_TEMPLATE',
		sections: [
			{
				heading: 'Subjective',
				from: [
					'CHIEF_COMPLAINT',
					'HISTORY_OF_PRESENT_ILLNESS',
					'REVIEW_OF_SYSTEMS',
					'PAST_MEDICAL_HISTORY',
				],
			},
			{ heading: 'Objective', from: ['PHYSICAL_EXAMINATION'] },
			{ heading: 'Assessment', from: ['ASSESSMENT'] },
			{ heading: 'Plan', from: ['PLAN'] },
		],
	},
	{
		id: '65a1c0de4b1d2e3f40a1b2c4',
		name: 'Psychology Progress Note',
		category: 'CONSULT_NOTE_TEMPLATE',
		sections: [
			{ heading: 'Presenting concerns', from: ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS'] },
			{ heading: 'Mental state', from: ['PHYSICAL_EXAMINATION', 'REVIEW_OF_SYSTEMS'] },
			{ heading: 'Formulation', from: ['ASSESSMENT'] },
			{ heading: 'Plan', from: ['PLAN'] },
		],
	},
	{
		id: '65a1c0de4b1d2e3f40a1b2d1',
		name: 'Referral Letter',
		category: 'DOCUMENT_TEMPLATE',
		opening: 'Dear Colleague,\n\nThank you for seeing {patient}, whom I reviewed today.',
		closing: 'Kind regards,\n{clinician}',
		sections: [
			{ heading: 'Reason for referral', from: ['CHIEF_COMPLAINT'] },
			{
				heading: 'History and findings',
				from: ['HISTORY_OF_PRESENT_ILLNESS', 'PHYSICAL_EXAMINATION'],
			},
			{ heading: 'Assessment', from: ['ASSESSMENT'] },
			{ heading: 'Management so far', from: ['PLAN'] },
		],
	},
	{
		id: '65a1c0de4b1d2e3f40a1b2d2',
		name: 'Patient Summary Letter',
		category: 'DOCUMENT_TEMPLATE',
		opening: 'Dear {patient},',
		closing: 'Best wishes,\n{clinician}',
		sections: [{ heading: 'About your visit today', from: 'AFTER_VISIT_SUMMARY' }],
	},
];

export const findTemplate = (id: string): NoteTemplate | undefined =>
	TEMPLATES.find((t) => t.id === id);

/** `GET /templates/...` row (https://www.heidihealth.com/developers/heidi-api/consult-notes). */
export function templateToWire(template: NoteTemplate) {
	const placeholder = (heading: string) => `[${heading}: summarise what was discussed]`;
	return {
		id: template.id,
		name: template.name,
		structure_template: template.sections
			.map((s) => `${s.heading}:\n${placeholder(s.heading)}`)
			.join('\n\n'),
		template_category: template.category,
		template_html: template.sections
			.map((s) => `<h3>${s.heading}</h3><p>${placeholder(s.heading)}</p>`)
			.join(''),
		author_name: 'Heidi',
	};
}
