import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { replayOption } from '../common/replay';
import { versionedTriggerProperties } from './trigger/noteOptions';
import { pollHeidiSessions } from './trigger/poll';

export class HeidiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Heidi Trigger',
		name: 'heidiTrigger',
		icon: { light: 'file:heidi.svg', dark: 'file:heidi.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node creator shows this for the merged "Heidi" entry (actions and trigger).
		description:
			'Sessions, transcripts, consult notes and documents from the Heidi AI medical scribe, and workflows that start when a consult note is ready',
		defaults: { name: 'Heidi Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heidiApi', required: true }],
		// Version 2: the one Note Format (see common/noteOutput); version 1 is kept for saved workflows.
		properties: versionedTriggerProperties([
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Consult Note Ready',
						value: 'noteReady',
						description:
							'A consult note was written or rewritten and generation has finished. A note whose status Heidi does not mark as finished is announced once its text is unchanged between two polls.',
					},
					{ name: 'New Session', value: 'newSession', description: 'A session was created' },
					{
						name: 'Session Updated',
						value: 'sessionUpdated',
						description: 'Anything on a session changed (audio, patient, note, context…)',
					},
				],
				default: ['noteReady'],
				description:
					'What starts the workflow. n8n checks the sessions of the credential’s clinician at the times set under Poll Times, so the clinician’s Heidi account must be linked (Heidi node → Account → Check). Each event starts the workflow once, also after n8n restarts.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Include EncounterNote',
						name: 'includeEncounterNote',
						type: 'boolean',
						default: false,
						description:
							'Whether to add the note as a vendor-neutral EncounterNote (sections, transcript turns, markdown) to Consult Note Ready events; reads the transcript',
					},
					{
						displayName: 'Include Transcript',
						name: 'includeTranscript',
						type: 'boolean',
						default: false,
						description: 'Whether to add the session’s transcript text to each event',
					},
					replayOption,
					{
						displayName: 'Watch Sessions Created Within (Hours)',
						name: 'activityWindowHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 72,
						description:
							'Changes to sessions created longer ago than this are not watched, which keeps each poll short. Raise it if notes are often finished days after the consultation.',
					},
				],
			},
		]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHeidiSessions.call(this);
	}
}
