import type { IExecuteFunctions } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { Operation } from '../../../common/operation';
import { listContextDocuments } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';

export const getDocuments: Operation<'getDocuments'> = {
	option: {
		name: 'Get Documents',
		value: 'getDocuments',
		action: 'Get the context documents of a session',
		description:
			'List the documents attached to a session as context, with their status (PARSING until Heidi can use them, then READY)',
	},
	description: [sessionIdProperty()],
	/** One item per attached document (none when the session has none). */
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const documents = await listContextDocuments(this, sessionId, i);
		return jsonItems(
			documents.map((document) => ({ session_id: sessionId, ...document })),
			i,
		);
	},
};
