import { defineResource } from '../../../common/operation';
import * as getAll from './getAll';

// eslint-disable-next-line n8n-nodes-base/node-param-option-name-wrong-for-get-many -- 'Recording' names the resource; getAll is its default operation
export const recording = defineResource({ value: 'recording', name: 'Recording', default: 'getAll', description: 'Audio files in S3, to start jobs for' }, { getAll });
