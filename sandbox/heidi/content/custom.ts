import type { SectionKey, SyntheticEncounter } from '../../data/encounters';
import { invalid } from '../wire';
import type { TemplateSection } from './templates';

/** Which findings a free-text heading or question asks about. */
const KEYWORDS: Array<[RegExp, SectionKey[]]> = [
	[/complaint|reason|presenting|concern/i, ['CHIEF_COMPLAINT']],
	[/history of present|hpi|symptom|subjective|presenting/i, ['HISTORY_OF_PRESENT_ILLNESS']],
	[/review of systems|\bros\b/i, ['REVIEW_OF_SYSTEMS']],
	[/past medical|pmh|background|allerg|medical history/i, ['PAST_MEDICAL_HISTORY']],
	[/exam|objective|observ|mental stat|mental state/i, ['PHYSICAL_EXAMINATION']],
	[/assessment|diagnos|impression|formulation|summary/i, ['ASSESSMENT']],
	[/plan|follow|treatment|management|next step|recommend|summary/i, ['PLAN']],
];

export function matchSections(text: string): SectionKey[] {
	const keys = new Set<SectionKey>();
	for (const [pattern, sectionKeys] of KEYWORDS)
		if (pattern.test(text)) sectionKeys.forEach((k) => keys.add(k));
	return [...keys];
}

/**
 * Headings of a `third_party_template` (a JSON string, https://www.heidihealth.com/developers/heidi-api/consult-notes): the widget's
 * Template shape (its questions), an array of headings, or an object whose keys are headings.
 */
export function sectionsFromThirdParty(source: string): TemplateSection[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(source);
	} catch {
		throw invalid(['body', 'third_party_template'], 'Template must be valid JSON', 'json_invalid');
	}
	let headings: Array<{ heading: string; hint: string }> = [];
	if (Array.isArray(parsed)) {
		headings = parsed
			.filter((h): h is string => typeof h === 'string')
			.map((h) => ({ heading: h, hint: '' }));
	} else if (parsed && typeof parsed === 'object') {
		const record = parsed as Record<string, unknown>;
		if (Array.isArray(record.responses)) {
			headings = record.responses
				.filter(
					(q): q is { question: string } =>
						typeof (q as { question?: unknown })?.question === 'string',
				)
				.map((q) => ({ heading: q.question, hint: '' }));
		} else {
			headings = Object.entries(record).map(([key, value]) => ({
				heading: key,
				hint: typeof value === 'string' ? value : '',
			}));
		}
	}
	if (!headings.length)
		throw invalid(['body', 'third_party_template'], 'Template has no sections', 'value_error');
	return headings.map(({ heading, hint }) => ({
		heading,
		from: matchSections(`${heading} ${hint}`),
	}));
}

const ANSWER_TYPES = ['SingleResponse', 'MultipleResponse', 'TextArea', 'DateResponse'] as const;

interface TemplateQuestion {
	questionId: unknown;
	question: string;
	answer: string[];
	answerType: (typeof ANSWER_TYPES)[number];
	answerOptions: string[];
	dateFormat?: string | null;
	[extra: string]: unknown;
}

export interface CustomTemplate {
	content: string;
	responses: TemplateQuestion[];
	summaryRequired: boolean;
	[extra: string]: unknown;
}

/** Check the widget's `Template` shape (https://www.heidihealth.com/developers/heidi-widget/custom-templates); throws a validation failure. */
export function readCustomTemplate(body: Record<string, unknown>): CustomTemplate {
	if (typeof body.content !== 'string' && body.content !== undefined && body.content !== null) {
		throw invalid(['body', 'content'], 'Input should be a valid string', 'string_type');
	}
	if (!Array.isArray(body.responses))
		throw invalid(['body', 'responses'], 'Field required', 'missing');
	body.responses.forEach((raw, i) => {
		const q = raw as Record<string, unknown>;
		const loc = ['body', 'responses', i];
		if (!q || typeof q !== 'object')
			throw invalid(loc, 'Input should be a valid dictionary', 'dict_type');
		if (q.questionId === undefined || q.questionId === null)
			throw invalid([...loc, 'questionId'], 'Field required', 'missing');
		if (typeof q.question !== 'string')
			throw invalid([...loc, 'question'], 'Field required', 'missing');
		if (!ANSWER_TYPES.includes(q.answerType as (typeof ANSWER_TYPES)[number])) {
			throw invalid(
				[...loc, 'answerType'],
				`Input should be ${ANSWER_TYPES.map((t) => `'${t}'`).join(', ')}`,
				'enum',
			);
		}
		if (
			q.answerOptions !== undefined &&
			!(Array.isArray(q.answerOptions) && q.answerOptions.every((o) => typeof o === 'string'))
		) {
			throw invalid(
				[...loc, 'answerOptions'],
				'Input should be a valid list of strings',
				'list_type',
			);
		}
		if (q.answerType === 'DateResponse' && typeof q.dateFormat !== 'string') {
			throw invalid([...loc, 'dateFormat'], 'dateFormat is required for DateResponse', 'missing');
		}
	});
	return {
		...body,
		content: typeof body.content === 'string' ? body.content : '',
		responses: (body.responses as TemplateQuestion[]).map((q) => ({
			...q,
			answer: [],
			answerOptions: q.answerOptions ?? [],
		})),
		summaryRequired: body.summaryRequired === true,
	};
}

const STOP = new Set([
	'with',
	'that',
	'this',
	'from',
	'have',
	'were',
	'does',
	'about',
	'patient',
	'their',
	'there',
	'what',
	'which',
]);
const words = (text: string): Set<string> =>
	new Set(
		text
			.toLowerCase()
			.split(/[^a-z0-9]+/)
			.filter((w) => w.length >= 4 && !STOP.has(w)),
	);

/**
 * Answer each question from the encounter's findings: free text from the matching sections,
 * choices by word overlap with them (yes/no by whether anything was found), dates from the session.
 */
export function fillCustomTemplate(
	template: CustomTemplate,
	encounter: SyntheticEncounter,
	sessionDate: Date,
): CustomTemplate {
	const findingsFor = (question: string): string[] =>
		matchSections(question).flatMap((key) => encounter.findings[key].map((f) => f.text));
	const responses = template.responses.map((q) => {
		const found = findingsFor(q.question);
		const evidence = words(
			found.length
				? found.join(' ')
				: Object.values(encounter.findings)
						.flat()
						.map((f) => f.text)
						.join(' '),
		);
		const overlap = (option: string) => [...words(option)].filter((w) => evidence.has(w)).length;
		let answer: string[] = [];
		switch (q.answerType) {
			case 'TextArea':
				answer = found.length ? [found.join(' ')] : [];
				break;
			case 'DateResponse':
				answer = [formatDate(sessionDate, q.dateFormat ?? 'YYYY-MM-DD')];
				break;
			case 'SingleResponse': {
				const yesNo = q.answerOptions.find(
					(o) => /^(yes|no)$/i.test(o.trim()) && /^yes$/i.test(o.trim()) === found.length > 0,
				);
				const best = [...q.answerOptions].sort((a, b) => overlap(b) - overlap(a))[0];
				answer = yesNo ? [yesNo] : best && overlap(best) > 0 ? [best] : [];
				break;
			}
			case 'MultipleResponse':
				answer = q.answerOptions.filter((o) => overlap(o) > 0);
				break;
		}
		return { ...q, answer };
	});
	const summary = [...encounter.findings.ASSESSMENT, ...encounter.findings.PLAN]
		.map((f) => f.text)
		.join(' ');
	return { ...template, responses, content: template.summaryRequired ? summary : template.content };
}

/** `YYYY`/`yyyy`, `MM`, `DD`/`dd` tokens, the forms the widget's date formats use. */
function formatDate(date: Date, format: string): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return format
		.replace(/YYYY|yyyy/g, String(date.getUTCFullYear()))
		.replace(/MM/g, pad(date.getUTCMonth() + 1))
		.replace(/DD|dd/g, pad(date.getUTCDate()));
}
