import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { jsonItems } from '../../../common/items';
import { params } from '../../../common/params';
import { connectHealthClient } from '../../transport/client';
import { RULES } from '../validation';
import { getPatientInsightsJob } from '../../transport/patientInsights';
import { domainIdFrom, domainLocator } from '../locators';
import { checkJobId } from '../validation';
import { downloadOutputOption, jobItem } from './output';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	action: 'Get a patient insights job',
	description: 'Get a patient insights job, optionally with its insights',
};

export const description: INodeProperties[] = [
	domainLocator(),
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		required: true,
		default: '',
		description: 'The job ID returned by Start, or the job’s ARN',
	},
];

/** Entries of the Options collection besides Concurrency. */
export const options: INodeProperties[] = [downloadOutputOption];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const domainId = domainIdFrom(p.raw('domain'), p);
	let jobId = p.string('jobId', 'Job ID');
	if (jobId.startsWith('arn:')) {
		p.length('Job ID', jobId, RULES.jobArn.min, RULES.jobArn.max);
		p.pattern(
			'Job ID',
			jobId,
			RULES.jobArn.pattern,
			'Use the job ID, or an ARN like arn:aws:health-agent:<region>:<account>:domain/<domain>/patient-insights-job/<job>.',
		);
		const [, arnDomain, id] = /:domain\/([^/]+)\/patient-insights-job\/(.+)$/.exec(jobId)!;
		if (arnDomain !== domainId)
			p.fail('Job ID', 'the ARN belongs to another domain', 'Pick the job’s own domain.');
		jobId = id;
	}
	checkJobId(p, 'Job ID', jobId);
	const download = p.bool(
		'Download Insights',
		p.collection('options', 'Options').downloadInsights,
		false,
	);
	const client = await connectHealthClient(this);
	const job = await getPatientInsightsJob(client, { domainId, jobId }, { itemIndex: i });
	return jsonItems(await jobItem(this, job, domainId, download, i), i);
}
