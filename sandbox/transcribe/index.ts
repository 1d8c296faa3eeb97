/**
 * Amazon Transcribe medical scribe emulator (awsJson1_1: `POST /`, `X-Amz-Target: Transcribe.<Op>`).
 * Signing, faults and logging are the server's job; this validates, keeps jobs and writes outputs.
 */
import { ServiceError } from '../core/errors';
import type { EmulatorContext, Handler, SandboxRequest, SandboxResponse } from '../core/types';
import { JobBook, type JobTimings, type OutputUriStyle } from './jobs';
import { parseMediaUri } from './media';
import { jobToSummary, jobToWire, type ScribeJob } from './shapes';
import { badRequest, parseBody, readJobName, readListRequest, readStartRequest } from './validate';
import { createResourceOperations, type ResourceOptions } from './resourceOperations';
import type { StreamRoute } from '../core/server';
import {
	createScribeStreamRoute,
	type ScribeStreamFault,
	type StreamingOptions,
} from './streaming';
import { StreamBook, streamToWire } from './streamSessions';

export type { ScribeStreamFault } from './streaming';

export interface TranscribeOptions extends Partial<JobTimings>, ResourceOptions, StreamingOptions {
	/** Jobs QUEUED or IN_PROGRESS at once before Start answers LimitExceededException (default 50). */
	maxConcurrentJobs?: number;
	/** How often the lifecycle advances without requests, in real ms (default 250). */
	tickMs?: number;
	/** Form of MedicalScribeOutput URIs (default https, like Transcribe's output file URIs). */
	outputUriStyle?: OutputUriStyle;
}

export interface TranscribeEmulator {
	handle: Handler;
	/** Applies every transition that is due on the sandbox clock. */
	tick(): void;
	/** Changes the concurrent-job quota from now on (a bench measures with and without it on one sandbox); jobs already running keep running. */
	setMaxConcurrentJobs(limit: number): void;
	/** Jobs as GetMedicalScribeJob would return them. */
	jobs(): Array<Record<string, unknown>>;
	/** Custom and medical vocabularies and vocabulary filters, as Get would return them. */
	vocabularies(): Array<Record<string, unknown>>;
	/** HealthScribe streaming sessions, as GetMedicalScribeStream would return them. */
	streams(): Array<Record<string, unknown>>;
	/** StartMedicalScribeStream over HTTP/2 (bidirectional event stream). */
	streamRoute: StreamRoute;
	/** The next HealthScribe stream fails after some audio: a modelled exception event, or a dropped connection. */
	failNextStream(fault: ScribeStreamFault): void;
	stop(): void;
}

const TARGET_PREFIX = 'Transcribe.';
const JSON_HEADERS = { 'content-type': 'application/x-amz-json-1.1' };
const ok = (body: object): SandboxResponse => ({ status: 200, headers: JSON_HEADERS, body });

const notFound = (): ServiceError =>
	new ServiceError(
		404,
		'NotFoundException',
		"The requested job couldn't be found. Check the job name and try your request again.",
	);

export function createTranscribeEmulator(
	ctx: EmulatorContext,
	options: TranscribeOptions = {},
): TranscribeEmulator {
	// Tagging reaches jobs by name; jobs check their vocabulary and filter when processing starts.
	const resources = createResourceOperations(ctx, options, (name) => book.get(name));
	const book = new JobBook(
		ctx,
		{ queuedMs: options.queuedMs ?? 2000, processingMs: options.processingMs ?? 4000 },
		options.outputUriStyle ?? 'https',
		(request) => resources.jobResourceProblem(request.Settings),
	);
	let maxConcurrent = options.maxConcurrentJobs ?? 50;
	const streams = new StreamBook(ctx, options.streamAnalyticsMs ?? options.processingMs ?? 4000);
	const streaming = createScribeStreamRoute(
		{
			book: streams,
			resourceProblem: (names) => resources.jobResourceProblem(names),
			tick: () => resources.tick(),
		},
		options,
	);

	const start = (body: Record<string, unknown>): SandboxResponse => {
		const request = readStartRequest(body);
		if (book.get(request.MedicalScribeJobName)) {
			throw new ServiceError(
				409,
				'ConflictException',
				'The requested job name already exists. Use a different job name.',
			);
		}
		const media = parseMediaUri(request.Media.MediaFileUri!);
		if (!media)
			throw badRequest(
				'The media file URI is not a valid S3 location. Use s3://<bucket>/<key> or an https S3 object URL.',
			);
		if (media.region !== undefined && media.region !== ctx.region) {
			throw badRequest(`The media file must be in the same AWS Region as the job (${ctx.region}).`);
		}
		if (!ctx.store.hasBucket(request.OutputBucketName)) {
			throw badRequest(
				`The specified output bucket doesn't exist or you don't have access to it. Check the OutputBucketName and try your request again.`,
			);
		}
		if (book.activeCount >= maxConcurrent) {
			throw new ServiceError(
				429,
				'LimitExceededException',
				`You have reached the limit of ${maxConcurrent} concurrent medical scribe jobs. Wait for a job to finish and try your request again.`,
			);
		}
		const job = book.create(request);
		book.tick();
		return ok({ MedicalScribeJob: jobToWire(job) });
	};

	const get = (body: Record<string, unknown>): SandboxResponse => {
		const job = book.get(readJobName(body));
		if (!job) throw notFound();
		return ok({ MedicalScribeJob: jobToWire(job) });
	};

	const list = (body: Record<string, unknown>): SandboxResponse => {
		const request = readListRequest(body);
		const filterKey = `${request.Status ?? ''}|${(request.JobNameContains ?? '').toLowerCase()}`;
		const needle = request.JobNameContains?.toLowerCase();
		const matching = book
			.all()
			.filter(
				(j) =>
					(request.Status === undefined || j.status === request.Status) &&
					(needle === undefined || j.request.MedicalScribeJobName.toLowerCase().includes(needle)),
			)
			.sort(newestFirst);
		let from = 0;
		if (request.NextToken !== undefined) {
			const after = decodeToken(request.NextToken, filterKey);
			from = matching.findIndex((j) => newestFirst(j, after) > 0);
			if (from < 0) from = matching.length;
		}
		const size = request.MaxResults ?? 5;
		const page = matching.slice(from, from + size);
		const last = page[page.length - 1];
		const more = from + size < matching.length;
		return ok({
			...(request.Status !== undefined ? { Status: request.Status } : {}),
			...(more && last ? { NextToken: encodeToken(last, filterKey) } : {}),
			MedicalScribeJobSummaries: page.map(jobToSummary),
		});
	};

	const remove = (body: Record<string, unknown>): SandboxResponse => {
		const name = readJobName(body);
		const job = book.get(name);
		if (!job)
			throw badRequest(
				"The requested job couldn't be found. Check the job name and try your request again.",
			);
		if (job.status !== 'COMPLETED' && job.status !== 'FAILED') {
			throw badRequest(
				'The job is still being processed. You can delete a job only after it has completed or failed.',
			);
		}
		book.delete(name);
		return ok({});
	};

	const operations: Record<string, (body: Record<string, unknown>) => SandboxResponse> = {
		StartMedicalScribeJob: start,
		GetMedicalScribeJob: get,
		ListMedicalScribeJobs: list,
		DeleteMedicalScribeJob: remove,
		...resources.operations,
	};

	/** GetMedicalScribeStream (restJson1): GET /medical-scribe-stream/{SessionId}. */
	const getStream = (sessionId: string): SandboxResponse => {
		if (
			!/^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/.test(
				sessionId,
			)
		)
			throw badRequest(
				`1 validation error detected: Value '${sessionId}' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}`,
			);
		const stream = streams.get(sessionId);
		if (!stream)
			throw new ServiceError(
				404,
				'ResourceNotFoundException',
				"The request references a resource which doesn't exist. Check the session ID and try your request again.",
			);
		return {
			status: 200,
			headers: { 'content-type': 'application/json' },
			body: { MedicalScribeStreamDetails: streamToWire(stream) },
		};
	};

	const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
		const streamPath = /^\/medical-scribe-stream\/([^/]*)$/.exec(req.path);
		if (req.method === 'GET' && streamPath) {
			streams.tick();
			return getStream(streamPath[1]);
		}
		const target = req.headers['x-amz-target'] ?? '';
		const operation = target.startsWith(TARGET_PREFIX)
			? operations[target.slice(TARGET_PREFIX.length)]
			: undefined;
		if (req.method !== 'POST' || !operation) {
			throw new ServiceError(
				400,
				'UnknownOperationException',
				'The requested operation is not recognized by the service.',
				{},
				'message',
			);
		}
		resources.tick();
		book.tick();
		return operation(parseBody(req.body));
	};

	const timer = setInterval(() => {
		resources.tick();
		book.tick();
		streams.tick();
	}, options.tickMs ?? 250);
	timer.unref();

	return {
		handle,
		tick: () => {
			resources.tick();
			book.tick();
			streams.tick();
		},
		setMaxConcurrentJobs: (limit) => {
			if (!Number.isInteger(limit) || limit < 1)
				throw new RangeError('maxConcurrentJobs must be a whole number of at least 1');
			maxConcurrent = limit;
		},
		jobs: () => book.all().map(jobToWire),
		vocabularies: () => resources.vocabularies(),
		streams: () => streams.all().map(streamToWire),
		streamRoute: streaming.route,
		failNextStream: (fault) => streaming.failNextStream(fault),
		stop: () => clearInterval(timer),
	};
}

/** Newest CreationTime first; creation order breaks ties. Negative when `a` sorts before `b`. */
function newestFirst(
	a: Pick<ScribeJob, 'creationTime' | 'seq'>,
	b: Pick<ScribeJob, 'creationTime' | 'seq'>,
): number {
	return b.creationTime - a.creationTime || b.seq - a.seq;
}

/** Opaque token: the position after the last job returned, bound to the filter it was issued for. */
function encodeToken(job: ScribeJob, filterKey: string): string {
	return Buffer.from(JSON.stringify({ c: job.creationTime, s: job.seq, f: filterKey })).toString(
		'base64url',
	);
}

function decodeToken(token: string, filterKey: string): Pick<ScribeJob, 'creationTime' | 'seq'> {
	try {
		const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
			c: unknown;
			s: unknown;
			f: unknown;
		};
		if (typeof parsed.c === 'number' && typeof parsed.s === 'number' && parsed.f === filterKey)
			return { creationTime: parsed.c, seq: parsed.s };
	} catch {
		// fall through to the error below
	}
	throw badRequest(
		'The NextToken is not valid for this request. Use the NextToken from the previous response with the same filters.',
	);
}
