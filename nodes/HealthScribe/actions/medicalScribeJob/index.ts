import { defineResource } from '../../../common/operation';
import * as del from './delete';
import * as get from './get';
import * as getAll from './getAll';
import * as start from './start';

export const medicalScribeJob = defineResource(
	{ value: 'medicalScribeJob', name: 'Medical Scribe Job', default: 'start' },
	{ start, get, getAll, delete: del },
);
