/**
 * Runs every benchmark, prints a table of ratios against baselines measured in this same process,
 * and with --write records it in bench/RESULTS.md. Run: npm run bench [-- --write]
 * Exits non-zero when a target is missed. The benches that need an installed n8n (quota, queue mode,
 * trigger polls, package load) run alone: see their headers and RESULTS.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concurrencyBench } from './concurrency.bench';
import { run } from '../scripts/n8n/proc';
import type { BenchRow } from './measure';
import { noteParseBench } from './noteParse.bench';
import { pollCursorBench } from './pollCursor.bench';

/**
 * The streaming bench measures the process's peak memory, so it runs in a Node process of its own
 * (with --expose-gc), not after the other benches' garbage in this one.
 */
async function streamingRows(): Promise<BenchRow[]> {
	const child = await run(process.execPath, [
		...process.execArgv,
		'--expose-gc',
		path.join(__dirname, 'streaming.bench.ts'),
		'--json',
	]);
	if (child.code !== 0) throw new Error(`the streaming bench failed:\n${child.stderr}`);
	return JSON.parse(child.stdout) as BenchRow[];
}

async function main(): Promise<void> {
	const rows: BenchRow[] = [
		...noteParseBench(),
		...pollCursorBench(),
		...(await concurrencyBench()),
		...(await streamingRows()),
	];
	const header =
		'| benchmark | case | measured | baseline (same run) | ratio | target | met |\n|---|---|---|---|---|---|---|';
	const lines = rows.map(
		(r) =>
			`| ${r.bench} | ${r.case} | ${r.value} | ${r.baseline} | ${r.ratio.toFixed(2)}× | ${r.target} | ${r.ok ? 'yes' : 'NO'} |`,
	);
	const table = [header, ...lines].join('\n');
	process.stdout.write(`${table}\n`);
	if (process.argv.includes('--write')) {
		// Only the table of these benches is replaced: the sections after it hold the results of the
		// benches that run alone, with their commands.
		const file = path.join(__dirname, 'RESULTS.md');
		const rest = readFileSync(file, 'utf8')
			.split(/^(?=## )/m)
			.slice(1)
			.join('');
		const machine = `${os.cpus().length} cores, Node ${process.version}`;
		const text = `# Benchmark results\n\nLatest \`npm run bench -- --write\` (${machine}). Ratios compare with a baseline measured in the same process, so they hold across machines better than the times do.\n\n${table}\n\n${rest}`;
		writeFileSync(file, text);
	}
	if (rows.some((r) => !r.ok)) process.exitCode = 1;
}

void main();
