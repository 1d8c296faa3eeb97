import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { generateConsultNote } from '../../transport/api';
import { brainOptions, checkId, contentTypeOptions, readOptions, readSessionId, sessionIdProperty, voiceStyleOptions } from '../fields';
import { noteFormatProperties, readNoteFhirOptions, shapeNote } from '../noteFormat';
import type { HeidiOperation } from '../operation';

export const generate: HeidiOperation = {
	option: {
		name: 'Generate',
		value: 'generate',
		action: 'Generate a consult note',
		description: 'Write the consult note from the session’s transcript and context; returns the whole note when Heidi has finished',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Template Source',
			name: 'templateSource',
			type: 'options',
			options: [
				{ name: 'Heidi Template', value: 'template', description: 'A consult-note template from the Heidi account' },
				{ name: 'Custom Template (JSON)', value: 'custom', description: 'Your own template as JSON (headings, or the Heidi widget’s Template shape)' },
			],
			default: 'template',
		},
		{
			displayName: 'Template Name or ID',
			name: 'templateId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getConsultNoteTemplates' },
			required: true,
			default: '',
			description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			displayOptions: { show: { templateSource: ['template'] } },
		},
		{
			displayName: 'Custom Template',
			name: 'customTemplate',
			type: 'json',
			required: true,
			default: '{\n  "Presenting complaint": "Why the patient came in",\n  "Assessment": "",\n  "Plan": ""\n}',
			description: 'The template as JSON, sent to Heidi as text (third_party_template)',
			displayOptions: { show: { templateSource: ['custom'] } },
		},
		{ displayName: 'Voice Style', name: 'voiceStyle', type: 'options', options: voiceStyleOptions, default: 'GOLDILOCKS', description: 'How much detail Heidi writes' },
		{ displayName: 'Brain', name: 'brain', type: 'options', options: brainOptions, default: 'LEFT', description: 'Heidi’s generation model; Heidi’s default is Left' },
		{ displayName: 'Content Type', name: 'contentType', type: 'options', options: contentTypeOptions, default: 'MARKDOWN', description: 'Format of the note text' },
		{
			displayName: 'Additional Instructions',
			name: 'additionalInstructions',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: 'Extra instructions or text for this note (sent as addition)',
		},
		...noteFormatProperties('raw', 'The note text with the settings it was generated with'),
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
			description: 'Generation method sent with a custom template. Heidi’s current docs send it with TEMPLATE, older docs with THIRD_PARTY_TEMPLATE: switch if your Heidi account rejects one.',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		readNoteFhirOptions(this, i);
		const v = new ItemValidator(this.getNode(), i);
		const source = this.getNodeParameter('templateSource', i) as string;
		const body: IDataObject = {
			voice_style: this.getNodeParameter('voiceStyle', i) as string,
			brain: this.getNodeParameter('brain', i) as string,
			content_type: this.getNodeParameter('contentType', i) as string,
			// Required by Heidi even when empty.
			addition: (this.getNodeParameter('additionalInstructions', i, '') as string) ?? '',
		};
		v.oneOf('Voice Style', body.voice_style as string, voiceStyleOptions.map((o) => o.value));
		v.oneOf('Brain', body.brain as string, brainOptions.map((o) => o.value));
		v.oneOf('Content Type', body.content_type as string, contentTypeOptions.map((o) => o.value));
		if (source === 'custom') {
			const raw = this.getNodeParameter('customTemplate', i) as unknown;
			let text = typeof raw === 'string' ? raw : JSON.stringify(raw);
			try {
				text = JSON.stringify(JSON.parse(text));
			} catch {
				v.fail('Custom Template', 'it is not valid JSON', 'Enter the template as JSON, e.g. {"Assessment": "", "Plan": ""}.');
			}
			body.generation_method = (readOptions(this, i).customTemplateMethod as string) || 'TEMPLATE';
			body.third_party_template = text;
		} else {
			body.generation_method = 'TEMPLATE';
			body.template_id = checkId(v, 'Template Name or ID', this.getNodeParameter('templateId', i));
		}
		const note = await generateConsultNote(this, sessionId, body, i);
		const raw: IDataObject = { session_id: sessionId, note, ...body };
		delete raw.addition;
		delete raw.third_party_template;
		return await shapeNote(this, i, sessionId, raw, { note });
	},
};
