import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { awsCredentials, pollTrigger, runNode } from '../../harness';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { CONNECT_HEALTH_DEMO } from '../../../sandbox/connect-health';
import type { LogEntry } from '../../../sandbox/core/log';

export const NODE = 'amazonConnectHealth';
export const TRIGGER = 'amazonConnectHealthTrigger';
export const DEMO = CONNECT_HEALTH_DEMO;

export async function connectHealthSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return await startSandbox({ ports: 0, clockSpeed: 0, ...options });
}

export const credentialsFor = (sandbox: Sandbox, overrides = {}) => ({
	awsClinicalApi: awsCredentials(sandbox, overrides),
});

/** A locator value as the n8n editor stores it. */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const byArn = (value: string) => ({ __rl: true, mode: 'arn', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Runs the node; returns the output items, the error and the Connect Health requests the sandbox logged meanwhile. */
export async function run(
	sandbox: Sandbox,
	parameters: INodeParameters,
	options: {
		input?: INodeExecutionData[];
		continueOnFail?: boolean;
		credentials?: Record<string, unknown>;
	} = {},
) {
	const since = lastSeq(sandbox);
	const result = await runNode(NODE, parameters, {
		credentials: credentialsFor(sandbox, options.credentials),
		input: options.input,
		continueOnFail: options.continueOnFail,
	});
	return {
		items: result.items,
		error: result.error,
		requests: sandbox.log.entries({ service: 'connectHealth', since }),
		s3: sandbox.log.entries({ service: 's3', since }),
	};
}

export function lastSeq(sandbox: Sandbox): number {
	const all = sandbox.log.entries();
	return all.length ? all[all.length - 1].seq : 0;
}

/** The request was accepted by the sandbox's SigV4 check with the health-agent scope of the credential's region. */
export function expectSigned(entry: LogEntry, region = 'us-east-1'): void {
	expect(entry.auth).toEqual({ accessKeyId: expect.any(String), region, service: 'health-agent' });
}

/** Method, path, query and body of one logged request (what the sandbox received). */
export const wire = (entry: LogEntry) => ({
	method: entry.method,
	path: entry.path,
	query: entry.query,
	body: entry.body,
});

/** Polls the trigger like n8n's scheduler; returns the emitted items' JSON and the requests the poll made. */
export async function poll(
	sandbox: Sandbox,
	parameters: INodeParameters,
	staticData: IDataObject,
	mode: 'trigger' | 'manual' = 'trigger',
	typeVersion = 1,
) {
	const since = lastSeq(sandbox);
	const result = await pollTrigger(TRIGGER, parameters, {
		credentials: credentialsFor(sandbox),
		staticData,
		mode,
		typeVersion,
	});
	return {
		items: (result?.[0] ?? []).map((item) => item.json),
		emitted: result !== null,
		requests: sandbox.log.entries({ service: 'connectHealth', since }),
		lists: sandbox.log
			.entries({ service: 's3', since })
			.filter((e) => e.method === 'GET' && e.query['list-type'] === '2'),
		downloads: sandbox.log
			.entries({ service: 's3', since })
			.filter((e) => e.method === 'GET' && e.query['list-type'] === undefined),
	};
}

/** What n8n keeps across a restart: static data as JSON. */
export const restart = (staticData: IDataObject): IDataObject =>
	JSON.parse(JSON.stringify(staticData)) as IDataObject;
