/**
 * Runs every benchmark, prints a table of ratios against baselines measured in this same process,
 * and with --write records it in bench/RESULTS.md. Run: npm run bench [-- --write]
 * Exits non-zero when a target is missed. The benches that need an installed n8n (quota, queue mode,
 * trigger polls, package load) run alone: see their headers and RESULTS.md.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { concurrencyBench } from './concurrency.bench';
import type { BenchRow } from './measure';
import { noteParseBench } from './noteParse.bench';
import { pollCursorBench } from './pollCursor.bench';
import { streamingBench } from './streaming.bench';

async function main(): Promise<void> {
	const rows: BenchRow[] = [
		...noteParseBench(),
		...pollCursorBench(),
		...(await concurrencyBench()),
		...(await streamingBench()),
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
		const machine = `${os.cpus().length} cores, Node ${process.version}`;
		const text = `# Benchmark results\n\nLatest \`npm run bench -- --write\` (${machine}). Ratios compare with a baseline measured in the same process, so they hold across machines better than the times do.\n\n${table}\n`;
		writeFileSync(path.join(__dirname, 'RESULTS.md'), text);
	}
	if (rows.some((r) => !r.ok)) process.exitCode = 1;
}

void main();
