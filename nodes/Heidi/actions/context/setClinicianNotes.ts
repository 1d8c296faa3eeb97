import type { IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getSession, updateSession } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { LIST_MODES, listModeProperty, mergeList } from './listMode';

export const setClinicianNotes: Operation<'setClinicianNotes'> = {
	option: {
		name: 'Set Clinician Notes',
		value: 'setClinicianNotes',
		action: 'Set clinician notes',
		description:
			'Give Heidi context for the note: allergies, medications, history (Markdown allowed)',
	},
	description: [
		sessionIdProperty(),
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Note', rows: 3 },
			required: true,
			default: [],
			description: 'One entry per note; an expression may also return a list',
		},
		listModeProperty,
	],
	async execute(this: IExecuteFunctions, i: number) {
		const p = params(this, i);
		const sessionId = readSessionId(this, i);
		const notes = p.stringList('notes', 'Notes', { lines: true });
		if (!notes.length) p.fail('Notes', 'it is empty', 'Add at least one note.');
		const mode = p.options('mode', 'Mode', LIST_MODES, 'append');
		const current =
			mode === 'append' ? (await getSession(this, sessionId, i)).clinician_notes : undefined;
		return jsonItems(
			await updateSession(this, sessionId, { clinician_notes: mergeList(mode, current, notes) }, i),
			i,
		);
	},
};
