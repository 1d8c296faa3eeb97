import { defineResource } from '../../../common/operation';
import { getAll } from './getAll';

// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- 'Template' names the resource; getAll is its default operation
export const template = defineResource({ value: 'template', name: 'Template', default: 'getAll' }, { getAll });
