import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { isConcurrentJobLimit } from '../../../common/aws/retryStrategy';
import { JobSlots, NoSlotError } from '../../../common/jobSlots';
import { ParamReader } from '../../../common/params';
import { perExecution } from '../../../common/perExecution';
import { TERMINAL_STATUSES, type JobStatus } from '../../model';
import { getJob, isAwsError } from '../../transport/transcribe';
import { raise } from '../../../common/errors';

/**
 * Default of "Max Running Jobs". AWS publishes no HealthScribe concurrent-job quota; Transcribe's
 * quotas (https://docs.aws.amazon.com/general/latest/gr/transcribe.html) list 250 concurrent batch
 * transcription jobs and 100 for Call Analytics. 50 is the sandbox's default cap and a safe floor: an account with a lower quota is
 * learned from its LimitExceededException, a higher one is used by raising this option.
 */
export const DEFAULT_MAX_RUNNING_JOBS = 50;
export const DEFAULT_MAX_SLOT_WAIT_MINUTES = 30;

/** The batch options of Start (shown with the other Start parameters). */
export function slotProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Max Running Jobs',
			name: 'maxRunningJobs',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10_000 },
			default: DEFAULT_MAX_RUNNING_JOBS,
			description:
				'Most jobs of this batch running at once: set it to the AWS account’s concurrent HealthScribe job quota (Service Quotas). Further items wait until a job finishes; when AWS says the quota is full, items wait instead of failing.',
		},
		{
			displayName: 'Max Time Waiting for a Slot (Minutes)',
			name: 'maxSlotWaitMinutes',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: DEFAULT_MAX_SLOT_WAIT_MINUTES,
			description:
				'How long, from the start of the batch, items may wait for a running job to finish. Items still waiting then come out with status NOT_STARTED; run the batch again later to start them (job names are derived from the items, so nothing starts twice).',
		},
	];
}

/** The job slots of this execution (one set per run, like the AWS session), from the first item's options. */
export const jobSlots: (context: IExecuteFunctions) => JobSlots = perExecution((context) => {
	const p = new ParamReader(context, 0);
	const capacity = p.number('maxRunningJobs', 'Max Running Jobs', {
		min: 1,
		max: 10_000,
		integer: true,
		fallback: DEFAULT_MAX_RUNNING_JOBS,
	});
	const minutes = p.number('maxSlotWaitMinutes', 'Max Time Waiting for a Slot (Minutes)', {
		min: 0,
		max: 7 * 24 * 60,
		fallback: DEFAULT_MAX_SLOT_WAIT_MINUTES,
	});
	return new JobSlots({
		capacity,
		maxWaitMs: minutes * 60_000,
		isFinished: async (name) => await hasFinished(context, name),
	});
});

/** One status read of a job this batch started; a job that is gone no longer holds a slot, a failed read says "not yet". */
async function hasFinished(context: IExecuteFunctions, name: string): Promise<boolean> {
	try {
		const { MedicalScribeJob: job } = await getJob(context, name);
		return TERMINAL_STATUSES.includes(job?.MedicalScribeJobStatus as JobStatus);
	} catch (error) {
		return isAwsError(error, 'NotFoundException');
	}
}

/**
 * Runs `start` in a job slot: waits for a free slot first, and when AWS refuses because the
 * account's concurrent-job quota is full (LimitExceededException naming concurrent jobs, or any
 * LimitExceededException the SDK's back-off could not get past) waits for one of the batch's jobs
 * to finish and tries again. Returns undefined when no slot freed up in time.
 */
export async function inJobSlot<T extends { MedicalScribeJobStatus?: string }>(
	slots: JobSlots,
	name: string,
	start: () => Promise<T>,
): Promise<T | undefined> {
	for (;;) {
		try {
			await slots.acquire();
		} catch (error) {
			if (error instanceof NoSlotError) return undefined;
			raise(error);
		}
		let job: T;
		try {
			job = await start();
		} catch (error) {
			if (!isSlotMatter(error)) {
				slots.release();
				raise(error);
			}
			try {
				await slots.quotaFull();
			} catch (noSlot) {
				if (noSlot instanceof NoSlotError) return undefined;
				raise(noSlot);
			}
			continue;
		}
		if (TERMINAL_STATUSES.includes(job.MedicalScribeJobStatus as JobStatus)) slots.release();
		else slots.started(name);
		return job;
	}
}

/**
 * Whether a refused start waits for a slot: a concurrent-job limit, or a LimitExceededException the
 * SDK's back-off could not get past (AWS may word both limits alike), but not the same exception
 * for an input over a size or duration limit, which no wait cures.
 */
function isSlotMatter(error: unknown): boolean {
	if (isConcurrentJobLimit(error)) return true;
	return (
		isAwsError(error, 'LimitExceededException') &&
		!/too long|too large|duration|size|length/i.test(
			String((error as { message?: unknown }).message ?? ''),
		)
	);
}

/** The output item of a recording whose job could not start within the slot wait. */
export function notStartedJson(jobName: string): IDataObject {
	return {
		MedicalScribeJobName: jobName,
		MedicalScribeJobStatus: 'NOT_STARTED',
		reason:
			'Not started: the concurrent-job limit was reached and no job finished within "Max Time Waiting for a Slot"',
		description:
			'Run the batch again later (jobs already started are found by name, not started twice), raise "Max Time Waiting for a Slot", or ask AWS for a higher HealthScribe concurrent-job quota and raise "Max Running Jobs".',
	};
}
