import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { generateConsultNote } from '../../transport/api';
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
import { noteFormatProperties, noteParameter, readNoteFormat, shapeNote } from '../noteFormat';

const NOTE = noteParameter('raw', 'The note text with the settings it was generated with');
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const generate: Operation<'generate'> = {
	option: {
		name: 'Generate',
		value: 'generate',
		action: 'Generate a consult note',
		description:
			'Write the consult note from the session’s transcript and context; returns the whole note when Heidi has finished',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Template Source',
			name: 'templateSource',
			type: 'options',
			options: [
				{
					name: 'Heidi Template',
					value: 'template',
					description: 'A consult-note template from the Heidi account',
				},
				{
					name: 'Custom Template (JSON)',
					value: 'custom',
					description: 'Your own note layout, written as JSON',
				},
			],
			default: 'template',
			description:
				'Which layout Heidi writes the note in: one of the templates in your Heidi account, or your own',
		},
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getConsultNoteTemplates' },
			required: true,
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: { show: { templateSource: ['template'] } },
		},
		{
			displayName: 'Custom Template',
			name: 'customTemplate',
			type: 'json',
			required: true,
			default:
				'{\n  "Presenting complaint": "Why the patient came in",\n  "Assessment": "",\n  "Plan": ""\n}',
			description:
				'Your own note layout as JSON: each heading Heidi should write, with an optional hint of what goes under it (or a template in the Heidi widget’s format)',
			displayOptions: { show: { templateSource: ['custom'] } },
		},
		{
			displayName: 'Voice Style',
			name: 'voiceStyle',
			type: 'options',
			options: voiceStyleOptions,
			default: 'GOLDILOCKS',
			description: VOICE_STYLE_HELP,
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
			displayName: 'Content Type',
			name: 'contentType',
			type: 'options',
			options: contentTypeOptions,
			default: 'MARKDOWN',
			description:
				'Format of the note text: Markdown (headings and bullet points as plain text) or HTML (for email and web pages)',
		},
		{
			displayName: 'Additional Instructions',
			name: 'additionalInstructions',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description:
				'Anything Heidi should add or take into account for this note, e.g. "Mention the follow-up call on Friday"',
		},
		...noteFormatProperties(NOTE),
	],
	options: [
		{
			displayName: 'Custom Template Method',
			name: 'customTemplateMethod',
			type: 'options',
			options: [
				{ name: 'TEMPLATE (Current Docs)', value: 'TEMPLATE' },
				{ name: 'THIRD_PARTY_TEMPLATE (Older Docs)', value: 'THIRD_PARTY_TEMPLATE' },
			],
			default: 'TEMPLATE',
			description:
				'Only for a custom template. Keep TEMPLATE; if Heidi refuses to write a note from your custom template, switch to THIRD_PARTY_TEMPLATE, the name some Heidi accounts still expect.',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const source = p.options(
			'templateSource',
			'Template Source',
			['template', 'custom'],
			'template',
		);
		const body: IDataObject = {
			voice_style: p.options('voiceStyle', 'Voice Style', VOICE_STYLES, 'GOLDILOCKS'),
			brain: p.options('brain', 'Brain', BRAINS, 'LEFT'),
			content_type: p.options('contentType', 'Content Type', CONTENT_TYPES, 'MARKDOWN'),
			// Required by Heidi even when empty.
			addition: p.string('additionalInstructions', 'Additional Instructions'),
		};
		if (source === 'custom') {
			const raw = p.raw('customTemplate');
			if (raw === null || typeof raw === 'boolean' || typeof raw === 'number')
				p.fail(
					'Custom Template',
					'it is not a JSON object',
					'Enter the template as JSON, e.g. {"Assessment": "", "Plan": ""}.',
				);
			let text = typeof raw === 'string' ? raw : JSON.stringify(raw);
			try {
				text = JSON.stringify(JSON.parse(text));
			} catch {
				p.fail(
					'Custom Template',
					'it is not valid JSON',
					'Enter the template as JSON, e.g. {"Assessment": "", "Plan": ""}.',
				);
			}
			body.generation_method = p.choice(
				'Custom Template Method',
				readOptions(this, i).customTemplateMethod,
				['TEMPLATE', 'THIRD_PARTY_TEMPLATE'],
				'TEMPLATE',
			);
			body.third_party_template = text;
		} else {
			body.generation_method = 'TEMPLATE';
			body.template_id = checkId(p, 'Template Name or ID', p.raw('templateId'));
		}
		const format = readNoteFormat(p, NOTE);
		const note = await generateConsultNote(this, sessionId, body, i);
		const raw: IDataObject = { session_id: sessionId, note, ...body };
		delete raw.addition;
		delete raw.third_party_template;
		return jsonItems(await shapeNote(this, i, sessionId, raw, format, { note }), i);
	},
};
