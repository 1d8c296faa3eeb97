import type { INodeProperties, IPollFunctions } from 'n8n-workflow';
import { describedGetter, pollParams } from '../../common/params';
import { checkName } from '../actions/medicalScribeJob/startRequest';
import type { JobStatus } from '../model';
import { outputProperties, readOutputSettings, type OutputSettings } from '../outputs/include';

export const properties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: [
			{ name: 'Any Terminal State', value: 'anyTerminal', description: 'A job completed or failed' },
			{ name: 'Job Completed', value: 'completed', description: 'The transcript and clinical note are ready' },
			{ name: 'Job Failed', value: 'failed', description: 'The job ended with a failure reason' },
		],
		default: ['completed'],
	},
	{
		displayName: 'Job Name Contains',
		name: 'jobNameContains',
		type: 'string',
		default: '',
		description: 'Only jobs whose name contains this text (not case-sensitive), e.g. the prefix your HealthScribe node uses',
	},
	...outputProperties({}).map((property) =>
		property.name === 'includeOutputs' ? { ...property, description: 'Whether to download the transcript and clinical note of completed jobs, and in which shape' } : property,
	),
	{
		displayName: 'Include Job Details',
		name: 'includeJobDetails',
		type: 'boolean',
		default: false,
		description: 'Whether to read each job in full (media, settings, tags) with one more call per job, instead of the list summary',
	},
];

const EVENTS = ['anyTerminal', 'completed', 'failed'] as const;
const INCLUDE_OUTPUTS = ['none', 'encounterNote', 'fhir', 'raw'] as const;

export interface TriggerConfig {
	statuses: JobStatus[];
	jobNameContains?: string;
	output: OutputSettings;
	details: boolean;
	/** Changes of these settings restart the trigger as if it were activated anew. */
	scope: string;
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
	// An Include Outputs value no option has would emit jobs without their note, unnoticed.
	p.options('includeOutputs', 'Include Outputs', INCLUDE_OUTPUTS, 'none');
	const sorted = [...statuses].sort();
	return {
		statuses: sorted,
		...(contains ? { jobNameContains: contains } : {}),
		output: readOutputSettings(describedGetter(p, properties)),
		details: p.boolean('includeJobDetails', 'Include Job Details'),
		scope: JSON.stringify([sorted, contains.toLowerCase()]),
	};
}
