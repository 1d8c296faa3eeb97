import { defineResource } from '../../../common/operation';
import { create } from './create';
import { get } from './get';
import { getAll } from './getAll';
import { update } from './update';

export const session = defineResource(
	{ value: 'session', name: 'Session', default: 'create' },
	{ create, get, getAll, update },
);
