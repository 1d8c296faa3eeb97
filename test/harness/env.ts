// n8n-core reads its settings folder on first use: keep it out of the user's home.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));
process.env.N8N_LOG_LEVEL ??= 'silent';
