import { defineResource } from '../../../common/operation';
import * as add from './add';
import * as getAll from './getAll';
import * as remove from './remove';

// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- 'Tag' names the resource; getAll is its default operation
export const tag = defineResource({ value: 'tag', name: 'Tag', default: 'getAll' }, { add, getAll, remove });
