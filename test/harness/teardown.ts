/**
 * n8n-core services made for the life of an n8n process keep timers that would hold a jest worker
 * open after its tests: stop them when a test file is done, as n8n does on shutdown.
 */
import { Container } from '@n8n/di';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

/** Clears the 60 s stale-connection sweep the SSH tunnel manager starts when the first node runs. */
export function stopN8nCoreServices(): void {
	Container.get(SSHClientsManager).onShutdown();
}

// Jest loads the harness once per test file (own module registry), so this runs after each file.
if (typeof afterAll === 'function') afterAll(stopN8nCoreServices);
