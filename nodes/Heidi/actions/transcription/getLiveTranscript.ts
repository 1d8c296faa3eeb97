import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getLiveTranscript as read } from '../../transport/api';
import { compact, readOptions, readSessionId, sessionIdProperty } from '../fields';
import type { HeidiOperation } from '../operation';

export const getLiveTranscript: HeidiOperation = {
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
			description: 'Passed to Heidi as recording_status; Heidi does not document the values, leave blank for its default',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const query = compact({ recording_status: params(this, i).optionalText('Recording Status', readOptions(this, i).recordingStatus) });
		return { session_id: sessionId, ...(await read(this, sessionId, query, i)) };
	},
};
