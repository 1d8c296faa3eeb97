/** Where the pinned n8n lives and which version it is (the pin is e2e/n8n/package.json). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const N8N_DIR = path.join(REPO_ROOT, 'e2e', 'n8n');
export const N8N_BIN = path.join(N8N_DIR, 'node_modules', 'n8n', 'bin', 'n8n');
/** Written after a complete install; its content is the installed version. */
export const INSTALL_MARKER = path.join(N8N_DIR, 'node_modules', '.clinical-scribe-n8n-version');

export function pinnedN8nVersion(): string {
	const manifest = JSON.parse(readFileSync(path.join(N8N_DIR, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
	return manifest.dependencies.n8n;
}
