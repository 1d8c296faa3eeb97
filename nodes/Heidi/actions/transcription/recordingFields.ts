import type { INodeProperties } from 'n8n-workflow';

export const recordingIdProperty: INodeProperties = {
	displayName: 'Recording ID',
	name: 'recordingId',
	type: 'string',
	required: true,
	default: '',
	description: 'The ID returned by Start Segmented Recording (a long number: map it as text)',
};
