import { defineResource } from '../operation';
import { create } from './create';
import { get } from './get';
import { getAll } from './getAll';
import { update } from './update';

export const session = defineResource('session', 'Session', [create, get, getAll, update]);
