import { defineResource } from '../../../common/operation';
import { create } from './create';
import { get } from './get';
import { getAll } from './getAll';
import { update } from './update';

export const patientProfile = defineResource(
	{ value: 'patientProfile', name: 'Patient Profile', default: 'create' },
	{ create, get, getAll, update },
);
