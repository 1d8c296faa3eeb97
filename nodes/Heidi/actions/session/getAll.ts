import type { IExecuteFunctions } from 'n8n-workflow';
import { listLinkedUserSessions } from '../../transport/api';
import { readLimit, returnAllProperties } from '../fields';
import type { HeidiOperation } from '../operation';

export const getAll: HeidiOperation = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many sessions',
		description: 'Get the sessions of the Heidi account linked to the credential’s clinician',
	},
	description: [
		{
			displayName: 'This lists the sessions of the linked Heidi account: the clinician must have linked their Heidi account (see Account → Check)',
			name: 'linkedNotice',
			type: 'notice',
			default: '',
		},
		...returnAllProperties,
	],
	async execute(this: IExecuteFunctions, i: number) {
		return await listLinkedUserSessions(this, readLimit(this, i), i);
	},
};
