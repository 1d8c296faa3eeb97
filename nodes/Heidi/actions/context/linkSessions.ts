import type { IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { getSession, updateSession } from '../../transport/api';
import { checkId, readList, readSessionId, sessionIdProperty } from '../fields';
import type { HeidiOperation } from '../operation';
import { listModeProperty, mergeList } from './listMode';

export const linkSessions: HeidiOperation = {
	option: {
		name: 'Link Sessions',
		value: 'linkSessions',
		action: 'Link sessions for context',
		description: 'Let Heidi use earlier sessions’ consult notes as context for this one',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Session IDs to Link',
			name: 'linkedSessionIds',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Session' },
			required: true,
			default: [],
			description: 'Earlier sessions of the same clinician; map IDs as text',
		},
		listModeProperty,
	],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const v = new ItemValidator(this.getNode(), i);
		const ids = readList(this, i, 'linkedSessionIds').map((id) => checkId(v, 'Session IDs to Link', id));
		if (!ids.length) v.fail('Session IDs to Link', 'it is empty', 'Add at least one session ID.');
		if (ids.includes(sessionId)) v.fail('Session IDs to Link', 'it contains the session itself', 'Link other sessions only.');
		const mode = this.getNodeParameter('mode', i) as string;
		const current = mode === 'append' ? (await getSession(this, sessionId, i)).linked_sessions_for_context : undefined;
		return await updateSession(this, sessionId, { linked_sessions_for_context: mergeList(mode, current, ids) }, i);
	},
};
