import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type { Page, Subscription } from './model';
import { readSubscription, readSubscriptionPage, readWrappedSubscription } from './shapes';

type SubscriptionKey = { domainId: string; subscriptionId: string };

/** CreateSubscription: POST /domains/{domainId}/subscriptions, no body → 201, flat output. Not idempotent. */
export async function createSubscription(
	client: ConnectHealthClient,
	input: { domainId: string },
	options?: CallOptions,
): Promise<Subscription> {
	const path = restPath`/domains/${input.domainId}/subscriptions`;
	return readSubscription(
		await client.call(
			{ operation: 'CreateSubscription', method: 'POST', path, idempotent: false },
			options,
		),
	);
}

/** ActivateSubscription: POST …/activate, no body. */
export async function activateSubscription(
	client: ConnectHealthClient,
	input: SubscriptionKey,
	options?: CallOptions,
): Promise<Subscription> {
	const path = restPath`/domains/${input.domainId}/subscriptions/${input.subscriptionId}/activate`;
	return readWrappedSubscription(
		await client.call(
			{ operation: 'ActivateSubscription', method: 'POST', path, idempotent: false },
			options,
		),
	);
}

/** DeactivateSubscription: POST …/deactivate, no body. @idempotent. */
export async function deactivateSubscription(
	client: ConnectHealthClient,
	input: SubscriptionKey,
	options?: CallOptions,
): Promise<Subscription> {
	const path = restPath`/domains/${input.domainId}/subscriptions/${input.subscriptionId}/deactivate`;
	return readWrappedSubscription(
		await client.call(
			{ operation: 'DeactivateSubscription', method: 'POST', path, idempotent: true },
			options,
		),
	);
}

/** GetSubscription: GET /domains/{domainId}/subscriptions/{subscriptionId}. */
export async function getSubscription(
	client: ConnectHealthClient,
	input: SubscriptionKey,
	options?: CallOptions,
): Promise<Subscription> {
	const path = restPath`/domains/${input.domainId}/subscriptions/${input.subscriptionId}`;
	return readWrappedSubscription(
		await client.call(
			{ operation: 'GetSubscription', method: 'GET', path, idempotent: true },
			options,
		),
	);
}

/** ListSubscriptions: GET /domains/{domainId}/subscriptions?maxResults=&nextToken= (one page). */
export async function listSubscriptions(
	client: ConnectHealthClient,
	input: { domainId: string; maxResults?: number; nextToken?: string },
	options?: CallOptions,
): Promise<Page<Subscription>> {
	const output = await client.call(
		{
			operation: 'ListSubscriptions',
			method: 'GET',
			path: restPath`/domains/${input.domainId}/subscriptions`,
			query: { maxResults: input.maxResults, nextToken: input.nextToken },
			idempotent: true,
		},
		options,
	);
	return readSubscriptionPage(output);
}
