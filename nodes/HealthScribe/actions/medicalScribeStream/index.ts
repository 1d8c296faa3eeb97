import { resourceDescription, type Operation } from '../resource';
import * as get from './get';
import * as start from './start';

export const operations: Record<string, Operation> = { start, get };

export const description = resourceDescription(
	'medicalScribeStream',
	[
		{ name: 'Get', value: 'get', description: 'Get a streaming session, optionally with its transcript and clinical note', action: 'Get a medical scribe stream' },
		{
			name: 'Start',
			value: 'start',
			description: 'Stream a recording to AWS HealthScribe and get its transcript, optionally waiting for the clinical note',
			action: 'Start a medical scribe stream',
		},
	],
	operations,
);
