import { defineResource } from '../../../common/operation';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

export const tag = defineResource(
	{
		value: 'tag',
		name: 'Tag',
		default: 'add',
		description: 'Tags of jobs, vocabularies and vocabulary filters',
	},
	{ add, remove, getAll },
);
