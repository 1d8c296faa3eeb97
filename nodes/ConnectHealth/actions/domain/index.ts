import { defineResource } from '../../../common/operation';
import * as create from './create';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';

export const domain = defineResource(
	{ value: 'domain', name: 'Domain', default: 'get' },
	{ create, delete: del, get, getAll },
);
