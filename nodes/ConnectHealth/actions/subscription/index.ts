import { defineResource } from '../../../common/operation';
import * as activate from './activate';
import * as create from './create';
import * as deactivate from './deactivate';
import * as get from './get';
import * as getAll from './getAll';

export const subscription = defineResource(
	{ value: 'subscription', name: 'Subscription', default: 'get' },
	{ activate, create, deactivate, get, getAll },
);
