import type { IExecuteFunctions } from 'n8n-workflow';
import { getSession } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const get: Operation<'get'> = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a session',
		description: 'Get a session with its patient, audio, consult note and documents',
	},
	description: [sessionIdProperty()],
	async execute(this: IExecuteFunctions, i: number) {
		return jsonItems(await getSession(this, readSessionId(this, i), i), i);
	},
};
