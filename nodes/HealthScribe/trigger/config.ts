import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { pollParams } from '../../common/params';
import { readReplay, replayOptions, type Replay } from '../../common/replay';
import { checkName } from '../transport/names';
import type { JobStatus } from '../model';
import {
	noteParameter,
	outputProperties,
	readOutputSettings,
	type OutputSettings,
} from '../outputs/include';

const NOTE = noteParameter(
	'Whether to download the transcript and clinical note of completed jobs, and in which shape',
);

export const properties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{
				name: 'Job Completed',
				value: 'completed',
				description: 'The transcript and clinical note are ready',
			},
			{
				name: 'Job Completed or Failed',
				value: 'anyTerminal',
				description: 'A job finished, whether it completed or failed',
			},
			{
				name: 'Job Failed',
				value: 'failed',
				description: 'The job ended with a failure reason (e.g. unreadable audio)',
			},
		],
		default: ['completed'],
		description:
			'Which finished HealthScribe jobs start the workflow. n8n checks for them at the times set under Poll Times; each job starts the workflow once.',
	},
	{
		displayName: 'Job Name Contains',
		name: 'jobNameContains',
		type: 'string',
		default: '',
		description:
			'Only jobs whose name contains this text (not case-sensitive), e.g. the prefix your HealthScribe node uses',
	},
	...outputProperties({}, NOTE),
	{
		displayName: 'Include Job Details',
		name: 'includeJobDetails',
		type: 'boolean',
		default: false,
		description:
			'Whether to read each job in full (media, settings, tags) with one more call per job, instead of the list summary',
	},
	replayOptions(),
];

const EVENTS = ['anyTerminal', 'completed', 'failed'] as const;

export interface TriggerConfig {
	statuses: JobStatus[];
	jobNameContains?: string;
	output: OutputSettings;
	details: boolean;
	/** Changes of these settings restart the trigger as if it were activated anew. */
	scope: string;
	/** Not part of the scope: replaying does not restart the trigger. */
	replay: Replay;
}

export function readTriggerConfig(context: IPollFunctions): TriggerConfig {
	const p = pollParams(context);
	const events = p.requiredChoices('events', 'Events', EVENTS);
	const statuses = new Set<JobStatus>();
	for (const event of events) {
		if (event === 'completed' || event === 'anyTerminal') statuses.add('COMPLETED');
		if (event === 'failed' || event === 'anyTerminal') statuses.add('FAILED');
	}
	const contains = p.string('jobNameContains', 'Job Name Contains');
	checkName(p, 'Job Name Contains', contains);
	const sorted = [...statuses].sort();
	return {
		statuses: sorted,
		...(contains ? { jobNameContains: contains } : {}),
		// A Note Format value no option has is refused here: it would emit jobs without their note, unnoticed.
		output: readOutputSettings(p, NOTE),
		details: p.boolean('includeJobDetails', 'Include Job Details'),
		scope: JSON.stringify([sorted, contains.toLowerCase()]),
		replay: readReplay(context),
	};
}
