/**
 * n8n in queue mode (https://docs.n8n.io/hosting/scaling/queue-mode/): Postgres as the database, Redis
 * as the queue, one main process that owns triggers and webhooks, `n8n worker` processes that run the
 * executions. Each run gets a database and a Bull key prefix of its own, created here and removed by
 * `drop()`, so parallel runs (two test files, `npm run start:queue` next to `npm test`) never share a
 * queue or executions.
 *
 * Where Postgres and Redis are: n8n's own variables, read from this process's environment when set
 * (DB_POSTGRESDB_HOST/PORT/USER/PASSWORD, QUEUE_BULL_REDIS_HOST/PORT/PASSWORD/DB), else
 * 127.0.0.1:5432 (user postgres) and 127.0.0.1:6379. The database name and prefix are always per run.
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { N8nRuntime } from './paths';

export interface PostgresSettings {
	host: string;
	port: number;
	user: string;
	password: string;
	/** The run's own database. */
	database: string;
}

export interface RedisSettings {
	host: string;
	port: number;
	password: string;
	db: number;
}

export interface QueueSettings {
	postgres: PostgresSettings;
	redis: RedisSettings;
	/** QUEUE_BULL_PREFIX: every Redis key of this run starts with it. */
	prefix: string;
	/**
	 * How long a worker holds a job before another may take it over when the worker is gone
	 * (QUEUE_WORKER_LOCK_DURATION; renewed every half of it while the worker lives) and how often
	 * workers look for such stalled jobs (QUEUE_WORKER_STALLED_INTERVAL), in milliseconds.
	 */
	lockDurationMs: number;
	stalledIntervalMs: number;
}

/** n8n's defaults (30 s each) unless the caller wants a dead worker noticed sooner. */
const DEFAULT_LOCK_MS = 30_000;

/** Where Postgres and Redis are, from n8n's own variables in this process's environment or the standard local ports. */
export function queueServers(env: NodeJS.ProcessEnv = process.env): {
	postgres: Omit<PostgresSettings, 'database'>;
	redis: RedisSettings;
} {
	return {
		postgres: {
			host: env.DB_POSTGRESDB_HOST || '127.0.0.1',
			port: Number(env.DB_POSTGRESDB_PORT || 5432),
			user: env.DB_POSTGRESDB_USER || 'postgres',
			password: env.DB_POSTGRESDB_PASSWORD ?? '',
		},
		redis: {
			host: env.QUEUE_BULL_REDIS_HOST || '127.0.0.1',
			port: Number(env.QUEUE_BULL_REDIS_PORT || 6379),
			password: env.QUEUE_BULL_REDIS_PASSWORD ?? '',
			db: Number(env.QUEUE_BULL_REDIS_DB || 0),
		},
	};
}

/** The variables that put an n8n process (main or worker) into queue mode on these servers; equal on every process. */
export function queueEnv(settings: QueueSettings): Record<string, string> {
	const { postgres, redis } = settings;
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		DB_POSTGRESDB_DATABASE: postgres.database,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_DB: String(redis.db),
		...(redis.password ? { QUEUE_BULL_REDIS_PASSWORD: redis.password } : {}),
		QUEUE_BULL_PREFIX: settings.prefix,
		QUEUE_WORKER_LOCK_DURATION: String(settings.lockDurationMs),
		QUEUE_WORKER_LOCK_RENEW_TIME: String(Math.floor(settings.lockDurationMs / 2)),
		QUEUE_WORKER_STALLED_INTERVAL: String(settings.stalledIntervalMs),
		// Executions started in the editor run on the workers too, like every other one.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/**
 * A worker's own settings: its health endpoint (GET /healthz, /healthz/readiness), how many executions
 * it runs at once, and an event log of its own (`name`). n8n reads a process's event log when it
 * starts and marks the executions left unfinished in it crashed; workers sharing one user folder
 * would share one log, and a new worker would then settle another, dead worker's executions, which
 * a worker on its own machine never does.
 */
export function workerEnv(
	healthPort: number,
	concurrency: number,
	name?: string,
): Record<string, string> {
	return {
		...(name ? { N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}` } : {}),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency),
	};
}

interface PgClient {
	connect(): Promise<void>;
	query(sql: string): Promise<unknown>;
	end(): Promise<void>;
}
interface RedisClient {
	scan(
		cursor: string,
		match: 'MATCH',
		pattern: string,
		count: 'COUNT',
		n: number,
	): Promise<[string, string[]]>;
	del(...keys: string[]): Promise<number>;
	lrange(key: string, start: number, stop: number): Promise<string[]>;
	hget(key: string, field: string): Promise<string | null>;
	ping(): Promise<string>;
	quit(): Promise<unknown>;
	on(event: 'error', listener: (error: Error) => void): void;
}

/** The Postgres and Redis clients n8n itself ships (the pinned install), so the package needs no driver of its own. */
function drivers(runtime: N8nRuntime): {
	Client: new (config: object) => PgClient;
	Redis: new (config: object) => RedisClient;
} {
	const load = createRequire(path.join(runtime.dir, 'node_modules', 'n8n', 'package.json'));
	const { Client } = load('pg') as { Client: new (config: object) => PgClient };
	const Redis = load('ioredis') as new (config: object) => RedisClient;
	return { Client, Redis };
}

async function withPostgres<T>(
	runtime: N8nRuntime,
	server: Omit<PostgresSettings, 'database'>,
	work: (client: PgClient) => Promise<T>,
): Promise<T> {
	const { Client } = drivers(runtime);
	const client = new Client({
		...server,
		password: server.password || undefined,
		database: 'postgres',
	});
	try {
		await client.connect();
	} catch (error) {
		throw new Error(
			`Postgres at ${server.host}:${server.port} (user ${server.user}) did not accept a connection: ${(error as Error).message}. Queue mode needs Postgres; see the README's "Queue mode".`,
		);
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

async function withRedis<T>(
	runtime: N8nRuntime,
	server: RedisSettings,
	work: (client: RedisClient) => Promise<T>,
): Promise<T> {
	const { Redis } = drivers(runtime);
	const client = new Redis({
		host: server.host,
		port: server.port,
		password: server.password || undefined,
		db: server.db,
		lazyConnect: false,
		maxRetriesPerRequest: 1,
		retryStrategy: () => null,
	});
	client.on('error', () => undefined); // reported through the failing command below
	try {
		try {
			await client.ping();
		} catch (error) {
			throw new Error(
				`Redis at ${server.host}:${server.port} did not answer: ${(error as Error).message}. Queue mode needs Redis; see the README's "Queue mode".`,
			);
		}
		return await work(client);
	} finally {
		await client.quit().catch(() => undefined);
	}
}

export interface QueueBackend {
	settings: QueueSettings;
	/**
	 * Execution ids of the jobs in Bull's active list (taken by a worker and not yet finished, failed or
	 * found stalled), read from Redis: n8n's queue is `jobs`, its keys `<prefix>:jobs:…`.
	 */
	activeExecutionIds(): Promise<string[]>;
	/** Drops the run's database and deletes its Redis keys; stop every n8n process first. */
	drop(): Promise<void>;
}

/** Creates this run's database and picks its Redis prefix, after checking both servers answer. */
export async function createQueueBackend(
	runtime: N8nRuntime,
	options: { lockDurationMs?: number; stalledIntervalMs?: number } = {},
): Promise<QueueBackend> {
	const servers = queueServers();
	const id = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	const database = `clinical_scribe_${id}`;
	const prefix = `clinical-scribe-${id}`;
	await withRedis(runtime, servers.redis, async () => undefined);
	await withPostgres(runtime, servers.postgres, async (client) =>
		client.query(`CREATE DATABASE "${database}"`),
	);
	const settings: QueueSettings = {
		postgres: { ...servers.postgres, database },
		redis: servers.redis,
		prefix,
		lockDurationMs: options.lockDurationMs ?? DEFAULT_LOCK_MS,
		stalledIntervalMs: options.stalledIntervalMs ?? DEFAULT_LOCK_MS,
	};
	let dropped = false;
	return {
		settings,
		async activeExecutionIds() {
			return await withRedis(runtime, servers.redis, async (client) => {
				const jobIds = await client.lrange(`${prefix}:jobs:active`, 0, -1);
				const ids: string[] = [];
				for (const jobId of jobIds) {
					const data = await client.hget(`${prefix}:jobs:${jobId}`, 'data');
					const executionId = data && (JSON.parse(data) as { executionId?: unknown }).executionId;
					if (executionId !== undefined && executionId !== null) ids.push(String(executionId));
				}
				return ids;
			});
		},
		async drop() {
			if (dropped) return;
			dropped = true;
			await withPostgres(runtime, servers.postgres, async (client) =>
				client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`),
			);
			await withRedis(runtime, servers.redis, async (client) => {
				let cursor = '0';
				do {
					const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
					if (keys.length) await client.del(...keys);
					cursor = next;
				} while (cursor !== '0');
			});
		},
	};
}
