/**
 * The few HTTP calls the tools make to a running n8n: owner account (set up once, then log in),
 * the loaded node types, an API key, and executions through the public API.
 */
import type { RunData } from './runData';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

/** Sandbox login printed by `npm start` (synthetic; the instance listens on 127.0.0.1 only). */
export const SANDBOX_OWNER: Owner = {
	email: 'clinic-admin@example.org',
	password: 'Sandbox-Clinic-1',
	firstName: 'Clinic',
	lastName: 'Admin',
};

export interface Execution {
	id: string;
	workflowId: string;
	mode: string;
	status: string;
	finished: boolean;
	startedAt: string;
	stoppedAt?: string | null;
	/** The execution this one retried (mode `retry`). */
	retryOf?: string | null;
	data?: RunData;
}

/** A workflow from the public API. */
export interface SavedWorkflow {
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
	connections: Record<string, unknown>;
	/** Per node (`node:<name>`): what its trigger keeps between polls. */
	staticData?: Record<string, Record<string, unknown>> | null;
}

export class N8nRest {
	private cookie = '';
	private apiKey = '';

	constructor(readonly url: string) {}

	private async call(
		method: string,
		path: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<{ status: number; json: unknown }> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...(this.apiKey && path.startsWith('/api/') ? { 'X-N8N-API-KEY': this.apiKey } : {}),
				...headers,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		const auth = setCookie && /n8n-auth=[^;]+/.exec(setCookie);
		if (auth) this.cookie = auth[0];
		const text = await response.text();
		let json: unknown = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON: keep the text for the error message
		}
		return { status: response.status, json };
	}

	private async ok(method: string, path: string, body?: unknown): Promise<unknown> {
		const { status, json } = await this.call(method, path, body);
		if (status >= 300)
			throw new Error(
				`n8n ${method} ${path} answered ${status}: ${typeof json === 'string' ? json : JSON.stringify(json)}`.slice(
					0,
					600,
				),
			);
		return json;
	}

	/** Creates the owner on a fresh instance, or logs in as that owner when it exists already. */
	async signIn(owner: Owner): Promise<'created' | 'existing'> {
		const settings = (await this.ok('GET', '/rest/settings')) as {
			data: { userManagement: { showSetupOnFirstLoad?: boolean } };
		};
		if (settings.data.userManagement.showSetupOnFirstLoad) {
			await this.ok('POST', '/rest/owner/setup', owner);
			return 'created';
		}
		await this.ok('POST', '/rest/login', {
			emailOrLdapLoginId: owner.email,
			password: owner.password,
		});
		return 'existing';
	}

	/** Names of every node type the instance loaded (needs signIn). */
	async nodeTypeNames(): Promise<string[]> {
		const types = (await this.ok('GET', '/types/nodes.json')) as Array<{ name: string }>;
		return types.map((type) => type.name);
	}

	async credentialTypeNames(): Promise<string[]> {
		const types = (await this.ok('GET', '/types/credentials.json')) as Array<{ name: string }>;
		return types.map((type) => type.name);
	}

	/** An API key for the public API, used by the calls below (needs signIn). */
	async useNewApiKey(label: string): Promise<void> {
		const scopes = (await this.ok('GET', '/rest/api-keys/scopes')) as { data: string[] };
		const created = (await this.ok('POST', '/rest/api-keys', {
			label,
			scopes: scopes.data,
			expiresAt: null,
		})) as { data: { rawApiKey: string } };
		this.apiKey = created.data.rawApiKey;
	}

	/** Ids of the workflows that are active (published) right now, from the public API. */
	async activeWorkflowIds(): Promise<string[]> {
		const page = (await this.ok('GET', '/api/v1/workflows?active=true&limit=250')) as {
			data: Array<{ id: string }>;
		};
		return page.data.map((workflow) => workflow.id);
	}

	/** Publishes a workflow on the running instance (a trigger polls at once, then on its schedule; a webhook starts listening). */
	async activateWorkflow(id: string): Promise<void> {
		await this.ok('POST', `/api/v1/workflows/${encodeURIComponent(id)}/activate`);
	}

	/** A workflow as saved (its current version's nodes) with the static data its triggers keep. */
	async workflow(id: string): Promise<SavedWorkflow> {
		return (await this.ok('GET', `/api/v1/workflows/${encodeURIComponent(id)}`)) as SavedWorkflow;
	}

	/**
	 * Saves a workflow's nodes and connections as the editor's Save does (PUT /api/v1/workflows/<id>;
	 * its settings and static data are kept). A published workflow is published again with them:
	 * n8n restarts its triggers, and a poll trigger polls at once.
	 */
	async saveWorkflow(workflow: Pick<SavedWorkflow, 'id' | 'name' | 'nodes' | 'connections'>) {
		const { id, name, nodes, connections } = workflow;
		await this.ok('PUT', `/api/v1/workflows/${encodeURIComponent(id)}`, {
			name,
			nodes,
			connections,
			settings: {},
		});
	}

	/** Unpublishes a workflow on the running instance (its trigger stops). */
	async deactivateWorkflow(id: string): Promise<void> {
		await this.ok('POST', `/api/v1/workflows/${encodeURIComponent(id)}/deactivate`);
	}

	/**
	 * Retries a failed or crashed execution as the editor's "Retry with original workflow" does
	 * (POST /rest/executions/<id>/retry, body `{ loadWorkflow: false }`); n8n answers once the retry
	 * has finished, with the new execution's id and status.
	 */
	async retryExecution(id: string): Promise<{ id: string; status: string }> {
		const answer = (await this.ok('POST', `/rest/executions/${encodeURIComponent(id)}/retry`, {
			loadWorkflow: false,
		})) as { data: { id: string; status: string } };
		return { id: String(answer.data.id), status: answer.data.status };
	}

	/**
	 * Ids of a workflow's executions that have not ended (queued or running), newest first, from the
	 * editor's list (GET /rest/executions): the public API leaves out the executions the main is running.
	 */
	async unfinishedExecutionIds(workflowId: string): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['new', 'running'] }));
		const page = (await this.ok('GET', `/rest/executions?filter=${filter}&limit=100`)) as {
			data: { results: Array<{ id: string }> };
		};
		return page.data.results.map((execution) => String(execution.id));
	}

	/** Executions of one workflow, newest first, with their run data unless `includeData` is false. */
	async executions(workflowId: string, includeData = true): Promise<Execution[]> {
		const all: Execution[] = [];
		let cursor = '';
		do {
			const page = (await this.ok(
				'GET',
				`/api/v1/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
			)) as {
				data: Execution[];
				nextCursor?: string | null;
			};
			all.push(...page.data);
			cursor = page.nextCursor ?? '';
		} while (cursor);
		return all;
	}
}
