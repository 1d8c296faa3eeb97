/**
 * The package as users get it: `npm pack` of the built dist, installed into an n8n user folder's
 * `.n8n/nodes` the way n8n's community-package install does (node types `n8n-nodes-clinical-scribe.*`).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';
import { runOrThrow } from './proc';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export const PACKAGE_NAME = (
	JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string }
).name;

/** Node files package.json registers; all must be built before packing. */
function registeredFiles(): string[] {
	const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	return [...manifest.n8n.nodes, ...manifest.n8n.credentials];
}

/** Packs the built package into `destination` and returns the tarball's path. Run `npm run build` first. */
export async function packPackage(destination: string): Promise<string> {
	const missing = registeredFiles().filter((file) => !existsSync(path.join(REPO_ROOT, file)));
	if (missing.length)
		throw new Error(`dist is not built (missing ${missing.join(', ')}): run npm run build`);
	mkdirSync(destination, { recursive: true });
	const { stdout } = await runOrThrow(
		NPM,
		['pack', '--json', '--pack-destination', destination, '--loglevel=error'],
		{ cwd: REPO_ROOT },
	);
	const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ filename: string }>;
	return path.join(destination, packed.filename);
}

/** Installs the tarball into `<userFolder>/.n8n/nodes` (replacing an earlier install of it). */
export async function installPackage(userFolder: string, tarball: string): Promise<void> {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	mkdirSync(nodesDir, { recursive: true });
	const manifest = path.join(nodesDir, 'package.json');
	if (!existsSync(manifest))
		writeFileSync(
			manifest,
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`,
		);
	await runOrThrow(
		NPM,
		['install', '--omit=peer', '--no-audit', '--no-fund', '--loglevel=error', tarball],
		{ cwd: nodesDir },
	);
}

/** `npm run build` (clean dist, tsc, icons), output passed through. */
export async function buildPackage(): Promise<void> {
	await runOrThrow(NPM, ['run', 'build', '--silent'], { cwd: REPO_ROOT, inherit: true });
}
