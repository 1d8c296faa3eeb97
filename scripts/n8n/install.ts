/**
 * Installs the pinned n8n into e2e/n8n/ once; later calls return in milliseconds.
 * `npx tsx scripts/n8n/install.ts` or `ensureN8n()` from the start/demo scripts and the e2e tests.
 *
 * The install is `npm ci`: exactly the committed e2e/n8n/package-lock.json, which it never rewrites,
 * so running the tests leaves the work tree clean. Install scripts are skipped (`--ignore-scripts`) and
 * only sqlite3, the one native module n8n needs here, is rebuilt: the other scripts build optional
 * extras (ssh2's cpu-features, ...) n8n runs without.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INSTALL_MARKER, N8N_BIN, N8N_DIR, pinnedN8nVersion } from './paths';
import { runOrThrow } from './proc';

// Outside the work tree (a killed install leaves nothing untracked behind) and outside node_modules,
// which `npm ci` deletes first; one lock per checkout.
const LOCK_DIR = path.join(tmpdir(), `clinical-scribe-n8n-install-${createHash('sha256').update(N8N_DIR).digest('hex').slice(0, 16)}`);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export type Logger = (line: string) => void;
const stdoutLogger: Logger = (line) => process.stdout.write(`${line}\n`);

function installedVersion(): string | undefined {
	if (!existsSync(INSTALL_MARKER) || !existsSync(N8N_BIN)) return undefined;
	return readFileSync(INSTALL_MARKER, 'utf8').trim();
}

function lockHolderAlive(): boolean {
	try {
		const pid = Number(readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** One installer at a time (parallel jest workers, `npm start` next to `npm test`). */
async function withInstallLock<T>(log: Logger, work: () => Promise<T>): Promise<T> {
	let announced = false;
	for (;;) {
		try {
			mkdirSync(LOCK_DIR);
			writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (!lockHolderAlive()) {
				rmSync(LOCK_DIR, { recursive: true, force: true });
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
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

async function timed<T>(log: Logger, label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	const ticker = setInterval(() => log(`  ... ${label} (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
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

/** Makes sure e2e/n8n holds the pinned n8n; throws (with npm's output) when it cannot be installed. */
export async function ensureN8n(log: Logger = stdoutLogger): Promise<EnsureResult> {
	const started = Date.now();
	const version = pinnedN8nVersion();
	const done = (installed: boolean): EnsureResult => ({ version, bin: N8N_BIN, installed, seconds: (Date.now() - started) / 1000 });
	if (installedVersion() === version) return done(false);
	return withInstallLock(log, async () => {
		if (installedVersion() === version) return done(false);
		log(`installing n8n ${version} into e2e/n8n, this takes a few minutes the first time (about 2 GB)`);
		rmSync(INSTALL_MARKER, { force: true });
		// `ci`, not `install`: installs what the lock says and fails instead of rewriting it.
		await timed(log, 'npm ci', () => runOrThrow(NPM, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: N8N_DIR }));
		log('building sqlite3 for this Node version');
		await timed(log, 'npm rebuild sqlite3', () => runOrThrow(NPM, ['rebuild', 'sqlite3', '--loglevel=error'], { cwd: N8N_DIR }));
		const manifest = JSON.parse(readFileSync(path.join(N8N_DIR, 'node_modules', 'n8n', 'package.json'), 'utf8')) as { version: string };
		if (manifest.version !== version) throw new Error(`npm installed n8n ${manifest.version}, expected ${version}`);
		writeFileSync(INSTALL_MARKER, version);
		const result = done(true);
		log(`n8n ${version} installed in ${Math.round(result.seconds)} s`);
		return result;
	});
}

if (require.main === module) {
	ensureN8n().then(
		(result) => {
			if (!result.installed) process.stdout.write(`n8n ${result.version} already installed in e2e/n8n (${result.seconds.toFixed(2)} s)\n`);
		},
		(error: Error) => {
			process.stderr.write(`n8n install failed: ${error.message}\n`);
			process.exit(1);
		},
	);
}
