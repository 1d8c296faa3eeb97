import type { IExecuteFunctions } from 'n8n-workflow';
import { unlinkAccount } from '../../transport/api';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const unlink: Operation<'unlink'> = {
	option: {
		name: 'Unlink',
		value: 'unlink',
		action: 'Unlink the heidi account',
		description: 'Remove the link between the credential’s clinician and their Heidi account',
	},
	description: [],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(await unlinkAccount(this, i), i);
	},
};
