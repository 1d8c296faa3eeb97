import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import { waitFor, type OnTimeout } from '../../../common/waitFor';
import { TERMINAL_STATUSES, type JobStatus } from '../../model';
import { callAws } from '../../../common/aws/calls';
import { getJob } from '../../transport/transcribe';

const isTerminal = (job: MedicalScribeJob | undefined) => TERMINAL_STATUSES.includes(job?.MedicalScribeJobStatus as JobStatus);

/**
 * Polls GetMedicalScribeJob right away, then with doubling delays (1 s … 30 s) until the job is
 * COMPLETED or FAILED or `maxWaitMs` has passed. A FAILED job is an error carrying the (redacted)
 * failure reason; on timeout the job is returned as it stands or an error is raised.
 */
export async function waitForJob(
	context: IExecuteFunctions,
	jobName: string,
	maxWaitMs: number,
	onTimeout: OnTimeout,
	itemIndex: number,
): Promise<MedicalScribeJob> {
	const read = async () => (await callAws(context, 'GetMedicalScribeJob', async () => await getJob(context, jobName), itemIndex)).MedicalScribeJob;
	const { value: job, timedOut } = await waitFor(read, isTerminal, { maxWaitMs });
	if (timedOut) {
		if (onTimeout === 'returnJob' && job) return job;
		throw new NodeOperationError(context.getNode(), `The HealthScribe job is still ${job?.MedicalScribeJobStatus ?? 'running'} after the maximum wait`, {
			itemIndex,
			description:
				'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or pick the note up later with the AWS HealthScribe Trigger or a Get.',
		});
	}
	if (job?.MedicalScribeJobStatus === 'FAILED')
		throw new NodeOperationError(context.getNode(), 'The HealthScribe job failed', {
			itemIndex,
			description: job.FailureReason ? `AWS says: ${redact(job.FailureReason)}` : 'AWS gave no failure reason.',
		});
	return job!;
}
