import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { createDocument } from '../../transport/api';
import { compact } from '../compact';
import {
	BRAINS,
	brainOptions,
	CONTENT_TYPES,
	contentTypeOptions,
	VOICE_STYLES,
	voiceStyleOptions,
	VOICE_STYLE_HELP,
	BRAIN_HELP,
} from '../enums';
import { checkId, readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const create: Operation<'create'> = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a document',
		description:
			'Write a document (letter, handout) from a template; Heidi builds it from the consult note, so generate that first',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getDocumentTemplates' },
			required: true,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{
			displayName: 'Brain',
			name: 'brain',
			type: 'options',
			options: brainOptions,
			default: 'LEFT',
			description: BRAIN_HELP,
		},
		{
			displayName: 'Additional Fields',
			name: 'additionalFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			options: [
				{
					displayName: 'Content Type',
					name: 'contentType',
					type: 'options',
					options: contentTypeOptions,
					default: 'MARKDOWN',
					description: 'Format of the document: Markdown or HTML',
				},
				{
					displayName: 'Voice Style',
					name: 'voiceStyle',
					type: 'options',
					options: voiceStyleOptions,
					default: 'GOLDILOCKS',
					description: VOICE_STYLE_HELP,
				},
			],
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const fields = p.collection('additionalFields', 'Additional Fields');
		const body = compact({
			document_tab_type: 'DOCUMENT',
			generation_method: 'TEMPLATE',
			template_id: checkId(p, 'Template Name or ID', p.raw('templateId')),
			brain: p.options('brain', 'Brain', BRAINS, 'LEFT'),
			voice_style: p.choice('Voice Style', fields.voiceStyle, VOICE_STYLES),
			content_type: p.choice('Content Type', fields.contentType, CONTENT_TYPES),
		});
		return jsonItems(await createDocument(this, sessionId, body, i), i);
	},
};
