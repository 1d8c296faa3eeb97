import type { IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { askHeidi } from '../../transport/api';
import { contentTypeOptions, readSessionId, sessionIdProperty } from '../fields';
import type { HeidiOperation } from '../operation';

export const ask: HeidiOperation = {
	option: {
		name: 'Ask',
		value: 'ask',
		action: 'Ask heidi',
		description: 'Run an instruction over text (summarise, draft a letter, explain to the patient); returns the whole answer',
	},
	description: [
		sessionIdProperty(),
		{ displayName: 'Instruction', name: 'command', type: 'string', typeOptions: { rows: 2 }, required: true, default: '', placeholder: 'Summarise for the referral letter' },
		{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 5 }, required: true, default: '', description: 'The text to work on, e.g. the consult note' },
		{ displayName: 'Content Type', name: 'contentType', type: 'options', options: contentTypeOptions, default: 'MARKDOWN', description: 'Format of the content and of the answer' },
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const v = new ItemValidator(this.getNode(), i);
		const command = (this.getNodeParameter('command', i) as string).trim();
		const content = this.getNodeParameter('content', i) as string;
		v.required('Instruction', command);
		v.required('Content', content);
		const contentType = this.getNodeParameter('contentType', i) as string;
		v.oneOf('Content Type', contentType, contentTypeOptions.map((o) => o.value));
		const answer = await askHeidi(this, sessionId, { ai_command_text: command, content, content_type: contentType }, i);
		return { session_id: sessionId, answer, content_type: contentType };
	},
};
