import type { IExecuteFunctions } from 'n8n-workflow';
import { checkAccount } from '../../transport/api';
import type { HeidiOperation } from '../operation';

export const check: HeidiOperation = {
	option: { name: 'Check', value: 'check', action: 'Check the account link', description: 'Whether the credential’s clinician is linked to their Heidi account, which listing sessions and the Heidi Trigger need' },
	description: [],
	async execute(this: IExecuteFunctions, i: number) {
		return await checkAccount(this, i);
	},
};
