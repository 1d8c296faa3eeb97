import { resourceDescription, type Operation } from '../resource';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

export const operations: Record<string, Operation> = { add, remove, getAll };

export const description = resourceDescription(
	'tag',
	[
		{ name: 'Add', value: 'add', description: 'Add tags to a medical scribe job, vocabulary or vocabulary filter', action: 'Add tags' },
		{ name: 'Get Many', value: 'getAll', description: 'List the tags of a job, vocabulary or vocabulary filter', action: 'Get many tags' },
		{ name: 'Remove', value: 'remove', description: 'Remove tags by key', action: 'Remove tags' },
	],
	operations,
);
