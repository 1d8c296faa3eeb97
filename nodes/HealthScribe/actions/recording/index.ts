import { defineResource } from '../../../common/operation';
import * as getAll from './getAll';

export const recording = defineResource(
	{
		value: 'recording',
		name: 'Recording',
		default: getAll.option.value,
		description: 'Audio files in S3, to start jobs for',
	},
	{ getAll },
);
