import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type { ListeningSessionDetails } from './model';
import { readListeningSession } from './shapes';

/**
 * GetMedicalScribeListeningSession on the `streaming.` host (singular `/domain/…/subscription/…`).
 * Resolves with the details (empty when the service sends none).
 */
export async function getListeningSession(
	client: ConnectHealthClient,
	input: { domainId: string; subscriptionId: string; sessionId: string },
	options?: CallOptions,
): Promise<ListeningSessionDetails> {
	const output = await client.call(
		{
			operation: 'GetMedicalScribeListeningSession',
			method: 'GET',
			path: restPath`/medical-scribe-stream/domain/${input.domainId}/subscription/${input.subscriptionId}/session/${input.sessionId}`,
			hostPrefix: 'streaming.',
			idempotent: true,
		},
		options,
	);
	return readListeningSession(output);
}
