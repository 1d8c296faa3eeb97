import type { IExecuteFunctions } from 'n8n-workflow';
import { startRecording as start } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const startRecording: Operation<'startRecording'> = {
	option: {
		name: 'Start Segmented Recording',
		value: 'startRecording',
		action: 'Start a segmented recording',
		description:
			'Begin a recording sent in segments (every 45–60 s of audio); returns the recording ID',
	},
	description: [sessionIdProperty()],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		return jsonItems({ session_id: sessionId, ...(await start(this, sessionId, i)) }, i);
	},
};
