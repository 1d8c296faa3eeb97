import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import { waitForCompletion, type WaitSettings } from '../../../common/waitFor';
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
	description:
		'Whether to download the insights document of a succeeded job from S3 and return it under "insights"',
};

/** The job as an output item, with its insights document when asked for and the job has succeeded. */
export async function jobItem(
	context: IExecuteFunctions,
	job: PatientInsightsJob,
	domainId: string,
	download: boolean,
	i: number,
): Promise<object> {
	if (download && job.jobStatus === 'SUCCEEDED' && job.insightsOutput?.uri)
		return {
			domainId,
			...job,
			insights: await downloadInsights(context, job.insightsOutput.uri, i),
		};
	return { domainId, ...job };
}

/**
 * Polls GetPatientInsightsJob until SUCCEEDED or FAILED or Max Wait has passed. A FAILED job is an
 * error with the service's (redacted) status details.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	client: ConnectHealthClient,
	key: { domainId: string; jobId: string },
	settings: WaitSettings,
	secrets: unknown[],
	i: number,
): Promise<{ job: PatientInsightsJob; timedOut: boolean }> {
	const { value: job, timedOut } = await waitForCompletion(context, i, settings, {
		read: async () => await getPatientInsightsJob(client, key, { itemIndex: i, secrets }),
		done: (j) => TERMINAL_JOB_STATUSES.includes(j.jobStatus),
		failure: (j) =>
			j.jobStatus === 'FAILED'
				? {
						message: 'The patient insights job failed',
						description: j.statusDetails
							? `Connect Health says: ${redact(j.statusDetails, secrets)}`
							: 'Connect Health gave no details.',
					}
				: undefined,
		timeout: (j) => ({
			message: `The patient insights job is still ${j.jobStatus} after the maximum wait`,
			description:
				'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or pick the result up later with a Get or the Amazon Connect Health Trigger.',
		}),
	});
	return { job, timedOut };
}
