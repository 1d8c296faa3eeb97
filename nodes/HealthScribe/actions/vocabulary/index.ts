import { defineResource } from '../../../common/operation';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as update from './update';
import { vocabularyTypeProperty } from './locator';

export const vocabulary = defineResource(
	{
		value: 'vocabulary',
		name: 'Vocabulary',
		default: 'create',
		description: 'Custom vocabularies of drug, clinician and clinic names',
		shared: [vocabularyTypeProperty],
	},
	{ create, get, getAll, update, delete: del },
);
