import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { pollParams } from '../../common/params';
import { subscriptionKeyFrom } from '../actions/locators';
import { readNoteSettings } from '../actions/listeningSession/noteOptions';
import { checkS3Uri } from '../actions/validation';
import { ARTIFACT_KINDS, sessionNoteOutput } from '../outputs/encounterNote';
import {
	artifactKindOf,
	expandDateTokens,
	parseSessionArtifactKey,
	type ArtifactKind,
} from '../outputs/layout';
import { connectHealthClient } from '../transport/client';
import { getListeningSession } from '../transport/listeningSessions';
import { readLookBackMs, type ListedObject } from './listing';
import { pollOutputs, type OutputEvent } from './pollOutputs';

interface ArtifactEvent extends OutputEvent {
	sessionId: string;
	object: ListedObject;
}

/**
 * "Listening session artifacts ready": one item per session when its chosen artifact (the clinical
 * note by default) appears under the output URI, with the session's details and, if asked, its note.
 */
export async function pollSessionArtifacts(context: IPollFunctions): Promise<IDataObject[]> {
	const p = pollParams(context);
	const { domainId, subscriptionId } = subscriptionKeyFrom((name) => p.raw(name), p);
	const template = p.string('outputS3Uri', 'Output S3 URI');
	checkS3Uri(p, 'Output S3 URI', expandDateTokens(template, Date.now()));
	const artifact = p.options<ArtifactKind>('artifact', 'Artifact', ARTIFACT_KINDS, 'clinicalNote');
	const lookBackMs = readLookBackMs(context);
	const settings = readNoteSettings(p);
	const client = await connectHealthClient(context);
	const artifactOf = (event: ArtifactEvent) => ({
		kind: artifact,
		uri: event.object.uri,
		lastModified: new Date(event.object.lastModified).toISOString(),
	});

	return await pollOutputs<ArtifactEvent>(context, {
		scope: JSON.stringify(['sessionArtifacts', domainId, subscriptionId, template, artifact]),
		template,
		lookBackMs,
		toEvents: (objects) =>
			objects.flatMap((object) => {
				const key = parseSessionArtifactKey(object.relativeKey);
				if (!key || artifactKindOf(key.fileName) !== artifact) return [];
				// Keys that name a domain or subscription must name ours (several may share one output URI).
				if (
					(key.domainId && key.domainId !== domainId) ||
					(key.subscriptionId && key.subscriptionId !== subscriptionId)
				)
					return [];
				return [
					{ key: key.sessionId, time: object.lastModified, sessionId: key.sessionId, object },
				];
			}),
		identify: (event) => ({
			domainId,
			subscriptionId,
			sessionId: event.sessionId,
			artifact: artifactOf(event),
		}),
		toItem: async (event) => {
			const details = await getListeningSession(client, {
				domainId,
				subscriptionId,
				sessionId: event.sessionId,
			});
			const item: IDataObject = {
				...(details as unknown as IDataObject),
				artifact: artifactOf(event),
			};
			const note = settings ? await sessionNoteOutput(context, details, settings) : undefined;
			return note ? { ...item, note } : item;
		},
	});
}
