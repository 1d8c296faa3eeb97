/**
 * Webhook-started workflows for queue mode: a main receives the POST and queues the execution, a
 * worker runs it. `POST /webhook/<path>` with `{ items: [...] }` gives one item per entry to the node
 * under test: a HealthScribe batch (one Start per recording) or a Heidi session read. Used by the
 * queue-mode e2e test and the queue-mode bench.
 */
import type { WorkflowJson } from './examples';
import type { Json } from './runData';

interface NodeUnderTest {
	name: string;
	type: string;
	parameters: Json;
	credentials: Record<string, { id: string; name: string }>;
	/** n8n's node setting "On Error" (`continueRegularOutput`: a failed item comes out with its error). */
	onError?: string;
}

export function webhookWorkflow(
	id: string,
	name: string,
	webhookPath: string,
	node: NodeUnderTest,
): WorkflowJson {
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveManualExecutions: true },
		nodes: [
			// Respond at once: the batch runs on a worker after the POST has been answered.
			{
				id: `${id}-1`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${id}-hook`,
				parameters: {
					httpMethod: 'POST',
					path: webhookPath,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: `${id}-2`,
				name: 'One Item per Entry',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', options: {} },
			},
			{ id: `${id}-3`, typeVersion: 2, position: [440, 0], ...node },
		],
		connections: {
			Webhook: { main: [[{ node: 'One Item per Entry', type: 'main', index: 0 }]] },
			'One Item per Entry': { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

export const BATCH_NODE = 'HealthScribe: Start';

export interface BatchOptions {
	id: string;
	webhookPath: string;
	credential: { id: string; name: string };
	outputBucket: string;
	dataAccessRoleArn: string;
	/** Wait for each job and return its note (EncounterNote), or only start the jobs. */
	wait: boolean;
}

/** Items `{ appointmentId, mediaFileUri }` → one HealthScribe job each, its name derived from both (a re-run or a second run finds the job). */
export function healthScribeBatchWorkflow(options: BatchOptions): WorkflowJson {
	return webhookWorkflow(
		options.id,
		'Queue mode: HealthScribe batch from a webhook',
		options.webhookPath,
		{
			name: BATCH_NODE,
			type: 'n8n-nodes-clinical-scribe.awsHealthScribe',
			credentials: { awsClinicalApi: options.credential },
			parameters: {
				resource: 'medicalScribeJob',
				operation: 'start',
				jobNameMode: 'derive',
				jobNamePrefix: 'queue',
				identifyingFields: 'appointmentId',
				mediaSource: 's3',
				mediaFileUri: '={{ $json.mediaFileUri }}',
				outputBucketName: options.outputBucket,
				dataAccessRoleArn: options.dataAccessRoleArn,
				speakerMode: 'speakerLabels',
				maxSpeakers: 2,
				noteTemplate: 'HISTORY_AND_PHYSICAL',
				waitForCompletion: options.wait,
				...(options.wait
					? { maxWaitMinutes: 30, onTimeout: 'error', noteFormat: 'encounterNote', simple: false }
					: {}),
				additionalFields: {},
				options: {},
			},
		},
	);
}

export const HEIDI_NODE = 'Heidi: Get Session';

/** Items `{ sessionId }` → Heidi Session Get each. */
export function heidiSessionsWorkflow(
	id: string,
	webhookPath: string,
	credential: { id: string; name: string },
): WorkflowJson {
	return webhookWorkflow(id, 'Queue mode: Heidi sessions from a webhook', webhookPath, {
		name: HEIDI_NODE,
		type: 'n8n-nodes-clinical-scribe.heidi',
		credentials: { heidiApi: credential },
		parameters: { resource: 'session', operation: 'get', sessionId: '={{ $json.sessionId }}' },
	});
}

/** POSTs `{ items }` to a production webhook of a running n8n; n8n answers once the execution is queued. */
export async function postItems(
	n8nUrl: string,
	webhookPath: string,
	items: unknown[],
): Promise<void> {
	const response = await fetch(`${n8nUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	if (!response.ok)
		throw new Error(
			`webhook ${webhookPath} answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
		);
}
