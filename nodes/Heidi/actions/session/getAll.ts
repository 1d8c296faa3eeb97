import type { IExecuteFunctions } from 'n8n-workflow';
import { listLinkedUserSessions } from '../../transport/api';
import { paginationProperties, readLimit } from '../../../common/pagination';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getAll: Operation<'getAll'> = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sessions',
		description: 'Get the sessions of the Heidi account linked to the credential’s clinician',
	},
	description: [
		{
			displayName:
				'Lists the sessions in the clinician’s Heidi account. The clinician’s Heidi account must be linked first: Account → Check tells you whether it is.',
			name: 'linkedNotice',
			type: 'notice',
			default: '',
		},
		...paginationProperties(),
	],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(await listLinkedUserSessions(this, readLimit(this, i), i), i);
	},
};
