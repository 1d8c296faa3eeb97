import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import type { ItemValidator } from '../../../common/validate';
import { fillCustomTemplate } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

const ANSWER_TYPES = ['SingleResponse', 'MultipleResponse', 'TextArea', 'DateResponse'];

const EXAMPLE = {
	content: '',
	summaryRequired: false,
	responses: [
		{
			questionId: 1,
			question: 'Presenting complaint',
			answer: [],
			answerType: 'TextArea',
			answerOptions: [],
		},
		{
			questionId: 2,
			question: 'Smoking status',
			answer: [],
			answerType: 'SingleResponse',
			answerOptions: ['Never', 'Former', 'Current'],
		},
	],
};

/** The widget's Template shape (https://www.heidihealth.com/developers/heidi-widget/custom-templates), checked before it is sent. */
export function checkJsonTemplate(v: ItemValidator, raw: unknown): IDataObject {
	let template: unknown = raw;
	if (typeof raw === 'string') {
		try {
			template = JSON.parse(raw);
		} catch {
			v.fail(
				'JSON Template',
				'it is not valid JSON',
				'Enter the template as a JSON object with a "responses" list.',
			);
		}
	}
	const fix =
		'Each question needs questionId, question, answerType (SingleResponse, MultipleResponse, TextArea or DateResponse) and answerOptions; DateResponse also needs dateFormat.';
	if (!template || typeof template !== 'object' || Array.isArray(template))
		v.fail('JSON Template', 'it is not a JSON object', fix);
	const t = template as IDataObject;
	if (!Array.isArray(t.responses) || !t.responses.length)
		v.fail('JSON Template', 'it has no "responses" list', fix);
	(t.responses as IDataObject[]).forEach((q, n) => {
		const where = `JSON Template question ${n + 1}`;
		if (!q || typeof q !== 'object') v.fail(where, 'it is not an object', fix);
		if (q.questionId === undefined || q.questionId === null || q.questionId === '')
			v.fail(where, 'questionId is missing', fix);
		if (typeof q.question !== 'string' || !q.question.trim())
			v.fail(where, 'question is missing', fix);
		if (!ANSWER_TYPES.includes(q.answerType as string))
			v.fail(where, 'answerType is not one of the four types', fix);
		if (
			q.answerOptions !== undefined &&
			!(Array.isArray(q.answerOptions) && q.answerOptions.every((o) => typeof o === 'string'))
		) {
			v.fail(where, 'answerOptions is not a list of texts', fix);
		}
		if (
			(q.answerType === 'SingleResponse' || q.answerType === 'MultipleResponse') &&
			!(q.answerOptions as unknown[] | undefined)?.length
		) {
			v.fail(where, 'a choice question has no answerOptions', fix);
		}
		if (q.answerType === 'DateResponse' && (typeof q.dateFormat !== 'string' || !q.dateFormat))
			v.fail(where, 'dateFormat is missing', fix);
	});
	return {
		...t,
		responses: (t.responses as IDataObject[]).map((q) => ({ answer: [], answerOptions: [], ...q })),
	};
}

export const generateFromJsonTemplate: Operation<'generateFromJsonTemplate'> = {
	option: {
		name: 'Generate From Custom JSON Template',
		value: 'generateFromJsonTemplate',
		action: 'Fill a custom JSON template',
		description:
			'Answer your structured questions from the session; generate a consult note with a template first',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'JSON Template',
			name: 'jsonTemplate',
			type: 'json',
			required: true,
			default: JSON.stringify(EXAMPLE, null, 2),
			description:
				'Questions in the Heidi widget’s Template shape: content, summaryRequired and responses (questionId, question, answerType, answerOptions, dateFormat)',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const p = params(this, i);
		const template = checkJsonTemplate(p, p.raw('jsonTemplate'));
		return jsonItems(
			{ session_id: sessionId, ...(await fillCustomTemplate(this, sessionId, template, i)) },
			i,
		);
	},
};
