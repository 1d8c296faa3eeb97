import type { IExecuteFunctions } from 'n8n-workflow';
import { unlinkAccount } from '../../transport/api';
import type { HeidiOperation } from '../operation';

export const unlink: HeidiOperation = {
	option: { name: 'Unlink', value: 'unlink', action: 'Unlink the heidi account', description: 'Remove the link between the credential’s clinician and their Heidi account' },
	description: [],
	async execute(this: IExecuteFunctions, i: number) {
		return await unlinkAccount(this, i);
	},
};
