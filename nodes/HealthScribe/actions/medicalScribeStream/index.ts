import { defineResource } from '../../../common/operation';
import * as get from './get';
import * as start from './start';

export const medicalScribeStream = defineResource(
	{
		value: 'medicalScribeStream',
		name: 'Medical Scribe Stream',
		default: 'start',
		description: 'Stream a recording to HealthScribe for a live transcript and a clinical note',
	},
	{ start, get },
);
