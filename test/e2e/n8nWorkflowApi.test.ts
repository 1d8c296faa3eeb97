/**
 * Every value the package imports from n8n-workflow at run time is exported by the n8n-workflow of
 * each supported n8n. The package compiles against one n8n-workflow (a devDependency) but runs on
 * the one of the n8n it is installed in: n8n 2.8 exports `sleepWithAbort`, n8n 2.41 does not, and
 * a missing export only shows when the code path runs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureN8n } from '../../scripts/n8n/install';
import { N8N_LINES, n8nRuntime, REPO_ROOT } from '../../scripts/n8n/paths';

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => path.join(entry.parentPath, entry.name));
}

/** Names in `import { a, type B, c } from 'n8n-workflow'`, without type-only imports. */
export function valueImports(source: string): string[] {
	const names: string[] = [];
	for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*'n8n-workflow'/g)) {
		if (match[1]) continue;
		for (const part of match[2].split(',')) {
			const name = part.trim();
			if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/)[0]);
		}
	}
	return names;
}

const used = [
	...new Set(
		['nodes', 'credentials']
			.flatMap((dir) => sourceFiles(path.join(REPO_ROOT, dir)))
			.flatMap((file) => valueImports(readFileSync(file, 'utf8'))),
	),
].sort();

test('valueImports reads value imports and skips type-only ones', () => {
	const source = [
		"import { sleep, type IDataObject, NodeApiError as ApiError } from 'n8n-workflow';",
		"import type { INodeProperties } from 'n8n-workflow';",
	].join('\n');
	expect(valueImports(source)).toEqual(['sleep', 'NodeApiError']);
	expect(used).toContain('NodeOperationError');
});

describe.each(N8N_LINES)('n8n-workflow of the %s n8n', (line) => {
	const runtime = n8nRuntime(line);
	test(
		'exports every value the package imports',
		async () => {
			await ensureN8n((text) => process.stderr.write(`[n8n-workflow api] ${text}\n`), runtime);
			const exported = JSON.parse(
				execFileSync(
					runtime.node,
					['-e', "process.stdout.write(JSON.stringify(Object.keys(require('n8n-workflow'))))"],
					{ cwd: runtime.dir, encoding: 'utf8' },
				),
			) as string[];
			expect(used.filter((name) => !exported.includes(name))).toEqual([]);
		},
		40 * 60_000,
	);
});
