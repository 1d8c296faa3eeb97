import { defineResource } from '../../../common/operation';
import * as get from './get';
import * as start from './start';

export const listeningSession = defineResource(
	{ value: 'listeningSession', name: 'Medical Scribe Listening Session', default: 'get' },
	{ get, start },
);
