import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { paginationProperties, readLimit } from '../../../common/pagination';
import { params } from '../../../common/params';
import { JOB_STATUSES, LIST_PAGE_MAX } from '../../model';
import { jobJson } from '../../outputs/job';
import { awsApiError } from '../../../common/aws/calls';
import { listJobPages } from '../../transport/transcribe';
import { checkName } from '../../transport/names';

const STATUS_NAMES: Record<string, string> = {
	QUEUED: 'Queued',
	IN_PROGRESS: 'In Progress',
	FAILED: 'Failed',
	COMPLETED: 'Completed',
};

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List jobs, newest first',
	action: 'Get many medical scribe jobs',
};

export const description: INodeProperties[] = [
	...paginationProperties(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Job Name Contains',
				name: 'jobNameContains',
				type: 'string',
				default: '',
				description: 'Only jobs whose name contains this text (not case-sensitive)',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: JOB_STATUSES.map((status) => ({ name: STATUS_NAMES[status], value: status })),
				default: 'COMPLETED',
			},
		],
	},
];

/** Newest jobs first, one item per job summary, through the SDK paginator. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const limit = readLimit(this, i);
	const p = params(this, i);
	const filters = p.collection('filters', 'Filters');
	// A filter that cannot be read is an error, never dropped (that would list every job).
	const contains = p.text('Job Name Contains', filters.jobNameContains);
	checkName(p, 'Job Name Contains', contains);
	const status = p.choice('Status', filters.status, JOB_STATUSES);
	const input = {
		...(status ? { Status: status } : {}),
		...(contains ? { JobNameContains: contains } : {}),
	};
	const results: IDataObject[] = [];
	try {
		for await (const page of listJobPages(this, input, Math.min(LIST_PAGE_MAX, limit))) {
			for (const summary of page.MedicalScribeJobSummaries ?? []) {
				results.push(jobJson(summary));
				if (results.length >= limit) return jsonItems(results, i);
			}
		}
	} catch (error) {
		throw await awsApiError(this, 'ListMedicalScribeJobs', error, i);
	}
	return jsonItems(results, i);
}
