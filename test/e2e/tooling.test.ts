/**
 * The tooling around the real n8n, without starting it: run-output parsing, the log check, the
 * examples (node types, parameters and credentials that match the package), their Clinic Settings,
 * the environment n8n gets, and the SMTP catcher.
 */
import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import type { INodeProperties, INodeType } from 'n8n-workflow';
import { parseRawOutput } from '../../scripts/n8n/cli';
import { CREDENTIALS } from '../../scripts/n8n/credentials';
import { n8nEnv } from '../../scripts/n8n/env';
import { queueServers } from '../../scripts/n8n/queue';
import {
	configureExample,
	loadExamples,
	settingValue,
	SETTINGS_NODE,
} from '../../scripts/n8n/examples';
import { logProblems, withoutRunData } from '../../scripts/n8n/logCheck';
import { PACKAGE_NAME } from '../../scripts/n8n/package';
import { REPO_ROOT } from '../../scripts/n8n/paths';
import { startSmtpSink } from '../../scripts/smtp/sink';

describe('parseRawOutput', () => {
	test('reads the execution from the first line that is exactly "{", after the log lines', () => {
		const stdout = [
			'Task Broker ready on 127.0.0.1',
			'x {not json',
			'{',
			'  "data": { "resultData": { "runData": { "A": [] } } },',
			'  "status": "success"',
			'}',
			'',
		].join('\n');
		expect(parseRawOutput(stdout)).toEqual({ resultData: { runData: { A: [] } } });
	});

	test('is undefined when n8n printed no execution', () => {
		expect(
			parseRawOutput('Error executing workflow. See log messages for details.\n'),
		).toBeUndefined();
	});
});

describe('logProblems', () => {
	test('reports load errors and warnings, not n8n’s own start-up notices', () => {
		const log = [
			'Initializing n8n process',
			"Cannot find module '/x/.n8n/nodes/node_modules/n8n-nodes-clinical-scribe/dist/nodes/Heidi/HeidiTrigger.node.js'",
			'Failed to start Python task runner in internal mode. because its virtual environment is missing',
			'[license SDK] Skipping renewal on init: license cert is not initialized',
			'(node:1) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)',
			'Editor is now accessible via:',
		].join('\n');
		expect(logProblems(log)).toEqual([log.split('\n')[1], log.split('\n')[4]]);
	});

	test('skips the notices of the n8n version that printed them, and never a line naming this package', () => {
		const lines = [
			'There are deprecations related to your n8n setup. Please take the recommended actions to update your configuration:',
			' - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated and will be removed in a future version.',
			'getaddrinfo ENOTFOUND api.n8n.io',
			'Error: getaddrinfo ENOTFOUND api.n8n.io',
			'Error fetching from Strapi API (https://api.n8n.io/api/mcp-servers): getaddrinfo ENOTFOUND api.n8n.io',
			'A system task run failed',
		];
		const ours = [
			'- N8N_RUNNERS_MODE -> deprecated by n8n-nodes-clinical-scribe',
			'Error: getaddrinfo ENOTFOUND api.n8n.io.healthscribe.example',
			'Error: getaddrinfo ENOTFOUND transcribe.us-east-1.amazonaws.com',
		];
		expect(logProblems([...lines, ...ours].join('\n'), '2.41.1')).toEqual(ours);
		// n8n 2.8 prints none of these: there they are problems (all but the bare lookup line, which names no problem).
		const problems = lines.filter((_, index) => index !== 2).map((line) => line.trim());
		expect(logProblems(lines.join('\n'), '2.8.4')).toEqual(problems);
		expect(logProblems(lines.join('\n'))).toEqual(problems);
	});

	test('skips n8n’s own health-check retries on a busy machine, not a database failure of ours', () => {
		const lines = [
			'Database ping failed (1): Database connection timed out',
			'Task runner connection attempt failed with status code 403',
		];
		expect(logProblems(lines.join('\n'), '2.8.4')).toEqual([]);
		expect(logProblems('Database ping failed (1): connection refused', '2.41.1')).toEqual([
			'Database ping failed (1): connection refused',
		]);
		expect(
			logProblems('Heidi: connection attempt failed with status code 403', '2.41.1'),
		).toHaveLength(1);
	});

	test('withoutRunData drops the execution JSON of `n8n execute --rawOutput` and keeps the log lines around it', () => {
		const output = [
			'Error: Cannot find module x',
			'{',
			'  "data": {',
			'    "error": "No file(s) found"',
			'  }',
			'}',
			'',
			'Warning: after the run',
		].join('\n');
		expect(logProblems(withoutRunData(output))).toEqual([
			'Error: Cannot find module x',
			'Warning: after the run',
		]);
		expect(withoutRunData('no run data')).toBe('no run data');
	});
});

describe('n8nEnv', () => {
	test('does not pass on jest’s NODE_ENV or n8n settings of the calling process', () => {
		const saved = {
			NODE_ENV: process.env.NODE_ENV,
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL,
			N8N_CUSTOM_EXTENSIONS: process.env.N8N_CUSTOM_EXTENSIONS,
		};
		Object.assign(process.env, {
			NODE_ENV: 'test',
			N8N_LOG_LEVEL: 'silent',
			N8N_CUSTOM_EXTENSIONS: '/somewhere',
		});
		try {
			const env = n8nEnv({ userFolder: '/u', filesFolder: '/f', port: 5001, brokerPort: 5002 });
			expect(env).toMatchObject({
				N8N_USER_FOLDER: '/u',
				N8N_RESTRICT_FILE_ACCESS_TO: '/f',
				N8N_PORT: '5001',
				N8N_RUNNERS_BROKER_PORT: '5002',
				N8N_LOG_LEVEL: 'info',
			});
			// What the README tells admins to set explicitly.
			expect(env).toMatchObject({
				N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
				N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			});
			expect(env.NODE_ENV).toBeUndefined();
			expect(env.N8N_CUSTOM_EXTENSIONS).toBeUndefined();
			expect(env.PATH).toBe(process.env.PATH);
		} finally {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		}
	});
});

describe('n8nEnv in queue mode', () => {
	const queue = {
		postgres: {
			host: 'db.internal',
			port: 5433,
			user: 'n8n',
			password: 'pw',
			database: 'clinical_scribe_run1',
		},
		redis: { host: 'redis.internal', port: 6380, password: '', db: 2 },
		prefix: 'clinical-scribe-run1',
		lockDurationMs: 10_000,
		stalledIntervalMs: 5_000,
	};

	test('the shell’s DB_* and EXECUTIONS_* never reach n8n; queue settings do, only when given', () => {
		const saved = { DB_TYPE: process.env.DB_TYPE, EXECUTIONS_MODE: process.env.EXECUTIONS_MODE };
		Object.assign(process.env, { DB_TYPE: 'mysqldb', EXECUTIONS_MODE: 'queue' });
		try {
			const alone = n8nEnv({ userFolder: '/u', filesFolder: '/f' });
			expect(alone.DB_TYPE).toBeUndefined();
			expect(alone.EXECUTIONS_MODE).toBeUndefined();
			const main = n8nEnv({ userFolder: '/u', filesFolder: '/f', port: 5001, queue });
			expect(main).toMatchObject({
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: 'db.internal',
				DB_POSTGRESDB_PORT: '5433',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: 'pw',
				DB_POSTGRESDB_DATABASE: 'clinical_scribe_run1',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '2',
				QUEUE_BULL_PREFIX: 'clinical-scribe-run1',
				QUEUE_WORKER_LOCK_DURATION: '10000',
				QUEUE_WORKER_STALLED_INTERVAL: '5000',
			});
			expect(main.QUEUE_BULL_REDIS_PASSWORD).toBeUndefined();
			expect(main.QUEUE_HEALTH_CHECK_ACTIVE).toBeUndefined();
			const worker = n8nEnv({
				userFolder: '/u',
				filesFolder: '/f',
				brokerPort: 5003,
				queue,
				worker: { healthPort: 5004, concurrency: 10 },
			});
			expect(worker).toMatchObject({
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: '5004',
				N8N_CONCURRENCY_PRODUCTION_LIMIT: '10',
				N8N_RUNNERS_BROKER_PORT: '5003',
			});
			// What must be equal on every process of one instance.
			for (const name of [
				'N8N_ENCRYPTION_KEY',
				'DB_POSTGRESDB_DATABASE',
				'QUEUE_BULL_PREFIX',
				'GENERIC_TIMEZONE',
				'N8N_UNVERIFIED_PACKAGES_ENABLED',
				'N8N_USER_FOLDER',
			])
				expect(worker[name]).toBe(main[name]);
		} finally {
			for (const [name, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[name];
				else process.env[name] = value;
			}
		}
	});

	test('where Postgres and Redis are: n8n’s own variables of the shell, else the standard local ports', () => {
		expect(queueServers({})).toEqual({
			postgres: { host: '127.0.0.1', port: 5432, user: 'postgres', password: '' },
			redis: { host: '127.0.0.1', port: 6379, password: '', db: 0 },
		});
		expect(
			queueServers({
				DB_POSTGRESDB_HOST: 'pg',
				DB_POSTGRESDB_PORT: '6543',
				DB_POSTGRESDB_USER: 'n8n',
				DB_POSTGRESDB_PASSWORD: 'x',
				QUEUE_BULL_REDIS_HOST: 'r',
				QUEUE_BULL_REDIS_PORT: '7000',
			}),
		).toEqual({
			postgres: { host: 'pg', port: 6543, user: 'n8n', password: 'x' },
			redis: { host: 'r', port: 7000, password: '', db: 0 },
		});
	});
});

describe('the example workflows', () => {
	const examples = loadExamples();
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[] };
	};

	/** Our node descriptions from dist, by node type name (as n8n names them after a community install). */
	const nodeDescriptions = new Map<string, INodeType['description']>();
	beforeAll(() => {
		for (const file of manifest.n8n.nodes) {
			const built = path.join(REPO_ROOT, file);
			if (!existsSync(built)) throw new Error(`${file} is not built: run npm run build`);
			const exports = require(built) as Record<string, new () => INodeType>;
			const description = new (Object.values(exports)[0])().description;
			nodeDescriptions.set(`${PACKAGE_NAME}.${description.name}`, description);
		}
	});

	test('eight examples: five start with a Manual Trigger (n8n execute), three with one of our polling triggers', () => {
		expect(examples).toHaveLength(8);
		expect(examples.filter((e) => e.kind === 'action').map((e) => e.id)).toEqual([
			'csExHsBatch',
			'csExHeidiNote',
			'csExChInsights',
			'csExChStream',
			'csExHsVocabulary',
		]);
		expect(examples.filter((e) => e.kind === 'trigger').map((e) => e.id)).toEqual([
			'csExHsFhir',
			'csExHeidiRoute',
			'csExChNotes',
		]);
		for (const example of examples) {
			expect(example.id.length).toBeLessThanOrEqual(21);
			expect(
				example.workflow.nodes.some((n) => n.name === SETTINGS_NODE || n.type.endsWith('Trigger')),
			).toBe(true);
		}
	});

	test('every node of ours they use exists, and every parameter they set is one the node declares', () => {
		const used = new Set<string>();
		for (const example of examples) {
			for (const node of example.workflow.nodes.filter((n) =>
				n.type.startsWith(`${PACKAGE_NAME}.`),
			)) {
				used.add(node.type);
				const description = nodeDescriptions.get(node.type);
				expect({ node: node.type, known: Boolean(description) }).toEqual({
					node: node.type,
					known: true,
				});
				const declared = new Set((description!.properties as INodeProperties[]).map((p) => p.name));
				if (description!.polling) declared.add('pollTimes');
				const unknown = Object.keys(node.parameters).filter((name) => !declared.has(name));
				expect({ example: example.file, node: node.name, unknown }).toEqual({
					example: example.file,
					node: node.name,
					unknown: [],
				});
				// Fixed choices must be among the node's options (a parameter may be declared once per operation).
				const choices = (name: string) =>
					(description!.properties as INodeProperties[])
						.filter((p) => p.name === name && (p.type === 'options' || p.type === 'multiOptions'))
						.flatMap((p) => (p.options ?? []).map((o) => ('value' in o ? o.value : undefined)));
				for (const [name, value] of Object.entries(node.parameters)) {
					const allowed = choices(name);
					if (!allowed.length || (typeof value === 'string' && value.startsWith('='))) continue;
					for (const chosen of Array.isArray(value) ? value : [value])
						expect({ node: node.name, name, chosen, ok: allowed.includes(chosen) }).toEqual({
							node: node.name,
							name,
							chosen,
							ok: true,
						});
				}
			}
		}
		// Together the examples show all six nodes.
		expect([...used].sort()).toEqual([...nodeDescriptions.keys()].sort());
	});

	test('credentials are referenced by the fixed ids and names of the imported sandbox credentials', () => {
		const known = Object.fromEntries(
			Object.values(CREDENTIALS).map((c) => [c.type, { id: c.id, name: c.name }]),
		);
		for (const example of examples) {
			for (const node of example.workflow.nodes) {
				for (const [type, reference] of Object.entries(node.credentials ?? {}))
					expect({ node: node.name, type, reference }).toEqual({
						node: node.name,
						type,
						reference: known[type],
					});
				if (node.type.startsWith(`${PACKAGE_NAME}.`))
					expect(Object.keys(node.credentials ?? {})).toHaveLength(1);
			}
		}
	});

	test('configureExample fills in only the named Clinic Settings and leaves the loaded workflow as it was', () => {
		const batch = examples.find((e) => e.id === 'csExHsBatch')!.workflow;
		const configured = configureExample(batch, {
			notesFolder: '/clinic/notes',
			unknownSetting: 'x',
		});
		expect(settingValue(configured, 'notesFolder')).toBe('/clinic/notes');
		expect(settingValue(configured, 'mediaBucket')).toBe(settingValue(batch, 'mediaBucket'));
		expect(settingValue(batch, 'notesFolder')).toBe('/home/node/.n8n-files/clinical-notes');
		expect(settingValue(configured, 'unknownSetting')).toBeUndefined();
	});
});

describe('SMTP catcher', () => {
	test('accepts a message the way an SMTP client sends it and keeps envelope, subject and body', async () => {
		const sink = await startSmtpSink();
		const socket = connect(sink.port, '127.0.0.1');
		let received = '';
		socket.on('data', (chunk) => (received += chunk.toString()));
		const waitFor = async (text: string) => {
			for (let i = 0; i < 100 && !received.includes(text); i++)
				await new Promise((r) => setTimeout(r, 10));
			expect(received).toContain(text);
		};
		try {
			await waitFor('220 ');
			for (const [line, reply] of [
				['EHLO client', '250 SIZE'],
				['MAIL FROM:<n8n@clinic.example>', '250 OK'],
				['RCPT TO:<manager@clinic.example>', '250 OK\r\n250 OK'],
				['DATA', '354'],
			]) {
				socket.write(`${line}\r\n`);
				await waitFor(reply);
			}
			socket.write('Subject: 2 notes\r\n ready\r\n\r\nfirst line\r\n..leading dot\r\n.\r\n');
			await waitFor('250 OK: message caught');
			socket.write('QUIT\r\n');
			await waitFor('221');
			expect(sink.messages).toEqual([
				{
					from: 'n8n@clinic.example',
					to: ['manager@clinic.example'],
					subject: '2 notes ready',
					raw: 'Subject: 2 notes\r\n ready\r\n\r\nfirst line\r\n.leading dot',
				},
			]);
		} finally {
			socket.destroy();
			await sink.stop();
		}
	});
});
