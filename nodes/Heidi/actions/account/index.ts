import { defineResource } from '../operation';
import { check } from './check';
import { link } from './link';
import { unlink } from './unlink';

export const account = defineResource('account', 'Account', [link, unlink, check]);
