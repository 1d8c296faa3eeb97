import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getLiveTranscript as read } from '../../transport/api';
import { compact } from '../compact';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getLiveTranscript: Operation<'getLiveTranscript'> = {
	option: {
		name: 'Get Live Transcript',
		value: 'getLiveTranscript',
		action: 'Get a live transcript',
		description: 'Get the transcript chunks so far, from uploads, live recording and backup',
	},
	description: [sessionIdProperty()],
	options: [
		{
			displayName: 'Recording Status',
			name: 'recordingStatus',
			type: 'string',
			default: '',
			description:
				'Leave blank. Heidi does not publish the possible values; only set one Heidi support gave you.',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const query = compact({
			recording_status: params(this, i).optionalText(
				'Recording Status',
				readOptions(this, i).recordingStatus,
			),
		});
		return jsonItems({ session_id: sessionId, ...(await read(this, sessionId, query, i)) }, i);
	},
};
