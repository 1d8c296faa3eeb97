import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { testAwsCredential } from '../common/aws/credentialTest';
import { pollParams } from '../common/params';
import { replayOptions } from '../common/replay';
import { domainLocator, subscriptionLocator, type Show } from './actions/locators';
import { noteProperties } from './actions/listeningSession/noteOptions';
import { TRIGGER_NOTICE, undatedLocationNotice } from './actions/outputLocationNotice';
import { searchDomains, searchSubscriptions } from './methods/listSearch';
import { pollInsightsJobs } from './trigger/insightsJobs';
import { pollSessionArtifacts } from './trigger/sessionArtifacts';
import { pollStatusChanges } from './trigger/statusChanges';

const EVENTS = ['sessionArtifactsReady', 'insightsJobFinished', 'statusChanged'] as const;
const SESSIONS = { event: ['sessionArtifactsReady'] };
const JOBS = { event: ['insightsJobFinished'] };
const STATUS = { event: ['statusChanged'] };

const lookBack = (show: Show): INodeProperties => ({
	displayName: 'Look-Back (Hours)',
	name: 'lookBackHours',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 24 * 14 },
	default: 24,
	description:
		'For a date-partitioned location ({yyyy}/{mm}/{dd}): the longest time from a start (which names the partition) to its output landing. Each poll lists only the partitions of this window.',
	displayOptions: { show },
});

const properties: INodeProperties[] = [
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Listening Session Artifacts Ready',
				value: 'sessionArtifactsReady',
				description:
					'A listening session’s clinical note (or its transcript or after-visit summary) is ready in S3',
			},
			{
				name: 'Patient Insights Job Finished',
				value: 'insightsJobFinished',
				description: 'A patient insights job wrote its output to S3',
			},
			{
				name: 'Domain or Subscription Status Changed',
				value: 'statusChanged',
				description: 'A domain or subscription was created or changed status',
			},
		],
		default: 'sessionArtifactsReady',
		description:
			'What starts the workflow. n8n checks for it at the times set under Poll Times; each event starts the workflow once.',
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		options: [
			{ name: 'Domains', value: 'domains' },
			{ name: 'Subscriptions of a Domain', value: 'subscriptions' },
		],
		default: 'domains',
		description:
			'Whether to watch your Connect Health domains, or the subscriptions inside one domain',
		displayOptions: { show: STATUS },
	},
	domainLocator({ show: { event: ['sessionArtifactsReady', 'insightsJobFinished'] } }),
	domainLocator({ show: { ...STATUS, watch: ['subscriptions'] } }),
	subscriptionLocator({ show: SESSIONS }),
	{
		displayName: 'Output S3 URI',
		name: 'outputS3Uri',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://scribe-output/sessions/{yyyy}/{mm}/{dd}/',
		description:
			'The output S3 URI the sessions were started with. With {yyyy}/{mm}/{dd} (the UTC start date) each poll lists only recent days; without them every poll lists everything under the URI.',
		displayOptions: { show: SESSIONS },
	},
	undatedLocationNotice('outputS3Uri', TRIGGER_NOTICE, SESSIONS),
	{
		displayName: 'Artifact',
		name: 'artifact',
		type: 'options',
		options: [
			{ name: 'Clinical Note', value: 'clinicalNote' },
			{ name: 'Transcript', value: 'transcript' },
			{ name: 'After-Visit Summary', value: 'afterVisitSummary' },
		],
		default: 'clinicalNote',
		description: 'Which artifact’s arrival starts the workflow (once per session)',
		displayOptions: { show: SESSIONS },
	},
	...noteProperties(SESSIONS),
	{
		displayName: 'S3 Output Path',
		name: 's3OutputPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 's3://insights-bucket/pre-visit/{yyyy}/{mm}/{dd}/',
		description:
			'The S3 output path the jobs were started with (the same text as in the Start operation, date tokens included)',
		displayOptions: { show: JOBS },
	},
	undatedLocationNotice('s3OutputPath', TRIGGER_NOTICE, JOBS),
	{
		displayName: 'Include Job Details',
		name: 'includeJobDetails',
		type: 'boolean',
		default: true,
		description:
			'Whether to add each job’s full details (status, times, where its input and output are), with one more request per job',
		displayOptions: { show: JOBS },
	},
	{
		displayName: 'Download Insights',
		name: 'downloadInsights',
		type: 'boolean',
		default: false,
		description: 'Whether to download the insights document and return it under "insights"',
		displayOptions: { show: JOBS },
	},
	lookBack({ event: ['sessionArtifactsReady', 'insightsJobFinished'] }),
	replayOptions({ event: ['sessionArtifactsReady', 'insightsJobFinished'] }),
	// Domains carry no time of their status changes, so only subscription changes can be replayed.
	replayOptions({ ...STATUS, watch: ['subscriptions'] }),
];

export class AmazonConnectHealthTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Amazon Connect Health Trigger',
		name: 'amazonConnectHealthTrigger',
		icon: { light: 'file:connectHealth.svg', dark: 'file:connectHealth.dark.svg' },
		group: ['trigger'],
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node creator shows this for the merged "Amazon Connect Health" entry (actions and trigger).
		description:
			'Medical scribe notes and patient insights with Amazon Connect Health: run listening sessions and insights jobs, and start workflows when a note or insights are ready',
		defaults: { name: 'Amazon Connect Health Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'awsClinicalApi', required: true, testedBy: 'awsClinicalApiTest' }],
		properties,
	};

	methods = {
		credentialTest: { awsClinicalApiTest: testAwsCredential },
		listSearch: { searchDomains, searchSubscriptions },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = pollParams(this).options('event', 'Event', EVENTS);
		const items =
			event === 'sessionArtifactsReady'
				? await pollSessionArtifacts(this)
				: event === 'insightsJobFinished'
					? await pollInsightsJobs(this)
					: await pollStatusChanges(this);
		return items.length ? [this.helpers.returnJsonArray(items)] : null;
	}
}
