import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { describedGetter, params } from '../../../common/params';
import { sessionNoteOutput } from '../../outputs/encounterNote';
import { connectHealthClient } from '../../transport/client';
import { getListeningSession } from '../../transport/listeningSessions';
import { domainLocator, optionsCollection, showFor, subscriptionKeyFrom, subscriptionLocator } from '../fields';
import { checkSessionId } from '../validation';
import { noteProperties, readNoteSettings } from './noteOptions';

const show = showFor('listeningSession', ['get']);

export const option: INodePropertyOptions = { name: 'Get', value: 'get', action: 'Get a listening session', description: 'Get a medical scribe listening session, optionally with its note' };

export const description: INodeProperties[] = [
	domainLocator(show),
	subscriptionLocator(show),
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '123e4567-e89b-42d3-a456-426614174000',
		description: 'The UUID the listening session was started with',
		displayOptions: show,
	},
	...noteProperties(show.show!),
	optionsCollection(show),
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const p = params(this, i);
	const key = subscriptionKeyFrom((name) => p.raw(name), p);
	const sessionId = p.string('sessionId', 'Session ID');
	checkSessionId(p, 'Session ID', sessionId);
	const settings = readNoteSettings(describedGetter(p, noteProperties(show.show!)));
	const client = await connectHealthClient(this);
	const details = await getListeningSession(client, { ...key, sessionId }, { itemIndex: i });
	const item = details as unknown as IDataObject;
	if (!settings) return item;
	const note = await sessionNoteOutput(this, details, settings, i);
	return note ? { ...item, note } : item;
}
