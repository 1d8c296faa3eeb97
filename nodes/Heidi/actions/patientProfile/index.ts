import { defineResource } from '../operation';
import { create } from './create';
import { get } from './get';
import { getAll } from './getAll';
import { update } from './update';

export const patientProfile = defineResource('patientProfile', 'Patient Profile', [create, get, getAll, update]);
