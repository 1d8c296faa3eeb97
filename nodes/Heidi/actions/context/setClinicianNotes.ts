import type { IExecuteFunctions } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { getSession, updateSession } from '../../transport/api';
import { readList, readSessionId, sessionIdProperty } from '../fields';
import type { HeidiOperation } from '../operation';
import { listModeProperty, mergeList } from './listMode';

export const setClinicianNotes: HeidiOperation = {
	option: {
		name: 'Set Clinician Notes',
		value: 'setClinicianNotes',
		action: 'Set clinician notes',
		description: 'Give Heidi context for the note: allergies, medications, history (Markdown allowed)',
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
		const sessionId = readSessionId(this, i);
		const notes = readList(this, i, 'notes');
		if (!notes.length) new ItemValidator(this.getNode(), i).fail('Notes', 'it is empty', 'Add at least one note.');
		const mode = this.getNodeParameter('mode', i) as string;
		const current = mode === 'append' ? (await getSession(this, sessionId, i)).clinician_notes : undefined;
		return await updateSession(this, sessionId, { clinician_notes: mergeList(mode, current, notes) }, i);
	},
};
