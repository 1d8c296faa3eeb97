import { defineResource } from '../../../common/operation';
import { getAll } from './getAll';

export const template = defineResource(
	{ value: 'template', name: 'Template', default: getAll.option.value },
	{ getAll },
);
