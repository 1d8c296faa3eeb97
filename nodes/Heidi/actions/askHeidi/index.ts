import { defineResource } from '../../../common/operation';
import { ask } from './ask';

export const askHeidi = defineResource(
	{ value: 'askHeidi', name: 'Ask Heidi', default: 'ask' },
	{ ask },
);
