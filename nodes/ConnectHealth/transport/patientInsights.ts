import { randomUUID } from 'node:crypto';
import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type {
	PatientInsightsJob,
	PatientInsightsJobInput,
	StartedPatientInsightsJob,
} from './model';
import { readPatientInsightsJob, readStartedJob } from './shapes';

/**
 * StartPatientInsightsJob: POST /domain/{domainId}/patient-insights-job on the `runtime.` host.
 * The clientToken is fixed here, before the retry loop, so every retry carries the same one.
 */
export async function startPatientInsightsJob(
	client: ConnectHealthClient,
	input: PatientInsightsJobInput,
	options?: CallOptions,
): Promise<StartedPatientInsightsJob & { clientToken: string }> {
	const clientToken = input.clientToken ?? randomUUID();
	const body = {
		patientContext: input.patientContext,
		insightsContext: input.insightsContext,
		encounterContext: input.encounterContext,
		userContext: input.userContext,
		inputDataConfig: input.inputDataConfig,
		outputDataConfig: input.outputDataConfig,
		clientToken,
	};
	const output = await client.call(
		{
			operation: 'StartPatientInsightsJob',
			method: 'POST',
			path: restPath`/domain/${input.domainId}/patient-insights-job`,
			body,
			hostPrefix: 'runtime.',
			idempotent: true,
		},
		options,
	);
	return { ...readStartedJob(output), clientToken };
}

/** GetPatientInsightsJob: GET /domain/{domainId}/patient-insights-job/{jobId} on `runtime.`; the echoed OAuth token is not read (shapes.ts). */
export async function getPatientInsightsJob(
	client: ConnectHealthClient,
	input: { domainId: string; jobId: string },
	options?: CallOptions,
): Promise<PatientInsightsJob> {
	const output = await client.call(
		{
			operation: 'GetPatientInsightsJob',
			method: 'GET',
			path: restPath`/domain/${input.domainId}/patient-insights-job/${input.jobId}`,
			hostPrefix: 'runtime.',
			idempotent: true,
		},
		options,
	);
	return readPatientInsightsJob(output);
}
