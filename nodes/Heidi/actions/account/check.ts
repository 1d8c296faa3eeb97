import type { IExecuteFunctions } from 'n8n-workflow';
import { checkAccount } from '../../transport/api';
import type { HeidiOperation } from '../operation';

export const check: HeidiOperation = {
	option: { name: 'Check', value: 'check', action: 'Check the account link', description: 'Whether the API user is linked to a Heidi account and the link is valid' },
	description: [],
	async execute(this: IExecuteFunctions, i: number) {
		return await checkAccount(this, i);
	},
};
