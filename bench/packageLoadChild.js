/**
 * One measurement for bench/packageLoad.bench.ts, in a fresh process of n8n's own Node: n8n's loader
 * for community packages (n8n-core's LazyPackageDirectoryLoader, what `n8n start` runs for each package
 * in ~/.n8n/nodes/node_modules) on this package. Args: <n8n node_modules> <package folder> <lazy|eager>;
 * `eager` uses the loader n8n falls back to when the package ships no dist/known + dist/types metadata.
 * Prints {"ms":… (wall), "cpuMs":… (this process's CPU), "nodes":…, "credentials":…, "lazy":…} as one JSON line.
 */
const path = require('node:path');
const [modules, packageDir, mode] = process.argv.slice(2);
const from = (name) => require(require.resolve(name, { paths: [modules] }));
const core = from('n8n-core');
// n8n has n8n-workflow loaded long before it loads packages: not part of the package's cost.
require(require.resolve('n8n-workflow', { paths: [packageDir] }));
const Loader = mode === 'eager' ? core.PackageDirectoryLoader : core.LazyPackageDirectoryLoader;

// n8n's logger exists before packages load, and n8n has read many JSON files with fs/promises by
// then: both happen here outside the timing, so only this package's share is measured.
from('@n8n/di').Container.get(from('@n8n/backend-common').Logger);
const warm = () =>
	require('node:fs/promises')
		.readFile(path.join(packageDir, 'package.json'), 'utf8')
		.then(JSON.parse);

void (async () => {
	await warm();
	const started = performance.now();
	const cpu = process.cpuUsage();
	const loader = new Loader(path.resolve(packageDir));
	await loader.loadAll();
	const ms = performance.now() - started;
	const used = process.cpuUsage(cpu);
	const cpuMs = (used.user + used.system) / 1000;
	process.stdout.write(
		`${JSON.stringify({ ms, cpuMs, nodes: Object.keys(loader.known.nodes).length, credentials: Object.keys(loader.known.credentials).length, lazy: loader.isLazyLoaded === true })}\n`,
	);
})();
