import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { uploadAudio as upload } from '../../transport/api';
import { readAudioFile } from '../binary';
import { readSessionId } from '../ids';
import { binaryPropertyProperty, sessionIdProperty } from '../properties';
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const uploadAudio: Operation<'uploadAudio'> = {
	option: {
		name: 'Upload Audio',
		value: 'uploadAudio',
		action: 'Upload a recording',
		description: 'Upload a whole recording; Heidi transcribes it on the next transcript read',
	},
	description: [
		sessionIdProperty(),
		binaryPropertyProperty('The recording (.mp3 and .ogg give the best quality)'),
	],
	options: [
		{
			displayName: 'End Time',
			name: 'endTime',
			type: 'dateTime',
			default: '',
			description: 'When the recording ended; Heidi derives it from the duration when blank',
		},
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name to send instead of the binary’s own',
		},
		{
			displayName: 'Start Time',
			name: 'startTime',
			type: 'dateTime',
			default: '',
			description: 'When the recording started',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const options = readOptions(this, i);
		const time = (label: string, value: unknown) => {
			const ms = p.dateTime(label, value);
			return ms === undefined ? undefined : new Date(ms).toISOString();
		};
		const times = {
			start_time: time('Start Time', options.startTime),
			end_time: time('End Time', options.endTime),
		};
		if (times.start_time && times.end_time && times.end_time < times.start_time)
			p.fail('End Time', 'it is before the start time', 'Set an end time after the start time.');
		const file = await readAudioFile(this, i, p.optionalText('File Name', options.fileName));
		const response = await upload(this, sessionId, file, times, i);
		return jsonItems({ session_id: sessionId, ...response }, i);
	},
};
