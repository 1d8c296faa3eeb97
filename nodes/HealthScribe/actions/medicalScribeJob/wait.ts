import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import { TERMINAL_STATUSES, type JobStatus } from '../../model';
import { callAws, getJob } from '../../transport/transcribe';

const FIRST_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

export type OnTimeout = 'error' | 'returnJob';

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
	const deadline = Date.now() + maxWaitMs;
	let delay = FIRST_DELAY_MS;
	for (;;) {
		const { MedicalScribeJob: job } = await callAws(context, 'GetMedicalScribeJob', async () => await getJob(context, jobName), itemIndex);
		const status = job?.MedicalScribeJobStatus as JobStatus | undefined;
		if (job && status && TERMINAL_STATUSES.includes(status)) {
			if (status === 'FAILED')
				throw new NodeOperationError(context.getNode(), 'The HealthScribe job failed', {
					itemIndex,
					description: job.FailureReason ? `AWS says: ${redact(job.FailureReason)}` : 'AWS gave no failure reason.',
				});
			return job;
		}
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			if (onTimeout === 'returnJob' && job) return job;
			throw new NodeOperationError(context.getNode(), `The HealthScribe job is still ${status ?? 'running'} after the maximum wait`, {
				itemIndex,
				description:
					'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Job As It Stands", or pick the note up later with the AWS HealthScribe Trigger or a Get.',
			});
		}
		await sleep(Math.min(delay, remaining));
		delay = Math.min(delay * 2, MAX_DELAY_MS);
	}
}
