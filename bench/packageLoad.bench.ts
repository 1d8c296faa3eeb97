/**
 * Package load (issue 13): what this package adds to `n8n start`. n8n loads every community package in
 * ~/.n8n/nodes/node_modules with n8n-core's LazyPackageDirectoryLoader: when the package ships
 * dist/known/*.json and dist/types/*.json (`n8n-generate-metadata`, run by `npm run build`), n8n reads
 * those and requires a node's code only when a workflow first uses it; without them it falls back to
 * requiring every node and credential file at start. Each case runs in a fresh process of the pinned
 * n8n's own Node (bench/packageLoadChild.js), alternating, median of RUNS; CPU time is quoted because
 * the test machines are shared (wall time is given too).
 * Run alone: npm run build && npx tsx bench/packageLoad.bench.ts
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { n8nRuntime, REPO_ROOT, type N8nLine } from '../scripts/n8n/paths';
import { runOrThrow } from '../scripts/n8n/proc';
import type { BenchRow } from './measure';

const RUNS = 9;
const TARGET_MS = 50;

interface Sample {
	ms: number;
	cpuMs: number;
	nodes: number;
	credentials: number;
	lazy: boolean;
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function sample(node: string, modules: string, mode: 'lazy' | 'eager'): Promise<Sample> {
	const { stdout } = await runOrThrow(node, [
		path.join(__dirname, 'packageLoadChild.js'),
		modules,
		REPO_ROOT,
		mode,
	]);
	return JSON.parse(stdout.trim().split('\n').at(-1)!) as Sample;
}

export async function packageLoadBench(
	lines: N8nLine[] = ['latest', 'oldest'],
): Promise<BenchRow[]> {
	const rows: BenchRow[] = [];
	for (const line of lines) {
		const runtime = n8nRuntime(line);
		const modules = path.join(runtime.dir, 'node_modules');
		const bench = `Package load at n8n start (n8n ${runtime.version})`;
		if (!existsSync(runtime.marker)) {
			rows.push({
				bench,
				case: 'not measured',
				value: `n8n ${runtime.version} is not installed (npm run n8n:install)`,
				baseline: '',
				ratio: 0,
				target: `≤ ${TARGET_MS} ms`,
				ok: false,
			});
			continue;
		}
		const lazy: Sample[] = [];
		const eager: Sample[] = [];
		for (let i = 0; i < RUNS + 1; i++) {
			const a = await sample(runtime.node, modules, 'lazy');
			const b = await sample(runtime.node, modules, 'eager');
			if (i === 0) continue; // warm-up: the file system cache
			lazy.push(a);
			eager.push(b);
		}
		const [l, e] = [lazy, eager].map((samples) => ({
			cpu: median(samples.map((s) => s.cpuMs)),
			wall: median(samples.map((s) => s.ms)),
		}));
		const loaded =
			lazy.every((s) => s.lazy && s.nodes === 6 && s.credentials === 3) &&
			eager.every((s) => s.nodes === 6 && s.credentials === 3);
		rows.push({
			bench,
			case: `n8n-core's loader on this package (6 nodes, 3 credentials), shipped metadata read (lazy); median of ${RUNS} fresh processes`,
			value: `${l.cpu.toFixed(1)} ms CPU (${l.wall.toFixed(1)} ms wall)`,
			baseline: `every node and credential file required (no metadata): ${e.cpu.toFixed(1)} ms CPU (${e.wall.toFixed(1)} ms wall)`,
			ratio: l.cpu / e.cpu,
			target: `≤ ${TARGET_MS} ms`,
			ok: loaded && l.cpu <= TARGET_MS,
		});
	}
	return rows;
}

if (require.main === module) {
	void packageLoadBench().then((rows) => {
		for (const r of rows)
			process.stdout.write(
				`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.ok ? 'yes' : 'NO'} |\n`,
			);
	});
}
