import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import { waitFor, type OnTimeout } from '../../../common/waitFor';
import type { ConnectHealthClient } from '../../transport/client';
import type { PatientInsightsJob } from '../../transport/model';
import { getPatientInsightsJob } from '../../transport/patientInsights';
import { downloadInsights } from '../../outputs/insights';

export const TERMINAL_JOB_STATUSES = ['SUCCEEDED', 'FAILED'];

export const downloadOutputOption: INodeProperties = {
	displayName: 'Download Insights',
	name: 'downloadInsights',
	type: 'boolean',
	default: false,
	description: 'Whether to download the insights document of a succeeded job from S3 and return it under "insights"',
};

/** The job as an output item, with its insights document when asked for and the job has succeeded. */
export async function jobItem(context: IExecuteFunctions, job: PatientInsightsJob, domainId: string, download: boolean, i: number): Promise<IDataObject> {
	const item: IDataObject = { domainId, ...(job as unknown as IDataObject) };
	if (download && job.jobStatus === 'SUCCEEDED' && job.insightsOutput?.uri) item.insights = await downloadInsights(context, job.insightsOutput.uri, i);
	return item;
}


/**
 * Polls GetPatientInsightsJob at once, then with doubling delays, until SUCCEEDED or FAILED or the cap.
 * A FAILED job is an error with the service's (redacted) status details.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	client: ConnectHealthClient,
	key: { domainId: string; jobId: string },
	options: { maxWaitMs: number; onTimeout: OnTimeout; secrets: unknown[] },
	i: number,
): Promise<{ job: PatientInsightsJob; timedOut: boolean }> {
	const { value: job, timedOut } = await waitFor(
		async () => await getPatientInsightsJob(client, key, { itemIndex: i, secrets: options.secrets }),
		(j) => TERMINAL_JOB_STATUSES.includes(j.jobStatus),
		{ maxWaitMs: options.maxWaitMs },
	);
	if (job.jobStatus === 'FAILED')
		throw new NodeOperationError(context.getNode(), 'The patient insights job failed', {
			itemIndex: i,
			description: job.statusDetails ? `Connect Health says: ${redact(job.statusDetails, options.secrets)}` : 'Connect Health gave no details.',
		});
	if (timedOut && options.onTimeout === 'error')
		throw new NodeOperationError(context.getNode(), `The patient insights job is still ${job.jobStatus} after the maximum wait`, {
			itemIndex: i,
			description: 'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or pick the result up later with a Get or the Amazon Connect Health Trigger.',
		});
	return { job, timedOut };
}
