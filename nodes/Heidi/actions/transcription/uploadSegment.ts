import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { uploadSegment as upload } from '../../transport/api';
import { readAudioFile } from '../binary';
import { readId, readSessionId } from '../ids';
import { binaryPropertyProperty, sessionIdProperty } from '../properties';
import { readOptions, type Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { recordingIdProperty } from './recordingFields';

export const uploadSegment: Operation<'uploadSegment'> = {
	option: {
		name: 'Upload Segment',
		value: 'uploadSegment',
		action: 'Upload a recording segment',
		description: 'Send the next chunk of a segmented recording; chunks of 45–60 s transcribe best',
	},
	description: [
		sessionIdProperty(),
		recordingIdProperty,
		{
			displayName: 'Segment Index',
			name: 'index',
			type: 'number',
			typeOptions: { minValue: 0 },
			required: true,
			default: 0,
			description:
				'Order of this chunk in the recording, from 0; sending an index again replaces that chunk',
		},
		binaryPropertyProperty('The audio chunk'),
	],
	options: [
		{
			displayName: 'File Name',
			name: 'fileName',
			type: 'string',
			default: '',
			description: 'Name to send instead of the binary’s own',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const recordingId = readId(this, i, 'recordingId', 'Recording ID', 'number');
		const index = p.number('index', 'Segment Index', { min: 0, max: 1_000_000, integer: true });
		const file = await readAudioFile(
			this,
			i,
			p.optionalText('File Name', readOptions(this, i).fileName),
			false,
		);
		const response = await upload(this, sessionId, recordingId, index, file, i);
		return jsonItems({ session_id: sessionId, recording_id: recordingId, index, ...response }, i);
	},
};
