import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { linkAccount } from '../../transport/api';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const link: Operation<'link'> = {
	option: {
		name: 'Link',
		value: 'link',
		action: 'Link a heidi account',
		description:
			'Link the credential’s clinician to their Heidi account (needed to list sessions and for the Heidi Trigger)',
	},
	description: [
		{
			displayName: 'Heidi User ID',
			name: 'kindeUserId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'kp_…',
			description:
				'The clinician’s Heidi (Kinde) user ID, starting with kp_. Usually the Heidi widget links accounts when the clinician signs in.',
		},
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const id = p.string('kindeUserId', 'Heidi User ID', { required: true });
		p.pattern(
			'Heidi User ID',
			id,
			/^kp_[A-Za-z0-9]+$/,
			'Heidi user IDs start with kp_ followed by letters and digits.',
		);
		return jsonItems(await linkAccount(this, id, i), i);
	},
};
