import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { parseTranscript } from '../../outputs/transcript';
import { getTranscript as read } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getTranscript: Operation<'getTranscript'> = {
	option: {
		name: 'Get Transcript',
		value: 'getTranscript',
		action: 'Get a transcript',
		description:
			'Get the session’s transcript; the first read after an upload can take a while, as Heidi transcribes then',
	},
	description: [sessionIdProperty()],
	options: [
		{
			displayName: 'Split Into Turns',
			name: 'splitTurns',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the transcript as speaker turns (role, speaker, text) as well as text',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const splitTurns = params(this, i).bool(
			'Split Into Turns',
			readOptions(this, i).splitTurns,
			false,
		);
		const transcript = await read(this, sessionId, i);
		return jsonItems(
			{
				session_id: sessionId,
				transcript,
				...(splitTurns ? { turns: parseTranscript(transcript) } : {}),
			},
			i,
		);
	},
};
