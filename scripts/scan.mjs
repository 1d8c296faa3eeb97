// Runs n8n's community-package scanner (@n8n/scan-community-package) on this package offline.
// The scanner's CLI only takes a published package name: it checks npm provenance, downloads the
// attested GitHub source and the tarball, then lints both with `analyzePackage`. Here the same
// `analyzePackage` lints what it would get: this repository's sources and the tarball `npm pack`
// makes from dist/ (run `npm run build` first; `npm run scan` and `npm test` do).
//
// Findings of the rules in ALLOWED are the documented exceptions (README, "Supported n8n"): the
// package targets self-hosted n8n and ships the AWS SDK as runtime dependencies. Any other finding
// fails the run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ALLOWED = new Set([
	'@n8n/community-nodes/no-runtime-dependencies',
	'@n8n/community-nodes/no-restricted-imports',
]);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'clinical-scribe-scan-'));
// The scanner makes a temporary folder when it loads and leaves it: make it inside ours.
process.env.TMPDIR = work;
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(
	'@n8n/scan-community-package/scanner/scanner.mjs'
);

try {
	// As scripts/n8n/package.ts packs it for the e2e suite: the JSON is what follows any npm notice.
	const packOutput = execFileSync(
		'npm',
		['pack', '--json', '--pack-destination', work, '--loglevel=error'],
		{ cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const packed = JSON.parse(packOutput.slice(packOutput.indexOf('[')));
	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', [
		'-xzf',
		path.join(work, packed[0].filename),
		'-C',
		unpacked,
		'--strip-components=1',
	]);

	// The three runs: the scanner's two legs (attested source, shipped .js + package.json) and,
	// for comparison with older scanner versions, every .js/.ts/.json file in the tarball.
	const runs = [
		['source (nodes/, credentials/, package.json)', root, SOURCE_FILE_PATTERNS],
		['tarball (.js, package.json)', unpacked, ['**/*.js', 'package.json']],
		['tarball (all .js, .ts, .json)', unpacked, undefined],
	];
	let unexpected = 0;
	for (const [label, dir, patterns] of runs) {
		const result = await analyzePackage(dir, patterns);
		const findings = parseStylish(result.details ?? '');
		if (!result.passed && findings.length === 0) {
			throw new Error(`${label}: ${result.message}`);
		}
		const byRule = new Map();
		for (const { severity, rule } of findings) {
			const key = `${severity} ${rule}`;
			byRule.set(key, (byRule.get(key) ?? 0) + 1);
		}
		const errors = findings.filter((f) => f.severity === 'error');
		const other = errors.filter((f) => !ALLOWED.has(f.rule));
		unexpected += other.length;
		process.stdout.write(
			`${label}: ${errors.length} errors, ${findings.length - errors.length} warnings` +
				` (${other.length} outside the documented dependency rules)\n`,
		);
		for (const [key, count] of [...byRule].sort()) process.stdout.write(`  ${count}  ${key}\n`);
		if (other.length > 0) process.stdout.write(`${result.details}\n`);
	}
	process.exitCode = unexpected > 0 ? 1 : 0;
} finally {
	rmSync(work, { recursive: true, force: true });
}

/** Reads rule ids out of ESLint's stylish report (the only form analyzePackage returns). */
function parseStylish(text) {
	const findings = [];
	for (const line of text.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) {
		const match = /^\s+\d+:\d+\s+(error|warning)\s+.*?\s(\S+)\s*$/.exec(line);
		if (match) findings.push({ severity: match[1], rule: match[2] });
	}
	return findings;
}
