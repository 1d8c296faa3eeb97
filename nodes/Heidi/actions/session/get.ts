import type { IExecuteFunctions } from 'n8n-workflow';
import { getSession } from '../../transport/api';
import { readSessionId, sessionIdProperty } from '../fields';
import type { HeidiOperation } from '../operation';

export const get: HeidiOperation = {
	option: { name: 'Get', value: 'get', action: 'Get a session', description: 'Get a session with its patient, audio, consult note and documents' },
	description: [sessionIdProperty()],
	async execute(this: IExecuteFunctions, i: number) {
		return await getSession(this, readSessionId(this, i), i);
	},
};
