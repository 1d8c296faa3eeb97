import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getClinicalCodes } from '../../transport/api';
import { compact } from '../compact';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

const STANDARDS = [
	'ACHI-13',
	'CPT-2025',
	'ICD-10',
	'ICD-10-CM',
	'ICD-9',
	'ICD-9-CM',
	'OPCS-410',
	'SNOMED',
	'SNOMED-CT',
];

export const get: Operation<'get'> = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get clinical codes',
		description:
			'Code the session’s consult note (diagnoses, procedures); coding must be enabled on the Heidi account',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Coding System',
			name: 'codingSystem',
			type: 'options',
			options: [
				{ name: 'Account Default', value: '' },
				...STANDARDS.map((s) => ({ name: s, value: s })),
			],
			default: '',
			description:
				'The code set for the codes (e.g. ICD-10 for diagnoses). Account Default uses what your Heidi account is set up for, which suits most clinics; pick one only if you need codes in another standard.',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const query = compact({
			coding_system: p.choice('Coding System', p.raw('codingSystem', ''), STANDARDS),
		});
		return jsonItems(await getClinicalCodes(this, sessionId, query, i), i);
	},
};
