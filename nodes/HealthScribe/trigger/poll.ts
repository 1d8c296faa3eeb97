import type { MedicalScribeJobSummary } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { PollCursor, type CursorEvent } from '../../common/pollCursor';
import { buildOnce, type RecordBuilder } from '../../common/recordRetry';
import { LIST_PAGE_MAX, RUNNING_STATUSES, type JobStatus } from '../model';
import { jobOutputItem, NO_OUTPUTS } from '../outputs/include';
import { jobJson } from '../outputs/job';
import { awsApiError, callAws } from '../../common/aws/calls';
import { getJob, listJobPages, listJobsPage } from '../transport/transcribe';
import { readTriggerConfig, type TriggerConfig } from './config';
import { createdAt, scanNewestFirst } from './scan';
import { boundRunning, oldestRunning, readWatchState, WATCH_FIELD, type WatchState } from './state';

/**
 * How late a job may show up in a listing (list consistency between the service's writes and its list
 * index). Jobs created up to this long before the newest one seen, and completions this close to the
 * newest completion, are looked at again on the next poll; the cursor makes sure they are emitted once.
 * All times compared are the service's own, so the n8n host's clock plays no part.
 */
export const LOOKBACK_MS = 10_000;

/**
 * A replay lists back to jobs created this long before its time: a job that finished after it may have
 * started before it (HealthScribe's job length is not published; Transcribe's batch jobs take up to hours).
 */
const REPLAY_START_MS = 24 * 3_600_000;

/** Gets for emitted jobs run this many at a time. */
const GET_CONCURRENCY = 5;

interface JobEvent extends CursorEvent {
	summary: MedicalScribeJobSummary;
}

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
		if (
			!status ||
			!statuses.includes(status) ||
			completed === undefined ||
			!summary.MedicalScribeJobName
		)
			return [];
		return [{ key: `${summary.MedicalScribeJobName}|${status}`, time: completed, summary }];
	});
}

/** Latest server timestamp in the listing: the trigger's idea of "now" without trusting the local clock. */
function newestTimestamp(summaries: MedicalScribeJobSummary[], floor: number): number {
	let newest = floor;
	for (const s of summaries)
		for (const time of [s.CreationTime, s.StartTime, s.CompletionTime])
			if (time) newest = Math.max(newest, time.getTime());
	return newest;
}

/** What rebuilds one event's item, also on a later poll: the event and the list summary as plain JSON (no note text). */
interface JobRecord extends IDataObject {
	event: 'completed' | 'failed';
	summary: IDataObject;
}

const jobRecord = (summary: MedicalScribeJobSummary): JobRecord => ({
	event: summary.MedicalScribeJobStatus === 'COMPLETED' ? 'completed' : 'failed',
	summary: jobJson(summary),
});

/**
 * One output item per event: the summary, or the full job (and its note) when asked. A failure
 * throws; common/recordRetry retries it on later polls (transient) or emits it with `error`.
 */
function jobItems(context: IPollFunctions, config: TriggerConfig): RecordBuilder<JobRecord> {
	return {
		identify: ({ event, summary }) => ({ event, ...summary }),
		build: async ({ event, summary }) => {
			const output = event === 'completed' ? config.output : NO_OUTPUTS;
			if (!config.details && output.note.format === 'none') return { json: { event, ...summary } };
			const name = String(summary.MedicalScribeJobName);
			const { MedicalScribeJob: job } = await callAws(
				context,
				'GetMedicalScribeJob',
				async () => await getJob(context, name),
			);
			if (!job)
				throw new NodeOperationError(
					context.getNode(),
					'GetMedicalScribeJob answered without the job',
					{ description: 'Check that the job still exists.' },
				);
			const item = await jobOutputItem(context, job, output);
			return { ...item, json: { event, ...item.json } };
		},
	};
}

/** Manual mode ("Fetch Test Event"): the newest finished job that matches, one list call per watched status. */
async function newestMatchingJob(
	context: IPollFunctions,
	config: TriggerConfig,
): Promise<INodeExecutionData[][]> {
	const candidates = await Promise.all(
		config.statuses.map(
			async (status) =>
				(
					await listed(
						context,
						async () =>
							await listJobsPage(context, { ...listInput(config, status), MaxResults: 1 }),
					)
				).MedicalScribeJobSummaries?.[0],
		),
	);
	const newest = candidates
		.filter((s): s is MedicalScribeJobSummary => !!s)
		.sort((a, b) => (b.CompletionTime?.getTime() ?? 0) - (a.CompletionTime?.getTime() ?? 0))[0];
	if (!newest)
		throw new NodeOperationError(
			context.getNode(),
			'No finished HealthScribe job matches the trigger’s settings yet',
			{
				description:
					'Finish a job (or widen Events and Job Name Contains), then fetch a test event again.',
			},
		);
	return [[await buildOnce(jobRecord(newest), jobItems(context, config))]];
}

/** The jobs running right now, for a first activation (small: bounded by the service's concurrency). */
async function listRunning(
	context: IPollFunctions,
	config: TriggerConfig,
): Promise<MedicalScribeJobSummary[]> {
	const running: MedicalScribeJobSummary[] = [];
	for (const status of RUNNING_STATUSES)
		await listed(context, async () => {
			for await (const page of listJobPages(context, listInput(config, status), LIST_PAGE_MAX))
				running.push(...(page.MedicalScribeJobSummaries ?? []));
		});
	return running;
}

/**
 * A poll: list all statuses newest-first, back to the oldest job that could have changed since the last
 * poll — the oldest job that was still running then, or the newest creation seen then (minus the
 * look-back). Every terminal state of a watched status is emitted once (PollCursor); a job whose item
 * cannot be built now is retried on the next polls without holding the others back (recordRetry).
 * State is committed only after the items are built (PollCursor.commit), so a failed poll is simply retried.
 */
export async function pollJobs(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const config = readTriggerConfig(this);
	if (this.getMode() === 'manual') return await newestMatchingJob(this, config);

	const staticData = this.getWorkflowStaticData('node');
	const { replay } = config;
	const cursor = PollCursor.begin(staticData, {
		scope: config.scope,
		lookbackMs: LOOKBACK_MS,
		replaySince: replay.since,
	});
	const previous: WatchState | undefined = cursor.started
		? readWatchState(staticData, config.scope)
		: undefined;

	const runningAtStart = previous ? undefined : await listRunning(this, config);
	const oldestRunningJob = previous
		? oldestRunning(previous)
		: Math.min(...(runningAtStart ?? []).map(createdAt));
	const replayBound = (replay.since ?? Number.POSITIVE_INFINITY) - REPLAY_START_MS;
	const boundFor = previous
		? () =>
				Math.min(
					Math.max(cursor.horizon, previous.newestCreation - LOOKBACK_MS),
					oldestRunningJob,
					replayBound,
				)
		: (newestCreation: number) =>
				Math.min(newestCreation - LOOKBACK_MS, oldestRunningJob, replayBound);
	const { summaries } = await listed(
		this,
		async () =>
			await scanNewestFirst(listJobPages(this, listInput(config), LIST_PAGE_MAX), boundFor),
	);

	const seen = [...summaries, ...(runningAtStart ?? [])];
	const events = terminalEvents(summaries, config.statuses);
	const fresh = cursor.take(events, newestTimestamp(seen, 0));
	const records = fresh.map((event) => ({ key: event.key, record: jobRecord(event.summary) }));
	const items = await cursor.build(
		this.getNode(),
		records,
		jobItems(this, config),
		GET_CONCURRENCY,
	);

	const running = new Map<string, number>();
	for (const summary of seen)
		if (
			RUNNING_STATUSES.includes(summary.MedicalScribeJobStatus as JobStatus) &&
			summary.MedicalScribeJobName
		)
			running.set(summary.MedicalScribeJobName, createdAt(summary));
	// A job can show up running in the first-activation listing and finished in the scan after it.
	for (const summary of summaries)
		if (!RUNNING_STATUSES.includes(summary.MedicalScribeJobStatus as JobStatus))
			running.delete(summary.MedicalScribeJobName!);
	const watch: WatchState = {
		scope: config.scope,
		running: boundRunning([...running]),
		newestCreation: seen.reduce(
			(max, summary) => Math.max(max, createdAt(summary)),
			previous?.newestCreation ?? 0,
		),
	};
	cursor.commit({ [WATCH_FIELD]: watch as unknown as IDataObject, ...replay.state });
	return items.length ? [items] : null;
}
