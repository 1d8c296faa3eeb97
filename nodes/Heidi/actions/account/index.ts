import { defineResource } from '../../../common/operation';
import { check } from './check';
import { link } from './link';
import { unlink } from './unlink';

export const account = defineResource(
	{ value: 'account', name: 'Account', default: 'check' },
	{ link, unlink, check },
);
