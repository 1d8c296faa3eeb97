import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PollCursor } from '../../common/pollCursor';
import { errorItem, retryLater } from '../../common/recordRetry';
import { pollParams } from '../../common/params';
import { collectPages } from '../../common/pagination';
import { domainIdFrom } from '../actions/locators';
import { connectHealthClient, type ConnectHealthClient } from '../transport/client';
import { getDomain, listDomains } from '../transport/domains';
import { RULES, type DomainSummary, type Subscription } from '../transport/model';
import { listSubscriptions } from '../transport/subscriptions';
import { SKEW_MS } from './listing';

interface DomainStatusState {
	scope: string;
	/** Status of every domain not yet DELETED: bounded by the account's live domains, not by history. */
	statuses: Record<string, string>;
	/** Polls in which a domain that left the live lists could not be read (transient failures) so far. */
	unread?: Record<string, number>;
}

const allPages = async <T>(fetch: (nextToken: string | undefined, pageSize: number) => Promise<{ items: T[]; nextToken?: string }>) =>
	await collectPages(Number.POSITIVE_INFINITY, async (nextToken) => await fetch(nextToken, RULES.maxResults.max));

/** Live domains only (ACTIVE and DELETING), so the cost does not grow with every domain ever deleted. */
async function liveDomains(client: ConnectHealthClient): Promise<DomainSummary[]> {
	const lists = await Promise.all(
		['ACTIVE', 'DELETING'].map(async (status) => await allPages((nextToken, maxResults) => listDomains(client, { status, maxResults, nextToken }))),
	);
	return lists.flat();
}

/**
 * Domains have no "updated" time, so changes are found by comparing with the statuses of the last
 * poll. A domain that left the live lists is read once more (it is DELETED, or gone).
 */
async function pollDomains(context: IPollFunctions, client: ConnectHealthClient): Promise<IDataObject[]> {
	const live = await liveDomains(client);
	if (context.getMode() === 'manual') {
		const newest = [...live].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
		return newest ? [{ resourceType: 'domain', ...newest }] : [];
	}
	const staticData = context.getWorkflowStaticData('node');
	const scope = 'domainStatus';
	const stored = staticData.domainStatus as DomainStatusState | undefined;
	const previous = stored?.scope === scope ? stored.statuses : undefined;
	const statuses: Record<string, string> = {};
	const changes: IDataObject[] = [];
	for (const domain of live) {
		statuses[domain.domainId] = domain.status;
		const before = previous?.[domain.domainId];
		if (previous && before !== domain.status) changes.push({ resourceType: 'domain', ...domain, ...(before ? { previousStatus: before } : {}) });
	}
	const unread: Record<string, number> = {};
	for (const [domainId, before] of Object.entries(previous ?? {})) {
		if (domainId in statuses) continue;
		let now: DomainSummary;
		try {
			now = await getDomain(client, { domainId }).catch((error: { httpCode?: string }) => {
				if (error.httpCode === '404') return { domainId, status: 'DELETED' } as DomainSummary;
				throw error;
			});
		} catch (error) {
			// One domain that cannot be read does not hold the others back: it is read again on the
			// next polls (as if still live), and reported once with `error` after the budget or at
			// once when the failure is permanent (the same policy as common/recordRetry).
			const attempts = (stored?.unread?.[domainId] ?? 0) + 1;
			if (retryLater(error, attempts)) {
				statuses[domainId] = before;
				unread[domainId] = attempts;
			} else changes.push(errorItem({ resourceType: 'domain', domainId, previousStatus: before }, error, attempts).json);
			continue;
		}
		if (now.status !== 'DELETED') statuses[domainId] = now.status;
		if (now.status !== before) changes.push({ resourceType: 'domain', ...now, previousStatus: before });
	}
	staticData.domainStatus = { scope, statuses, unread } as unknown as IDataObject;
	return changes;
}

/** Subscriptions carry lastUpdatedAt: each (subscription, status, lastUpdatedAt) is one change, emitted once by the cursor. */
async function pollSubscriptions(context: IPollFunctions, client: ConnectHealthClient): Promise<IDataObject[]> {
	const p = pollParams(context);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const subscriptions = await allPages((nextToken, maxResults) => listSubscriptions(client, { domainId, maxResults, nextToken }));
	const events = subscriptions.map((s: Subscription) => ({ key: `${s.subscriptionId}|${s.status}|${s.lastUpdatedAt}`, time: Date.parse(s.lastUpdatedAt), subscription: s }));
	const item = (s: Subscription): IDataObject => ({ resourceType: 'subscription', ...s });
	if (context.getMode() === 'manual') {
		const newest = [...events].sort((a, b) => b.time - a.time)[0];
		return newest ? [item(newest.subscription)] : [];
	}
	const cursor = new PollCursor(context.getWorkflowStaticData('node'), { scope: JSON.stringify(['subscriptionStatus', domainId]), lookbackMs: SKEW_MS });
	return cursor.take(events).map((event) => item(event.subscription));
}

/** "Domain or subscription status changed", through the list operations. */
export async function pollStatusChanges(context: IPollFunctions): Promise<IDataObject[]> {
	const watch = pollParams(context).options('watch', 'Watch', ['domains', 'subscriptions'] as const, 'domains');
	const client = await connectHealthClient(context);
	return watch === 'subscriptions' ? await pollSubscriptions(context, client) : await pollDomains(context, client);
}
