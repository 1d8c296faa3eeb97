import { defineResource } from '../operation';
import { ask } from './ask';

export const askHeidi = defineResource('askHeidi', 'Ask Heidi', [ask]);
