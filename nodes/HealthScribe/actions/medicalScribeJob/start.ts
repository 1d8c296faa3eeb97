import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { params } from '../../../common/params';
import { readWaitSettings } from '../../../common/waitFor';
import { TERMINAL_STATUSES, type JobStatus } from '../../model';
import { jobOutputItem, readOutputSettings } from '../../outputs/include';
import { jobJson } from '../../outputs/job';
import { jobSlots, notStartedJson } from './jobSlots';
import { uploadMedia } from './media';
import { readStartParams } from './startParams';
import { startInSlot } from './startOrFind';
import { WAIT } from './startProperties';
import { waitForJob } from './wait';

export { description, option } from './startProperties';

/**
 * Start: read and check every parameter (startParams.ts), upload a binary recording (media.ts),
 * start the job in a job slot or find the same job a re-run started (startOrFind.ts), then
 * optionally wait for it and return its note (wait.ts, outputs/).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const { params: request, upload } = await readStartParams(this, i);
	const wait = readWaitSettings(this, i, WAIT);
	const settings = wait ? readOutputSettings(params(this, i)) : undefined;
	if (upload) await uploadMedia(this, upload, i);
	const slots = jobSlots(this);
	const job = await startInSlot(this, slots, request, i);
	if (!job) return [{ json: notStartedJson(request.jobName) }];
	if (!wait || !settings) return [{ json: jobJson(job) }];
	const finished = await waitForJob(this, request.jobName, wait, i);
	if (TERMINAL_STATUSES.includes(finished.MedicalScribeJobStatus as JobStatus))
		slots.finished(request.jobName);
	return [await jobOutputItem(this, finished, settings, i)];
}
