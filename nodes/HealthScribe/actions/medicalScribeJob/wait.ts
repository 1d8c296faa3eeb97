import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import type { IExecuteFunctions } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import { waitForCompletion, type WaitSettings } from '../../../common/waitFor';
import { TERMINAL_STATUSES, type JobStatus } from '../../model';
import { callAws } from '../../../common/aws/calls';
import { getJob } from '../../transport/transcribe';

/**
 * Polls GetMedicalScribeJob until the job is COMPLETED or FAILED or Max Wait has passed. A FAILED
 * job is an error carrying the (redacted) failure reason.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	jobName: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<MedicalScribeJob> {
	const { value } = await waitForCompletion(context, itemIndex, settings, {
		read: async () =>
			(
				await callAws(
					context,
					'GetMedicalScribeJob',
					async () => await getJob(context, jobName),
					itemIndex,
				)
			).MedicalScribeJob ?? { MedicalScribeJobName: jobName },
		done: (job) => TERMINAL_STATUSES.includes(job.MedicalScribeJobStatus as JobStatus),
		failure: (job) =>
			job.MedicalScribeJobStatus === 'FAILED'
				? {
						message: 'The HealthScribe job failed',
						description: job.FailureReason
							? `AWS says: ${redact(job.FailureReason)}`
							: 'AWS gave no failure reason.',
					}
				: undefined,
		timeout: (job) => ({
			message: `The HealthScribe job is still ${job.MedicalScribeJobStatus ?? 'running'} after the maximum wait`,
			description:
				'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or pick the note up later with the AWS HealthScribe Trigger or a Get.',
		}),
	});
	return value;
}
