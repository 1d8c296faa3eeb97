import { defineResource } from '../../../common/operation';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';

export const vocabularyFilter = defineResource(
	{
		value: 'vocabularyFilter',
		name: 'Vocabulary Filter',
		default: 'create',
		description: 'Words to mask, remove or tag in transcripts',
	},
	{ create, get, getAll, update, delete: del },
);
