/** The environment every n8n process of ours runs with: quiet, offline, one user folder. */
import { createServer } from 'node:net';
import { queueEnv, workerEnv, type QueueSettings } from './queue';

export interface N8nSettings {
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, config, community nodes) in here. */
	userFolder: string;
	/** Folder the Read/Write Files from Disk node may use (N8N_RESTRICT_FILE_ACCESS_TO). */
	filesFolder: string;
	/** Editor/REST port (`n8n start`). */
	port?: number;
	/** Task-runner broker port; every n8n process needs its own when several run at once. */
	brokerPort?: number;
	/** Queue mode (Postgres + Redis, see queue.ts); without it n8n runs alone on SQLite in the user folder. */
	queue?: QueueSettings;
	/** For `n8n worker`: its health-check port, how many executions it runs at once, its name (own event log). */
	worker?: { healthPort: number; concurrency: number; name?: string };
}

/** The time zone n8n runs in (GENERIC_TIMEZONE): the machine's, so `$now` and localDate() agree. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Fixed so credentials imported once stay readable on later runs of the same user folder. */
export const ENCRYPTION_KEY = 'clinical-scribe-sandbox-only-key';

/**
 * This process's environment without what would change n8n's behaviour (NODE_ENV=test from jest
 * silences n8n's logger; a DB_* or EXECUTIONS_* of the shell would move n8n to another database or
 * mode): queue mode is only ever set explicitly, through `settings.queue`.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
	return Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !/^(N8N_|NODE_ENV$|JEST_|DB_|EXECUTIONS_|GENERIC_TIMEZONE$)/.test(name),
		),
	);
}

export function n8nEnv(settings: N8nSettings): NodeJS.ProcessEnv {
	return {
		...inheritedEnv(),
		N8N_USER_FOLDER: settings.userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_RESTRICT_FILE_ACCESS_TO: settings.filesFolder,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		...(settings.port ? { N8N_PORT: String(settings.port) } : {}),
		...(settings.brokerPort ? { N8N_RUNNERS_BROKER_PORT: String(settings.brokerPort) } : {}),
		// The CLI prints results through the info logger: a higher level hides them.
		N8N_LOG_LEVEL: 'info',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_SECURE_COOKIE: 'false',
		// What the README asks admins to set: n8n 2.41 warns that the unverified-packages default will change.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		GENERIC_TIMEZONE: TIME_ZONE,
		...(settings.queue ? queueEnv(settings.queue) : {}),
		...(settings.worker
			? workerEnv(settings.worker.healthPort, settings.worker.concurrency, settings.worker.name)
			: {}),
		// The AWS SDK warns on Node < 22 that future SDK releases will need Node 22. n8n 2.8.4 is the
		// newest n8n that runs on this machine's Node 20; n8n's own images run Node 22.
		AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
	};
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port')),
			);
		});
	});
}

/** Today's date in TIME_ZONE as yyyy-MM-dd (the folder name the batch example reads). */
export function localDate(at: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(at);
}
