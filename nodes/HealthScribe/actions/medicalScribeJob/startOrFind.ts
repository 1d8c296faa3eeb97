import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { awsApiError, callAws } from '../../../common/aws/calls';
import { raise } from '../../../common/errors';
import type { JobSlots } from '../../../common/jobSlots';
import { getJob, isAwsError, startJob } from '../../transport/transcribe';
import { inJobSlot } from './jobSlots';
import { buildStartRequest, type StartParams } from './startRequest';

/**
 * Starts the job; when the name is taken, reads that job and returns it if it transcribes the same
 * media (a re-run), otherwise fails with a clear message. A LimitExceededException is passed on
 * as it came, for the job slots to read.
 */
async function startOrFindJob(
	context: IExecuteFunctions,
	params: StartParams,
	i: number,
): Promise<MedicalScribeJob> {
	try {
		const { MedicalScribeJob: job } = await startJob(context, buildStartRequest(params));
		return job ?? { MedicalScribeJobName: params.jobName };
	} catch (error) {
		if (isAwsError(error, 'LimitExceededException')) raise(error);
		if (!isAwsError(error, 'ConflictException'))
			throw await awsApiError(context, 'StartMedicalScribeJob', error, i);
	}
	const { MedicalScribeJob: existing } = await callAws(
		context,
		'GetMedicalScribeJob',
		async () => await getJob(context, params.jobName),
		i,
	);
	if (existing?.Media?.MediaFileUri !== params.mediaFileUri)
		throw new NodeOperationError(
			context.getNode(),
			'A HealthScribe job with this name already exists for a different recording',
			{
				itemIndex: i,
				description:
					'Job names are unique per AWS account. Enter another Job Name, or derive it from fields that identify this encounter.',
			},
		);
	return existing;
}

/** Starts (or finds) the job in one of the batch's job slots; undefined when no slot freed up in time. */
export async function startInSlot(
	context: IExecuteFunctions,
	slots: JobSlots,
	request: StartParams,
	i: number,
): Promise<MedicalScribeJob | undefined> {
	try {
		return await inJobSlot(
			slots,
			request.jobName,
			async () => await startOrFindJob(context, request, i),
		);
	} catch (error) {
		// A rate limit or quota error that is not a slot matter (e.g. an input over a limit): named like any AWS error.
		if (isAwsError(error, 'LimitExceededException'))
			throw await awsApiError(context, 'StartMedicalScribeJob', error, i);
		raise(error);
	}
}
