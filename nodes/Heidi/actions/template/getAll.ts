import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { listTemplates, type TemplateKind } from '../../transport/api';
import { paginationProperties, readLimit } from '../../../common/pagination';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getAll: Operation<'getAll'> = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many templates',
		description: 'List the consult-note or document templates of the account',
	},
	description: [
		{
			displayName: 'Template Type',
			name: 'templateType',
			type: 'options',
			options: [
				{
					name: 'Consult Note',
					value: 'consultNote',
					description: 'Templates for Consult Note → Generate',
				},
				{
					name: 'Document',
					value: 'document',
					description:
						'Templates for Document → Create (letters, handouts); Heidi may list consult-note templates here too',
				},
			],
			default: 'consultNote',
			description: 'Which kind of templates to list',
		},
		...paginationProperties(),
	],
	async execute(this: IExecuteFunctions, i: number) {
		const kind = params(this, i).options<TemplateKind>(
			'templateType',
			'Template Type',
			['consultNote', 'document'],
			'consultNote',
		);
		const limit = readLimit(this, i);
		const templates = await listTemplates(this, kind, i);
		return jsonItems(templates.slice(0, Math.min(templates.length, limit)), i);
	},
};
