import { defineResource } from '../../../common/operation';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

export const tag = defineResource(
	{ value: 'tag', name: 'Tag', default: getAll.option.value },
	{ add, getAll, remove },
);
