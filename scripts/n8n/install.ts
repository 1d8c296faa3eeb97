/**
 * Installs a pinned n8n (one folder per supported version, see paths.ts) once; later calls return in
 * milliseconds. `npx tsx scripts/n8n/install.ts [latest|oldest|all]` or `ensureN8n()` from the
 * start/demo scripts and the e2e tests.
 *
 * The install is `npm ci`: exactly the folder's committed package-lock.json, which it never rewrites,
 * so running the tests leaves the work tree clean. Install scripts are skipped (`--ignore-scripts`) and
 * only the native modules n8n needs here (sqlite3; isolated-vm from n8n 2.13 on) are rebuilt, for the
 * Node that runs that n8n: the other scripts build optional extras (ssh2's cpu-features, ...) n8n runs
 * without.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { N8N_LINES, n8nRuntime, selectedRuntime, type N8nRuntime } from './paths';
import { runOrThrow } from './proc';

// Outside the work tree (a killed install leaves nothing untracked behind) and outside node_modules,
// which `npm ci` deletes first; one lock per install folder.
const lockDir = (runtime: N8nRuntime): string =>
	path.join(
		tmpdir(),
		`clinical-scribe-n8n-install-${createHash('sha256').update(runtime.dir).digest('hex').slice(0, 16)}`,
	);
/** Native modules n8n loads, rebuilt after the script-less install when the version has them. */
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export type Logger = (line: string) => void;
const stdoutLogger: Logger = (line) => process.stdout.write(`${line}\n`);

function installedPin(runtime: N8nRuntime): string | undefined {
	if (!existsSync(runtime.marker) || !existsSync(runtime.bin) || !existsSync(runtime.node))
		return undefined;
	return readFileSync(runtime.marker, 'utf8').trim();
}

function lockHolderAlive(lock: string): boolean {
	try {
		const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time (parallel jest workers, `npm start` next to `npm test`). */
async function withInstallLock<T>(
	runtime: N8nRuntime,
	log: Logger,
	work: () => Promise<T>,
): Promise<T> {
	const lock = lockDir(runtime);
	let announced = false;
	for (;;) {
		try {
			mkdirSync(lock);
			writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!lockHolderAlive(lock)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) log('another process is installing n8n; waiting for it');
			announced = true;
			await new Promise((resolve) => setTimeout(resolve, 2000));
		}
	}
	try {
		return await work();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

async function timed<T>(log: Logger, label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const ticker = setInterval(
		() => log(`  ... ${label} (${Math.round((Date.now() - started) / 1000)} s)`),
		30_000,
	);
	try {
		return await work();
	} finally {
		clearInterval(ticker);
	}
}

export interface EnsureResult {
	version: string;
	bin: string;
	installed: boolean;
	seconds: number;
}

/** Rebuilds the native modules with the Node that runs this n8n (its own headers when it brings its own Node). */
async function rebuildNative(runtime: N8nRuntime, log: Logger): Promise<void> {
	const modules = NATIVE_MODULES.filter((name) =>
		existsSync(path.join(runtime.dir, 'node_modules', name)),
	);
	log(
		`building ${modules.join(' and ')} for Node ${runtime.nodeDist ? 'of ' + runtime.label : process.version}`,
	);
	// npm and node-gyp run under the Node found first on PATH and build for it.
	const env = runtime.nodeDist
		? {
				...process.env,
				PATH: `${path.dirname(runtime.node)}${path.delimiter}${process.env.PATH ?? ''}`,
				npm_config_nodedir: runtime.nodeDist,
			}
		: process.env;
	await timed(log, `npm rebuild ${modules.join(' ')}`, () =>
		runOrThrow(NPM, ['rebuild', ...modules, '--loglevel=error'], { cwd: runtime.dir, env }),
	);
}

/** Makes sure the runtime's folder holds its pinned n8n; throws (with npm's output) when it cannot be installed. */
export async function ensureN8n(
	log: Logger = stdoutLogger,
	runtime: N8nRuntime = selectedRuntime(),
): Promise<EnsureResult> {
	const started = Date.now();
	const { version } = runtime;
	const done = (installed: boolean): EnsureResult => ({
		version,
		bin: runtime.bin,
		installed,
		seconds: (Date.now() - started) / 1000,
	});
	if (installedPin(runtime) === runtime.pin) return done(false);
	if (runtime.nodeDist && (process.platform !== 'linux' || process.arch !== 'x64')) {
		throw new Error(
			`n8n ${version} needs Node 24, which ${runtime.label} brings for Linux x64 only: on this machine use n8n 2.8.4 (--n8n=oldest or CLINICAL_SCRIBE_N8N=oldest)`,
		);
	}
	return withInstallLock(runtime, log, async () => {
		if (installedPin(runtime) === runtime.pin) return done(false);
		log(
			`installing n8n ${version} into ${runtime.label}, this takes a few minutes the first time (about 2 GB)`,
		);
		rmSync(runtime.marker, { force: true });
		// `ci`, not `install`: installs what the lock says and fails instead of rewriting it.
		await timed(log, 'npm ci', () =>
			runOrThrow(NPM, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: runtime.dir,
			}),
		);
		await rebuildNative(runtime, log);
		const manifest = JSON.parse(
			readFileSync(path.join(runtime.dir, 'node_modules', 'n8n', 'package.json'), 'utf8'),
		) as { version: string };
		if (manifest.version !== version)
			throw new Error(`npm installed n8n ${manifest.version}, expected ${version}`);
		writeFileSync(runtime.marker, runtime.pin);
		const result = done(true);
		log(`n8n ${version} installed in ${Math.round(result.seconds)} s`);
		return result;
	});
}

/** `tsx scripts/n8n/install.ts [latest|oldest|<version>|all]`: the selected version (CLINICAL_SCRIBE_N8N, else latest) when no argument. */
async function main(argument: string | undefined): Promise<void> {
	const runtimes = argument === 'all' ? N8N_LINES.map(n8nRuntime) : [selectedRuntime(argument)];
	for (const runtime of runtimes) {
		const result = await ensureN8n(stdoutLogger, runtime);
		if (!result.installed)
			process.stdout.write(
				`n8n ${result.version} already installed in ${runtime.label} (${result.seconds.toFixed(2)} s)\n`,
			);
	}
}

if (require.main === module) {
	main(process.argv[2]).catch((error: Error) => {
		process.stderr.write(`n8n install failed: ${error.message}\n`);
		process.exit(1);
	});
}
