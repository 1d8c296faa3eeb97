import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';
import { params } from '../../../common/params';
import { getSession } from '../../transport/api';
import { readSessionId } from '../ids';
import { sessionIdProperty } from '../properties';
import { noteFormatProperties, noteParameter, readNoteFormat, shapeNote } from '../noteFormat';

const NOTE = noteParameter('encounterNote', 'The consult note exactly as Heidi returns it');
import type { Operation } from '../../../common/operation';
import { jsonItems } from '../../../common/items';

export const get: Operation<'get'> = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a consult note',
		description:
			'Get the session’s finished consult note, as an EncounterNote, FHIR or as Heidi returns it',
	},
	description: [sessionIdProperty(), ...noteFormatProperties(NOTE)],
	async execute(this: IExecuteFunctions, i: number) {
		const sessionId = readSessionId(this, i);
		const format = readNoteFormat(params(this, i), NOTE);
		const session = await getSession(this, sessionId, i);
		const consult = (session.consult_note as IDataObject | undefined) ?? {};
		if (typeof consult.result !== 'string' || !consult.result) {
			throw new NodeOperationError(this.getNode(), 'The session has no consult note yet', {
				itemIndex: i,
				description:
					'Generate one first (Consult Note → Generate), or start the workflow from the Heidi Trigger’s Consult Note Ready event.',
			});
		}
		return jsonItems(
			await shapeNote(this, i, sessionId, { session_id: sessionId, ...consult }, format, {
				session,
			}),
			i,
		);
	},
};
