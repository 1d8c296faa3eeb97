import { defineResource } from '../../../common/operation';
import { get } from './get';

export const clinicalCode = defineResource(
	{ value: 'clinicalCode', name: 'Clinical Code', default: 'get' },
	{ get },
);
