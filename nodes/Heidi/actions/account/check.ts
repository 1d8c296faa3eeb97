import type { IExecuteFunctions } from 'n8n-workflow';
import { checkAccount } from '../../transport/api';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const check: Operation<'check'> = {
	option: {
		name: 'Check',
		value: 'check',
		action: 'Check the account link',
		description:
			'Whether the credential’s clinician is linked to their Heidi account, which listing sessions and the Heidi Trigger need',
	},
	description: [],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(await checkAccount(this, i), i);
	},
};
