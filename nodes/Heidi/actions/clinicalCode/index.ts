import { defineResource } from '../operation';
import { get } from './get';

export const clinicalCode = defineResource('clinicalCode', 'Clinical Code', [get]);
