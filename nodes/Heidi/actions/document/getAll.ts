import type { IExecuteFunctions } from 'n8n-workflow';
import { listDocuments } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import { paginationProperties, readLimit } from '../../../common/pagination';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const getAll: Operation<'getAll'> = {
	option: {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many documents',
		description: 'List the documents of a session',
	},
	description: [sessionIdProperty(), ...paginationProperties()],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const limit = readLimit(this, i);
		const documents = await listDocuments(this, sessionId, i);
		return jsonItems(documents.slice(0, Math.min(documents.length, limit)), i);
	},
};
