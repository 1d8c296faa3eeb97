import './env';
import './teardown';
import { ExecutionLifecycleHooks, PollContext, WorkflowExecute } from 'n8n-core';
import { createDeferredPromise, createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowExecuteAdditionalData,
	ExecutionError,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { TestCredentialsHelper } from './credentialsHelper';
import { loadPackage, PACKAGE_NAME } from './nodeTypes';

export { PACKAGE_NAME, registerTestNode } from './nodeTypes';
export { afterRequest } from './requests';

export type CredentialMap = Record<string, ICredentialDataDecryptedObject>;

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
	staticData?: IDataObject;
}

export interface RunResult {
	/** Items of the first output of each node's last run. */
	outputs: Record<string, INodeExecutionData[]>;
	/** The execution error, when the workflow failed. */
	error?: ExecutionError;
	run: IRun;
	credentials: TestCredentialsHelper;
}

/** Credential updates made by preAuthentication in the most recent run (token exchanges). */
export let credentialUpdates: TestCredentialsHelper['updates'] = [];

function additionalDataFor(
	credentialsHelper: TestCredentialsHelper,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not supported in the test harness');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('Task runners are not available in the test harness');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * Gives every node of ours a reference to each required credential type it declares, and to each
 * optional one the test supplies (an optional credential not selected on a node is not referenced,
 * as in the n8n editor).
 */
function withCredentialRefs(
	nodes: INode[],
	types: Awaited<ReturnType<typeof loadPackage>>['nodeTypes'],
	supplied: CredentialMap,
): INode[] {
	return nodes.map((node) => {
		if (node.credentials) return node;
		const description = types.getByNameAndVersion(node.type, node.typeVersion).description;
		const selected = (description.credentials ?? []).filter(
			(c) => c.required || c.name in supplied,
		);
		const credentials = Object.fromEntries(
			selected.map((c) => [c.name, { id: c.name, name: c.name }]),
		);
		return Object.keys(credentials).length ? { ...node, credentials } : node;
	});
}

/**
 * Executes a workflow in-process with n8n-core's WorkflowExecute, our node types loaded from dist,
 * and the given credentials. `input` items are fed to the start node.
 */
export async function runWorkflow(
	workflowJson: WorkflowJson,
	options: {
		credentials: CredentialMap;
		input?: INodeExecutionData[];
		mode?: WorkflowExecuteMode;
		startNode?: string;
	},
): Promise<RunResult> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, { ...options.credentials });
	credentialUpdates = credentialsHelper.updates;
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: withCredentialRefs(workflowJson.nodes, nodeTypes, options.credentials),
		connections: workflowJson.connections,
		nodeTypes,
		settings: workflowJson.settings,
		staticData: workflowJson.staticData,
		active: false,
	});
	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {
		id: 'test-workflow',
		name: 'test',
		nodes: [],
		connections: {},
		active: false,
		settings: {},
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = createDeferredPromise<IRun>();
	hooks.addHandler('workflowExecuteAfter', (run) => finished.resolve(run));
	const startNode = options.startNode
		? workflow.getNode(options.startNode)
		: workflow.getStartNode();
	if (!startNode) throw new Error('The workflow has no start node');
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{ node: startNode, data: { main: [options.input ?? [{ json: {} }]] }, source: null },
			],
		},
	});
	const execution = new WorkflowExecute(
		additionalDataFor(credentialsHelper, hooks),
		mode,
		runExecutionData,
	);
	await execution.processRunExecutionData(workflow);
	const run = await finished.promise;
	const outputs: Record<string, INodeExecutionData[]> = {};
	for (const [name, runs] of Object.entries(run.data.resultData.runData)) {
		outputs[name] = runs[runs.length - 1]?.data?.main?.[0] ?? [];
	}
	return { outputs, error: run.data.resultData.error, run, credentials: credentialsHelper };
}

/** Short node name (e.g. 'heidi') → full type. */
export const nodeType = (name: string) => (name.includes('.') ? name : `${PACKAGE_NAME}.${name}`);

/**
 * Runs one of our nodes on the given input items. With `continueOnFail`, failed items come back
 * as `{ error }` items; otherwise `error` holds the node's error.
 */
export async function runNode(
	type: string,
	parameters: INodeParameters,
	options: {
		credentials: CredentialMap;
		input?: INodeExecutionData[];
		continueOnFail?: boolean;
		typeVersion?: number;
	},
): Promise<{ items: INodeExecutionData[]; error?: ExecutionError; result: RunResult }> {
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: nodeType(type),
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters,
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const result = await runWorkflow(
		{ nodes: [node], connections: {} },
		{ credentials: options.credentials, input: options.input ?? [{ json: {} }] },
	);
	return { items: result.outputs.Node ?? [], error: result.error, result };
}

/**
 * Calls a polling trigger's poll() as n8n's scheduler does. `staticData` is the workflow's static
 * data: pass the same object to later polls; JSON round-trip it to simulate a restart.
 */
export async function pollTrigger(
	type: string,
	parameters: INodeParameters,
	options: {
		credentials: CredentialMap;
		staticData: IDataObject;
		mode?: 'trigger' | 'manual';
		typeVersion?: number;
	},
): Promise<INodeExecutionData[][] | null> {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, { ...options.credentials });
	credentialUpdates = credentialsHelper.updates;
	const [node] = withCredentialRefs(
		[
			{
				id: 'trigger-under-test',
				name: 'Trigger',
				type: nodeType(type),
				typeVersion: options.typeVersion ?? 1,
				position: [0, 0],
				parameters,
			},
		],
		nodeTypes,
		options.credentials,
	);
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		staticData: options.staticData,
		active: true,
	});
	const mode = options.mode ?? 'trigger';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', {} as never);
	const context = new PollContext(
		workflow,
		node,
		additionalDataFor(credentialsHelper, hooks),
		mode,
		mode === 'manual' ? 'manual' : 'activate',
	);
	const trigger = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	if (!trigger.poll) throw new Error(`${type} is not a polling trigger`);
	const result = await trigger.poll.call(context);
	// n8n persists static data after a successful poll; copy it back like the scheduler's save.
	if (mode === 'trigger') Object.assign(options.staticData, workflow.staticData);
	return result;
}

/** awsClinicalApi data for a sandbox (or any endpoints object of the same shape). */
export function awsCredentials(
	sandbox: {
		urls: Record<string, string>;
		credentials: { aws: { accessKeyId: string; secretAccessKey: string; region?: string } };
	},
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		region: sandbox.credentials.aws.region ?? 'us-east-1',
		authentication: 'accessKeys',
		accessKeyId: sandbox.credentials.aws.accessKeyId,
		secretAccessKey: sandbox.credentials.aws.secretAccessKey,
		sessionToken: '',
		customEndpoints: true,
		transcribeEndpoint: sandbox.urls.transcribe,
		connectHealthEndpoint: sandbox.urls.connectHealth,
		connectHealthHostPrefix: false,
		s3Endpoint: sandbox.urls.s3,
		stsEndpoint: sandbox.urls.sts,
		...overrides,
	};
}

/** heidiApi data for a sandbox. */
export function heidiCredentials(
	sandbox: {
		urls: Record<string, string>;
		credentials: { heidi: { apiKey: string; email: string; userId: string } };
	},
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		apiKey: sandbox.credentials.heidi.apiKey,
		environment: 'custom',
		baseUrl: sandbox.urls.heidi,
		email: sandbox.credentials.heidi.email,
		userId: sandbox.credentials.heidi.userId,
		sessionToken: '',
		sessionExpiresAt: '',
		...overrides,
	};
}
