import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { sessionNoteOutput } from '../../outputs/encounterNote';
import { connectHealthClient } from '../../transport/client';
import { getListeningSession } from '../../transport/listeningSessions';
import { domainLocator, subscriptionKeyFrom, subscriptionLocator } from '../locators';
import { checkSessionId } from '../validation';
import { noteProperties, readNoteSettings } from './noteOptions';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	action: 'Get a listening session',
	description: 'Get a medical scribe listening session, optionally with its note',
};

export const description: INodeProperties[] = [
	domainLocator(),
	subscriptionLocator(),
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123e4567-e89b-42d3-a456-426614174000',
		description: 'The UUID the listening session was started with',
	},
	...noteProperties({}),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const key = subscriptionKeyFrom((name) => p.raw(name), p);
	const sessionId = p.string('sessionId', 'Session ID');
	checkSessionId(p, 'Session ID', sessionId);
	const settings = readNoteSettings(p);
	const client = await connectHealthClient(this);
	const details = await getListeningSession(client, { ...key, sessionId }, { itemIndex: i });
	if (!settings) return jsonItems(details, i);
	const note = await sessionNoteOutput(this, details, settings, i);
	return jsonItems(note ? { ...details, note } : details, i);
}
