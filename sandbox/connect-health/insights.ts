import type { SandboxRequest, SandboxResponse } from '../core/types';
import { ENCOUNTERS, pickEncounter, type SyntheticEncounter } from '../data/encounters';
import { liveDomain, requireActiveDomain } from './domains';
import { jobArn, newJobId } from './ids';
import { buildInsightsDocument, type InsightsSource } from './insights-output';
import { GET_JOB_INPUT, START_JOB_INPUT } from './shapes';
import { canonicalJson, type Env, type JobRecord } from './state';
import { replaceTags } from './tags';
import { validateInput, validationError } from './validate';
import {
	conflict,
	formatS3Uri,
	isoTime,
	json,
	jsonBody,
	notFound,
	parseS3Uri,
	s3Join,
} from './wire';

/**
 * Patient insights jobs: SUBMITTED → IN_PROGRESS → SUCCEEDED | FAILED on the sandbox clock.
 * On success the insights document is written to
 *   <s3OutputPath>/patient-insights/<domainId>/<jobId>/insights.json
 * (layout not documented by AWS; GetPatientInsightsJob's insightsOutput.uri is authoritative).
 * A job FAILS when an S3 input is missing or the output bucket does not exist.
 */

const REQUEST_MEMBERS = [
	'patientContext',
	'insightsContext',
	'encounterContext',
	'userContext',
	'inputDataConfig',
	'outputDataConfig',
] as const;

interface JobRequest {
	patientContext: { patientId: string; dateOfBirth?: string; pronouns?: string };
	insightsContext: { insightsType: string };
	encounterContext: { encounterReason: string };
	userContext: { role: string; userId: string; specialty?: string };
	inputDataConfig: {
		fhirServer?: { fhirEndpoint: string; oauthToken?: string };
		s3Sources?: Array<{ uri: string }>;
	};
	outputDataConfig: { s3OutputPath: string };
}

export interface InsertJobFields {
	domainId: string;
	request: Record<string, unknown>;
	jobId?: string;
	createdAt?: number;
}

/** Creates a SUBMITTED job (shared by StartPatientInsightsJob and the admin seeding). */
export function insertJob(env: Env, fields: InsertJobFields): JobRecord {
	const jobId = fields.jobId ?? newJobId();
	if (env.state.jobs.has(jobId)) throw new Error(`patient insights job ${jobId} already exists`);
	const createdAt = fields.createdAt ?? env.ctx.clock.now();
	const startsAt = createdAt + env.timings.jobQueuedMs;
	const job: JobRecord = {
		domainId: fields.domainId,
		jobId,
		jobArn: jobArn(env.ctx, fields.domainId, jobId),
		status: 'SUBMITTED',
		createdAt,
		updatedAt: createdAt,
		startsAt,
		endsAt: startsAt + env.timings.jobRunMs,
		request: fields.request,
		requestKey: canonicalJson(fields.request),
	};
	env.state.jobs.set(jobId, job);
	env.state.pending.jobs.add(jobId);
	replaceTags(env, job.jobArn, {});
	return job;
}

const startOutput = (job: JobRecord): object => ({
	jobArn: job.jobArn,
	jobId: job.jobId,
	creationTime: isoTime(job.createdAt),
});

export function startPatientInsightsJob(
	env: Env,
	req: SandboxRequest,
	labels: Record<string, string>,
): SandboxResponse {
	const input: Record<string, unknown> = { ...jsonBody(req), domainId: labels.domainId };
	validateInput(START_JOB_INPUT, input);
	const data = (input as unknown as JobRequest).inputDataConfig;
	if (!data.fhirServer && !(data.s3Sources && data.s3Sources.length > 0)) {
		throw validationError(
			'inputDataConfig must specify a fhirServer or at least one entry in s3Sources.',
		);
	}
	requireActiveDomain(env, labels.domainId);
	const request = Object.fromEntries(REQUEST_MEMBERS.map((name) => [name, input[name]]));
	const clientToken = input.clientToken as string | undefined;
	if (clientToken !== undefined) {
		const tokenKey = `${labels.domainId}\n${clientToken}`;
		const earlier = env.state.clientTokens.get(tokenKey);
		if (earlier !== undefined) {
			const job = env.state.jobs.get(earlier)!;
			if (job.requestKey !== canonicalJson(request)) {
				throw conflict(
					'The clientToken was already used for a StartPatientInsightsJob request with different parameters.',
				);
			}
			return json(200, startOutput(job));
		}
		const job = insertJob(env, { domainId: labels.domainId, request });
		env.state.clientTokens.set(tokenKey, job.jobId);
		return json(200, startOutput(job));
	}
	return json(200, startOutput(insertJob(env, { domainId: labels.domainId, request })));
}

export function getPatientInsightsJob(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(GET_JOB_INPUT, labels);
	liveDomain(env, labels.domainId);
	const job = env.state.jobs.get(labels.jobId);
	if (!job || job.domainId !== labels.domainId)
		throw notFound(
			`Patient insights job ${labels.jobId} was not found in domain ${labels.domainId}.`,
		);
	const request = job.request as unknown as JobRequest;
	// The FHIR OAuth token is a secret: accepted on input, never echoed back.
	const { fhirServer, ...otherData } = request.inputDataConfig;
	const inputDataConfig = fhirServer
		? { ...otherData, fhirServer: { fhirEndpoint: fhirServer.fhirEndpoint } }
		: otherData;
	return json(200, {
		jobId: job.jobId,
		jobArn: job.jobArn,
		jobStatus: job.status,
		creationTime: isoTime(job.createdAt),
		updatedTime: isoTime(job.updatedAt),
		...(job.outputUri ? { insightsOutput: { uri: job.outputUri } } : {}),
		...(job.statusDetails ? { statusDetails: job.statusDetails } : {}),
		patientContext: request.patientContext,
		insightsContext: request.insightsContext,
		encounterContext: request.encounterContext,
		userContext: request.userContext,
		inputDataConfig,
		outputDataConfig: request.outputDataConfig,
	});
}

/** Moves due jobs along; the transition times are the scheduled ones, not the time of observation. */
export function advanceJobs(env: Env, now: number): void {
	for (const jobId of env.state.pending.jobs) {
		const job = env.state.jobs.get(jobId)!;
		if (job.status === 'SUBMITTED' && job.startsAt <= now) {
			job.status = 'IN_PROGRESS';
			job.updatedAt = job.startsAt;
		}
		if (job.status === 'IN_PROGRESS' && job.endsAt <= now) {
			finishJob(env, job);
			env.state.pending.jobs.delete(jobId);
		}
	}
}

function finishJob(env: Env, job: JobRecord): void {
	const request = job.request as unknown as JobRequest;
	job.updatedAt = job.endsAt;
	const read = readInputs(env, request);
	if (typeof read === 'string') return failJob(job, read);
	const output = parseS3Uri(request.outputDataConfig.s3OutputPath);
	if (!env.ctx.store.hasBucket(output.bucket))
		return failJob(
			job,
			`Unable to write the insights output: bucket ${output.bucket} does not exist.`,
		);
	const target = s3Join(output, 'patient-insights', job.domainId, job.jobId, 'insights.json');
	const document = buildInsightsDocument({
		jobId: job.jobId,
		domainId: job.domainId,
		generatedAt: isoTime(job.endsAt),
		insightsType: request.insightsContext.insightsType,
		encounterReason: request.encounterContext.encounterReason,
		specialty: request.userContext.specialty,
		sources: read.sources,
		encounter: read.encounter,
	});
	env.ctx.store.put(
		target.bucket,
		target.key,
		JSON.stringify(document, null, 2),
		'application/json',
	);
	job.status = 'SUCCEEDED';
	job.outputUri = formatS3Uri(target);
}

function failJob(job: JobRecord, reason: string): void {
	job.status = 'FAILED';
	job.statusDetails = reason;
}

/**
 * Reads every S3 input (an object, or a prefix ending in `/` with at least one object under it).
 * The record that mentions a synthetic encounter's id decides the encounter; otherwise the
 * patient id picks one deterministically. Returns the failure reason when an input is unusable.
 */
function readInputs(
	env: Env,
	request: JobRequest,
): { sources: InsightsSource[]; encounter: SyntheticEncounter } | string {
	const sources: InsightsSource[] = [];
	const texts: string[] = [];
	for (const { uri } of request.inputDataConfig.s3Sources ?? []) {
		const loc = parseS3Uri(uri);
		if (!env.ctx.store.hasBucket(loc.bucket))
			return `Unable to read input data from ${uri}: bucket ${loc.bucket} does not exist.`;
		const objects =
			loc.key === '' || loc.key.endsWith('/')
				? env.ctx.store.list(loc.bucket, loc.key).map((o) => o.object)
				: [env.ctx.store.get(loc.bucket, loc.key)];
		const found = objects.filter((o) => o !== undefined);
		if (found.length === 0) return `Unable to read input data from ${uri}: no such object.`;
		if (found.every((o) => o.body.length === 0))
			return `Unable to read input data from ${uri}: the object is empty.`;
		for (const o of found) texts.push(o.body.toString('utf8'));
		sources.push({ source: uri, type: 'S3' });
	}
	if (request.inputDataConfig.fhirServer)
		sources.push({ source: request.inputDataConfig.fhirServer.fhirEndpoint, type: 'FHIR' });
	const named = ENCOUNTERS.find((encounter) => texts.some((text) => text.includes(encounter.id)));
	return { sources, encounter: named ?? pickEncounter(request.patientContext.patientId) };
}
