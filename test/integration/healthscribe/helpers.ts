import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';
import { awsCredentials, pollTrigger } from '../../harness';
import {
	MEDIA_BUCKET,
	OUTPUT_BUCKET,
	startSandbox,
	type Sandbox,
	type SandboxOptions,
} from '../../../sandbox';
import { EXAMPLE_RECORDINGS, renderExample } from '../../../sandbox/audio/examples';

export const NODE = 'awsHealthScribe';
export const TRIGGER = 'awsHealthScribeTrigger';
export { MEDIA_BUCKET, OUTPUT_BUCKET };

export async function healthScribeSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	// Seeding creates jobs faster than a real account could: lift the emulator's concurrency quota.
	return await startSandbox({
		ports: 0,
		clockSpeed: 20,
		...options,
		transcribe: { maxConcurrentJobs: 100_000, ...options.transcribe },
	});
}

export const credentialsFor = (sandbox: Sandbox) => ({ awsClinicalApi: awsCredentials(sandbox) });

export const roleArn = (sandbox: Sandbox) =>
	`arn:aws:iam::${sandbox.credentials.aws.accountId}:role/HealthScribeAccess`;

/** Start parameters every test shares; tests override what they exercise. */
export function startParameters(sandbox: Sandbox, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'medicalScribeJob',
		operation: 'start',
		jobNameMode: 'derive',
		jobNamePrefix: 'clinic-visit',
		identifyingFields: 'appointmentId',
		mediaSource: 'binary',
		binaryPropertyName: 'data',
		uploadBucket: MEDIA_BUCKET,
		uploadKeyPrefix: 'healthscribe/input',
		outputBucketName: OUTPUT_BUCKET,
		dataAccessRoleArn: roleArn(sandbox),
		speakerMode: 'speakerLabels',
		maxSpeakers: 2,
		noteTemplate: 'HISTORY_AND_PHYSICAL',
		...extra,
	};
}

/** An input item carrying one of the synthetic example recordings as binary `data`. */
export function recordingItem(
	index: number,
	json: INodeExecutionData['json'] = {},
): INodeExecutionData {
	const recording = EXAMPLE_RECORDINGS[index % EXAMPLE_RECORDINGS.length];
	const body = renderExample(recording);
	// A distinct recording per index: the tail of the PCM data differs (still valid WAV).
	if (index >= EXAMPLE_RECORDINGS.length) body.writeUInt16LE(index & 0xffff, body.length - 2);
	return {
		json: { appointmentId: `APPT-${1000 + index}`, ...json },
		binary: {
			data: { data: body.toString('base64'), mimeType: 'audio/wav', fileName: recording.fileName },
		},
	};
}

/** Sends a request to the Transcribe emulator in-process (no HTTP, not logged): seeding only. */
export async function seedJob(sandbox: Sandbox, name: string, mediaKey: string): Promise<void> {
	const body = {
		MedicalScribeJobName: name,
		Media: { MediaFileUri: `s3://${MEDIA_BUCKET}/${mediaKey}` },
		OutputBucketName: OUTPUT_BUCKET,
		DataAccessRoleArn: roleArn(sandbox),
		Settings: { ShowSpeakerLabels: true, MaxSpeakerLabels: 2 },
	};
	const response = await sandbox.transcribe.handle({
		method: 'POST',
		rawPath: '/',
		path: '/',
		query: new URLSearchParams(),
		headers: {
			'x-amz-target': 'Transcribe.StartMedicalScribeJob',
			'content-type': 'application/x-amz-json-1.1',
		},
		body: Buffer.from(JSON.stringify(body)),
	});
	if (response.status !== 200) throw new Error(`seeding ${name} failed with ${response.status}`);
}

/** Polls like the scheduler does and reports the items and the ListMedicalScribeJobs calls it made. */
export async function pollJobs(
	sandbox: Sandbox,
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
) {
	const since = sandbox.log.entries().at(-1)?.seq ?? 0;
	const result = await pollTrigger(TRIGGER, parameters, {
		credentials: credentialsFor(sandbox),
		staticData,
		mode,
	});
	const items: INodeExecutionData[] = result?.[0] ?? [];
	const lists = sandbox.log.entries({ since, target: 'ListMedicalScribeJobs' });
	return {
		result,
		items,
		names: items.map((i) => `${i.json.MedicalScribeJobName}|${i.json.event}`),
		lists,
		listBodies: lists.map((e) => e.body as IDataObject),
	};
}
