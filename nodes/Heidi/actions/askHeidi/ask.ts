import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { askHeidi } from '../../transport/api';
import { CONTENT_TYPES, contentTypeOptions } from '../enums';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const ask: Operation<'ask'> = {
	option: {
		name: 'Ask',
		value: 'ask',
		action: 'Ask heidi',
		description:
			'Run an instruction over text (summarise, draft a letter, explain to the patient); returns the whole answer',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Instruction',
			name: 'command',
			type: 'string',
			typeOptions: { rows: 2 },
			required: true,
			default: '',
			placeholder: 'Summarise for the referral letter',
			description: 'What Heidi should do with the content, in plain words',
		},
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 5 },
			required: true,
			default: '',
			description: 'The text to work on, e.g. the consult note',
		},
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'options',
			options: contentTypeOptions,
			default: 'MARKDOWN',
			description: 'Format of the content and of the answer',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const command = p.string('command', 'Instruction', { required: true });
		// The content is sent as written (its whitespace may be part of the note's layout).
		const content = p.string('content', 'Content', { required: true, trim: false });
		const contentType = p.options('contentType', 'Content Type', CONTENT_TYPES, 'MARKDOWN');
		const answer = await askHeidi(
			this,
			sessionId,
			{ ai_command_text: command, content, content_type: contentType },
			i,
		);
		return jsonItems({ session_id: sessionId, answer, content_type: contentType }, i);
	},
};
