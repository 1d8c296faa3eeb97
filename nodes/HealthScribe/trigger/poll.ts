import type { MedicalScribeJobSummary } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { mapWithConcurrency } from '../../common/concurrency';
import { PollCursor, type CursorEvent } from '../../common/pollCursor';
import { redact } from '../../common/redact';
import { isRetryable } from '../../common/retry';
import { LIST_PAGE_MAX, RUNNING_STATUSES, type JobStatus } from '../model';
import { jobOutputItem, type OutputSettings } from '../outputs/include';
import { jobJson } from '../outputs/job';
import { awsApiError, callAws, getJob, listJobPages, listJobsPage } from '../transport/transcribe';
import { readTriggerConfig, type TriggerConfig } from './config';
import { createdAt, scanNewestFirst } from './scan';
import { boundRunning, oldestRunning, readWatchState, writeWatchState, type WatchState } from './state';

/**
 * How late a job may show up in a listing (list consistency between the service's writes and its list
 * index). Jobs created up to this long before the newest one seen, and completions this close to the
 * newest completion, are looked at again on the next poll; the cursor makes sure they are emitted once.
 * All times compared are the service's own, so the n8n host's clock plays no part.
 */
export const LOOKBACK_MS = 10_000;

/** Gets for emitted jobs run this many at a time. */
const GET_CONCURRENCY = 5;

interface JobEvent extends CursorEvent {
	summary: MedicalScribeJobSummary;
}

const NO_OUTPUTS: OutputSettings = { include: 'none', refs: {}, rawAsBinary: false, transcriptProperty: 'transcript', clinicalDocumentProperty: 'clinicalDocument' };

const listInput = (config: TriggerConfig, status?: JobStatus) => ({
	...(status ? { Status: status } : {}),
	...(config.jobNameContains ? { JobNameContains: config.jobNameContains } : {}),
});

async function listed<T>(context: IPollFunctions, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		throw await awsApiError(context, 'ListMedicalScribeJobs', error);
	}
}

/** Terminal jobs of the watched statuses as cursor events: key `name|status`, time = CompletionTime. */
function terminalEvents(summaries: MedicalScribeJobSummary[], statuses: JobStatus[]): JobEvent[] {
	return summaries.flatMap((summary) => {
		const status = summary.MedicalScribeJobStatus as JobStatus | undefined;
		const completed = summary.CompletionTime?.getTime();
		if (!status || !statuses.includes(status) || completed === undefined || !summary.MedicalScribeJobName) return [];
		return [{ key: `${summary.MedicalScribeJobName}|${status}`, time: completed, summary }];
	});
}

/** Latest server timestamp in the listing: the trigger's idea of "now" without trusting the local clock. */
function newestTimestamp(summaries: MedicalScribeJobSummary[], floor: number): number {
	let newest = floor;
	for (const s of summaries) for (const time of [s.CreationTime, s.StartTime, s.CompletionTime]) if (time) newest = Math.max(newest, time.getTime());
	return newest;
}

/** Transient failures (throttling, 5xx, network) end the poll so the next one retries; others are reported on the item. */
function isTransient(error: unknown): boolean {
	const e = error as { httpCode?: string | null; context?: unknown };
	if (error instanceof NodeOperationError) return false;
	const status = Number(e.httpCode);
	return !Number.isFinite(status) || status === 0 || isRetryable(status);
}

/** One output item per event: the summary, or the full job (and its note) when asked. */
async function eventItem(context: IPollFunctions, summary: MedicalScribeJobSummary, config: TriggerConfig): Promise<INodeExecutionData> {
	const event = summary.MedicalScribeJobStatus === 'COMPLETED' ? 'completed' : 'failed';
	const output = event === 'completed' ? config.output : NO_OUTPUTS;
	if (!config.details && output.include === 'none') return { json: { event, ...jobJson(summary) } };
	try {
		const { MedicalScribeJob: job } = await callAws(context, 'GetMedicalScribeJob', async () => await getJob(context, summary.MedicalScribeJobName!));
		const item = await jobOutputItem(context, job ?? summary, output);
		return { ...item, json: { event, ...item.json } };
	} catch (error) {
		if (isTransient(error)) throw error;
		const e = error as { message?: string; description?: string | null };
		const json: IDataObject = { event, ...jobJson(summary), error: redact(e.message ?? String(error)) };
		// Our own text (fix, request id), built without vendor data.
		if (e.description) json.errorDescription = e.description;
		return { json };
	}
}

/** Manual mode ("Fetch Test Event"): the newest finished job that matches, one list call per watched status. */
async function newestMatchingJob(context: IPollFunctions, config: TriggerConfig): Promise<INodeExecutionData[][]> {
	const candidates = await Promise.all(
		config.statuses.map(async (status) => (await listed(context, async () => await listJobsPage(context, { ...listInput(config, status), MaxResults: 1 }))).MedicalScribeJobSummaries?.[0]),
	);
	const newest = candidates
		.filter((s): s is MedicalScribeJobSummary => !!s)
		.sort((a, b) => (b.CompletionTime?.getTime() ?? 0) - (a.CompletionTime?.getTime() ?? 0))[0];
	if (!newest)
		throw new NodeOperationError(context.getNode(), 'No finished HealthScribe job matches the trigger’s settings yet', {
			description: 'Finish a job (or widen Events and Job Name Contains), then fetch a test event again.',
		});
	return [[await eventItem(context, newest, config)]];
}

/** The jobs running right now, for a first activation (small: bounded by the service's concurrency). */
async function listRunning(context: IPollFunctions, config: TriggerConfig): Promise<MedicalScribeJobSummary[]> {
	const running: MedicalScribeJobSummary[] = [];
	for (const status of RUNNING_STATUSES)
		await listed(context, async () => {
			for await (const page of listJobPages(context, listInput(config, status), LIST_PAGE_MAX)) running.push(...(page.MedicalScribeJobSummaries ?? []));
		});
	return running;
}

/**
 * A poll: list all statuses newest-first, back to the oldest job that could have changed since the last
 * poll — the oldest job that was still running then, or the newest creation seen then (minus the
 * look-back). Every terminal state of a watched status is emitted once (PollCursor). State is committed
 * only after the items are built, so a failed poll is simply retried.
 */
export async function pollJobs(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const config = readTriggerConfig(this);
	if (this.getMode() === 'manual') return await newestMatchingJob(this, config);

	const staticData = this.getWorkflowStaticData('node');
	// The cursor works on a scratch copy; it replaces (never mutates) its entry, so committing is one assignment.
	const scratch: IDataObject = { cursor: staticData.cursor };
	const cursor = new PollCursor(scratch, { scope: config.scope, lookbackMs: LOOKBACK_MS });
	const previous: WatchState | undefined = cursor.started ? readWatchState(staticData, config.scope) : undefined;

	const runningAtStart = previous ? undefined : await listRunning(this, config);
	const oldestRunningJob = previous ? oldestRunning(previous) : Math.min(...(runningAtStart ?? []).map(createdAt));
	const boundFor = previous
		? () => Math.min(Math.max(cursor.horizon, previous.newestCreation - LOOKBACK_MS), oldestRunningJob)
		: (newestCreation: number) => Math.min(newestCreation - LOOKBACK_MS, oldestRunningJob);
	const { summaries } = await listed(this, async () => await scanNewestFirst(listJobPages(this, listInput(config), LIST_PAGE_MAX), boundFor));

	const seen = [...summaries, ...(runningAtStart ?? [])];
	const events = terminalEvents(summaries, config.statuses);
	const fresh = cursor.take(events, newestTimestamp(seen, 0));
	const items = await mapWithConcurrency(fresh.length, GET_CONCURRENCY, async (index) => await eventItem(this, fresh[index].summary, config));

	const running = new Map<string, number>();
	for (const summary of seen)
		if (RUNNING_STATUSES.includes(summary.MedicalScribeJobStatus as JobStatus) && summary.MedicalScribeJobName) running.set(summary.MedicalScribeJobName, createdAt(summary));
	// A job can show up running in the first-activation listing and finished in the scan after it.
	for (const summary of summaries) if (!RUNNING_STATUSES.includes(summary.MedicalScribeJobStatus as JobStatus)) running.delete(summary.MedicalScribeJobName!);
	staticData.cursor = scratch.cursor;
	writeWatchState(staticData, {
		scope: config.scope,
		running: boundRunning([...running]),
		newestCreation: seen.reduce((max, summary) => Math.max(max, createdAt(summary)), previous?.newestCreation ?? 0),
	});
	return items.length ? [items] : null;
}
