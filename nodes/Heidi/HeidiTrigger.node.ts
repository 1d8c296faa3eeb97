import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { pollHeidiSessions } from './trigger/poll';

export class HeidiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Heidi Trigger',
		name: 'heidiTrigger',
		icon: { light: 'file:heidi.svg', dark: 'file:heidi.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a Heidi session is created, changes, or its consult note is ready',
		defaults: { name: 'Heidi Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'heidiApi', required: true }],
		properties: [
			{
				displayName:
					'Heidi has no webhooks, so this trigger polls the sessions of the Heidi account linked to the credential’s clinician (the account must be linked: Heidi node → Account → Check). Each event fires once, also across restarts.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
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
					{ name: 'Session Updated', value: 'sessionUpdated', description: 'Anything on a session changed (audio, patient, note, context…)' },
				],
				default: ['noteReady'],
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
						description: 'Whether to add the note as a vendor-neutral EncounterNote (sections, transcript turns, markdown) to Consult Note Ready events; reads the transcript',
					},
					{ displayName: 'Include Transcript', name: 'includeTranscript', type: 'boolean', default: false, description: 'Whether to add the session’s transcript text to each event' },
					{
						displayName: 'Watch Sessions Created Within (Hours)',
						name: 'activityWindowHours',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: 72,
						description: 'Changes to sessions created longer ago than this are not watched, which keeps each poll short. Raise it if notes are often finished days after the consultation.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollHeidiSessions.call(this);
	}
}
