import type { Logger, Pluggable } from '@smithy/types';
import { integrityPlugin } from './integrity';
import type { AwsSettings } from './settings';

/** The SDK logs through this (never `console`): a non-retryable streaming upload, for one, warns. */
const SILENT_LOGGER: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * Transport settings of every AWS SDK client, the AssumeRole client included. The request
 * handler is given as NodeHttpHandler options: `socketTimeout` is an inactivity timeout (no
 * byte for that long fails the attempt, with TimeoutError), `connectionTimeout` bounds the
 * TCP/TLS connect. Node's http client never follows redirects, so a 3xx is an error answer and
 * a signed request is never replayed to another host.
 */
export function sdkTransportConfig(settings: AwsSettings) {
	return {
		requestHandler: {
			socketTimeout: settings.requestTimeoutMs,
			connectionTimeout: settings.requestTimeoutMs,
		},
		logger: SILENT_LOGGER,
	};
}

/** Plugins every AWS SDK client gets (see integrity.ts). */
export const SDK_PLUGINS: Array<Pluggable<object, object>> = [integrityPlugin];

/** Adds the shared plugins to a new SDK client. */
export function withSdkPlugins<C extends { middlewareStack: { use(plugin: never): void } }>(
	client: C,
): C {
	for (const plugin of SDK_PLUGINS) client.middlewareStack.use(plugin as never);
	return client;
}
