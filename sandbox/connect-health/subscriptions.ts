import type { SandboxRequest, SandboxResponse } from '../core/types';
import { findDomain, requireActiveDomain } from './domains';
import { newSubscriptionId, subscriptionArn } from './ids';
import { creationKey, paginate } from './pagination';
import { DOMAIN_INPUT, LIST_SUBSCRIPTIONS_INPUT, SUBSCRIPTION_INPUT } from './shapes';
import type { Env, SubscriptionRecord } from './state';
import { replaceTags } from './tags';
import { validateInput, validationError } from './validate';
import { epochSeconds, json, notFound, queryInteger, queryString, quotaExceeded } from './wire';

/**
 * Subscriptions (billing per user). A new subscription is ACTIVE (activatedAt = createdAt);
 * Activate/Deactivate flip ACTIVE ⇄ INACTIVE and are no-ops when already there; all of a
 * domain's subscriptions become DELETED when the domain does.
 */

export function insertSubscription(
	env: Env,
	domainId: string,
	fields: { subscriptionId?: string; createdAt?: number } = {},
): SubscriptionRecord {
	if (fields.subscriptionId !== undefined)
		validateInput(SUBSCRIPTION_INPUT, { domainId, subscriptionId: fields.subscriptionId });
	const subscriptionId = fields.subscriptionId ?? newSubscriptionId();
	if (env.state.subscriptions.has(subscriptionId))
		throw new Error(`subscription ${subscriptionId} already exists`);
	const createdAt = fields.createdAt ?? env.ctx.clock.now();
	const record: SubscriptionRecord = {
		domainId,
		subscriptionId,
		arn: subscriptionArn(env.ctx, domainId, subscriptionId),
		status: 'ACTIVE',
		createdAt,
		lastUpdatedAt: createdAt,
		activatedAt: createdAt,
	};
	env.state.subscriptions.set(subscriptionId, record);
	replaceTags(env, record.arn, {});
	return record;
}

/** The subscription of that domain; unknown (or of another domain) → ResourceNotFoundException. */
export function findSubscription(
	env: Env,
	domainId: string,
	subscriptionId: string,
): SubscriptionRecord {
	const sub = env.state.subscriptions.get(subscriptionId);
	if (!sub || sub.domainId !== domainId)
		throw notFound(`Subscription ${subscriptionId} was not found in domain ${domainId}.`);
	return sub;
}

export function subscriptionDescription(s: SubscriptionRecord): Record<string, unknown> {
	const out: Record<string, unknown> = {
		domainId: s.domainId,
		subscriptionId: s.subscriptionId,
		arn: s.arn,
		status: s.status,
		createdAt: epochSeconds(s.createdAt),
		lastUpdatedAt: epochSeconds(s.lastUpdatedAt),
	};
	if (s.activatedAt !== undefined) out.activatedAt = epochSeconds(s.activatedAt);
	if (s.deactivatedAt !== undefined) out.deactivatedAt = epochSeconds(s.deactivatedAt);
	return out;
}

export function createSubscription(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(DOMAIN_INPUT, labels);
	requireActiveDomain(env, labels.domainId);
	const live = [...env.state.subscriptions.values()].filter(
		(s) => s.domainId === labels.domainId && s.status !== 'DELETED',
	).length;
	if (live >= env.quotas.maxSubscriptionsPerDomain) {
		throw quotaExceeded(
			`Domain ${labels.domainId} already has the maximum of ${env.quotas.maxSubscriptionsPerDomain} subscriptions.`,
		);
	}
	// CreateSubscription answers the description flat, not wrapped in `subscription`.
	return json(201, subscriptionDescription(insertSubscription(env, labels.domainId)));
}

export function getSubscription(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(SUBSCRIPTION_INPUT, labels);
	findDomain(env, labels.domainId);
	return json(200, {
		subscription: subscriptionDescription(
			findSubscription(env, labels.domainId, labels.subscriptionId),
		),
	});
}

export function setSubscriptionActive(
	env: Env,
	labels: Record<string, string>,
	active: boolean,
): SandboxResponse {
	validateInput(SUBSCRIPTION_INPUT, labels);
	requireActiveDomain(env, labels.domainId);
	const sub = findSubscription(env, labels.domainId, labels.subscriptionId);
	if (sub.status === 'DELETED')
		throw validationError(`Subscription ${sub.subscriptionId} is deleted.`);
	const target = active ? 'ACTIVE' : 'INACTIVE';
	if (sub.status !== target) {
		const now = env.ctx.clock.now();
		sub.status = target;
		sub.lastUpdatedAt = now;
		if (active) sub.activatedAt = now;
		else sub.deactivatedAt = now;
	}
	return json(200, { subscription: subscriptionDescription(sub) });
}

export function listSubscriptions(
	env: Env,
	req: SandboxRequest,
	labels: Record<string, string>,
): SandboxResponse {
	const input = {
		domainId: labels.domainId,
		maxResults: queryInteger(req, 'maxResults'),
		nextToken: queryString(req, 'nextToken'),
	};
	validateInput(LIST_SUBSCRIPTIONS_INPUT, input);
	findDomain(env, input.domainId);
	const key = (s: SubscriptionRecord): string => creationKey(s.createdAt, s.subscriptionId);
	const subs = [...env.state.subscriptions.values()]
		.filter((s) => s.domainId === input.domainId)
		.sort((a, b) => (key(a) < key(b) ? -1 : 1));
	const page = paginate(
		subs,
		key,
		`ListSubscriptions:${input.domainId}`,
		input.maxResults ?? env.quotas.defaultMaxResults,
		input.nextToken,
	);
	const subscriptions = page.items.map(subscriptionDescription);
	return json(
		200,
		page.nextToken ? { subscriptions, nextToken: page.nextToken } : { subscriptions },
	);
}
