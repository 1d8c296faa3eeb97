import type { IExecuteFunctions } from 'n8n-workflow';
import { finishRecording as finish } from '../../transport/api';
import { readId, readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { recordingIdProperty } from './recordingFields';

export const finishRecording: Operation<'finishRecording'> = {
	option: {
		name: 'Finish Segmented Recording',
		value: 'finishRecording',
		action: 'Finish a segmented recording',
		description: 'Mark a segmented recording complete so its transcript is final',
	},
	description: [sessionIdProperty(), recordingIdProperty],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const recordingId = readId(this, i, 'recordingId', 'Recording ID', 'number');
		return jsonItems(
			{
				session_id: sessionId,
				recording_id: recordingId,
				...(await finish(this, sessionId, recordingId, i)),
			},
			i,
		);
	},
};
