/**
 * One n8n user folder set up like a clinic's: one of the pinned n8n versions, the packed package installed as a
 * community package, credentials for the sandbox, the recorder's drop folder with today's example
 * recordings, and every example workflow imported with its Clinic Settings filled in.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../../sandbox';
import { N8nCli, type CredentialImport } from './cli';
import { sandboxCredentials } from './credentials';
import { localDate } from './env';
import { configureExample, loadExamples, type Example, type WorkflowJson } from './examples';
import { ensureN8n, type Logger } from './install';
import { installPackage, packPackage } from './package';
import { REPO_ROOT, selectedRuntime, type N8nRuntime } from './paths';
import type { QueueSettings } from './queue';

export const EXAMPLE_AUDIO_DIR = path.join(REPO_ROOT, 'examples', 'audio');

export interface InstanceOptions {
	userFolder: string;
	sandbox: Pick<Sandbox, 'urls' | 'credentials'>;
	smtpPort: number;
	port?: number;
	brokerPort?: number;
	log?: Logger;
	/** An already packed tarball; packed from dist into the user folder when absent. */
	tarball?: string;
	/** Which supported n8n (default: CLINICAL_SCRIBE_N8N, else the newest). */
	runtime?: N8nRuntime;
	/** Queue mode: credentials and workflows go into this run's Postgres database (see queue.ts). */
	queue?: QueueSettings;
	/** More credentials and workflows to import with the examples' (one n8n run each, not two). */
	extraCredentials?: CredentialImport[];
	extraWorkflows?: WorkflowJson[];
}

export interface Instance {
	cli: N8nCli;
	/** Examples as imported (Clinic Settings filled in). */
	examples: Example[];
	recordingsFolder: string;
	notesFolder: string;
	behaviouralHealthFolder: string;
	/** The recordings the batch example finds today. */
	todaysRecordings: string[];
	timings: Record<string, number>;
}

/** Values of the examples' Clinic Settings that depend on this machine. */
export function exampleSettings(
	sandbox: Pick<Sandbox, 'urls'>,
	filesFolder: string,
): Record<string, string> {
	return {
		recordingsFolder: path.join(filesFolder, 'recordings'),
		notesFolder: path.join(filesFolder, 'clinical-notes'),
		behaviouralHealthFolder: path.join(filesFolder, 'behavioural-health'),
		fhirBaseUrl: sandbox.urls.fhir,
	};
}

/** Copies the example recordings into today's drop folder (what a recorder would do). */
function stageRecordings(recordingsFolder: string): string[] {
	const today = path.join(recordingsFolder, localDate());
	mkdirSync(today, { recursive: true });
	return readdirSync(EXAMPLE_AUDIO_DIR)
		.filter((file) => file.endsWith('.wav'))
		.map((file) => {
			copyFileSync(path.join(EXAMPLE_AUDIO_DIR, file), path.join(today, file));
			return path.join(today, file);
		});
}

export async function prepareInstance(options: InstanceOptions): Promise<Instance> {
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const timings: Record<string, number> = {};
	const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await work();
		} finally {
			timings[label] = (Date.now() - started) / 1000;
		}
	};

	const runtime = options.runtime ?? selectedRuntime();
	await timed('ensureN8n', () => ensureN8n(log, runtime));
	const filesFolder = path.join(options.userFolder, 'files');
	const cli = new N8nCli(
		{
			userFolder: options.userFolder,
			filesFolder,
			port: options.port,
			brokerPort: options.brokerPort,
			queue: options.queue,
		},
		runtime,
	);
	const tarball =
		options.tarball ??
		(await timed('pack', () => packPackage(path.join(options.userFolder, 'package'))));
	log('installing the packed package into the n8n user folder (community-node install)');
	await timed('installPackage', () => installPackage(options.userFolder, tarball));

	const settings = exampleSettings(options.sandbox, filesFolder);
	mkdirSync(settings.notesFolder, { recursive: true });
	mkdirSync(settings.behaviouralHealthFolder, { recursive: true });
	const todaysRecordings = stageRecordings(settings.recordingsFolder);

	log('importing sandbox credentials and the example workflows');
	await timed('importCredentials', () =>
		cli.importCredentials([
			...sandboxCredentials(options.sandbox, options.smtpPort),
			...(options.extraCredentials ?? []),
		]),
	);
	// staticData null: the sandbox starts empty every time, so trigger cursors kept in a reused user
	// folder (npm start) would describe a world that is gone; triggers start afresh instead.
	const examples = loadExamples().map((example) => ({
		...example,
		workflow: { ...configureExample(example.workflow, settings), staticData: null },
	}));
	await timed('importWorkflows', () =>
		cli.importWorkflows([
			...examples.map((example) => example.workflow),
			...(options.extraWorkflows ?? []),
		]),
	);
	return {
		cli,
		examples,
		recordingsFolder: settings.recordingsFolder,
		notesFolder: settings.notesFolder,
		behaviouralHealthFolder: settings.behaviouralHealthFolder,
		todaysRecordings,
		timings,
	};
}
