import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getSession, updateSession } from '../../transport/api';
import { checkId, readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { LIST_MODES, listModeProperty, mergeList } from './listMode';

export const linkSessions: Operation<'linkSessions'> = {
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
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const ids = p
			.stringList('linkedSessionIds', 'Session IDs to Link', { lines: true })
			.map((id) => checkId(p, 'Session IDs to Link', id, 'number'));
		if (!ids.length) p.fail('Session IDs to Link', 'it is empty', 'Add at least one session ID.');
		if (ids.includes(sessionId))
			p.fail('Session IDs to Link', 'it contains the session itself', 'Link other sessions only.');
		const mode = p.options('mode', 'Mode', LIST_MODES, 'append');
		const current =
			mode === 'append'
				? (await getSession(this, sessionId, i)).linked_sessions_for_context
				: undefined;
		return jsonItems(
			await updateSession(
				this,
				sessionId,
				{ linked_sessions_for_context: mergeList(mode, current, ids) },
				i,
			),
			i,
		);
	},
};
