import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { PollCursor } from '../../common/pollCursor';
import { pollParams } from '../../common/params';
import { collectPages } from '../../common/pagination';
import { domainIdFrom } from '../actions/locators';
import { connectHealthClient, type ConnectHealthClient } from '../transport/client';
import { getDomain, listDomains } from '../transport/domains';
import type { DomainSummary, Subscription } from '../transport/model';
import { RULES } from '../actions/validation';
import { listSubscriptions } from '../transport/subscriptions';
import { SKEW_MS } from './listing';
import { readReplay } from '../../common/replay';

interface DomainStatusState {
	scope: string;
	/** Status of every domain not yet DELETED: bounded by the account's live domains, not by history. */
	statuses: Record<string, string>;
}

/** A domain that left the live lists: read once more by id (common/recordRetry retries a failed read). */
interface GoneDomain extends IDataObject {
	domainId: string;
	previousStatus: string;
}

const allPages = async <T>(
	fetch: (
		nextToken: string | undefined,
		pageSize: number,
	) => Promise<{ items: T[]; nextToken?: string }>,
) =>
	await collectPages(
		Number.POSITIVE_INFINITY,
		async (nextToken) => await fetch(nextToken, RULES.maxResults.max),
	);

/** Live domains only (ACTIVE and DELETING), so the cost does not grow with every domain ever deleted. */
async function liveDomains(client: ConnectHealthClient): Promise<DomainSummary[]> {
	const lists = await Promise.all(
		['ACTIVE', 'DELETING'].map(
			async (status) =>
				await allPages((nextToken, maxResults) =>
					listDomains(client, { status, maxResults, nextToken }),
				),
		),
	);
	return lists.flat();
}

/**
 * Domains have no "updated" time, so changes are found by comparing with the statuses of the last
 * poll. A domain that left the live lists is read once more (it is DELETED, or gone). One that
 * cannot be read does not hold the others back: it stays watched with its last status and is read
 * again on the next polls, then reported once with `error` (common/recordRetry).
 */
async function pollDomains(
	context: IPollFunctions,
	client: ConnectHealthClient,
): Promise<IDataObject[]> {
	const live = await liveDomains(client);
	if (context.getMode() === 'manual') {
		const newest = [...live].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
		return newest ? [{ resourceType: 'domain', ...newest }] : [];
	}
	const staticData = context.getWorkflowStaticData('node');
	const scope = 'domainStatus';
	// No event times here, so the cursor only holds the unreadable domains and commits this poll's statuses once it has succeeded.
	const poll = PollCursor.begin(staticData, { scope });
	const stored = staticData.domainStatus as DomainStatusState | undefined;
	const previous = stored?.scope === scope ? stored.statuses : undefined;
	const statuses: Record<string, string> = {};
	const changes: IDataObject[] = [];
	for (const domain of live) {
		statuses[domain.domainId] = domain.status;
		const before = previous?.[domain.domainId];
		if (previous && before !== domain.status)
			changes.push({
				resourceType: 'domain',
				...domain,
				...(before ? { previousStatus: before } : {}),
			});
	}
	const gone = Object.entries(previous ?? {}).filter(([domainId]) => !(domainId in statuses));
	const records = gone.map(([domainId, previousStatus]) => ({
		key: domainId,
		record: { domainId, previousStatus },
	}));
	const reads = await poll.build<GoneDomain>(
		context.getNode(),
		records,
		{
			identify: ({ domainId, previousStatus }) => ({
				resourceType: 'domain',
				domainId,
				previousStatus,
			}),
			build: async ({ domainId, previousStatus }) => {
				// Back in the live lists since it failed: compared there already.
				if (domainId in statuses) return undefined;
				const now = await getDomain(client, { domainId }).catch((error: { httpCode?: string }) => {
					if (error.httpCode === '404') return { domainId, status: 'DELETED' } as DomainSummary;
					throw error;
				});
				if (now.status !== 'DELETED') statuses[domainId] = now.status;
				return now.status !== previousStatus
					? { json: { resourceType: 'domain', ...now, previousStatus } }
					: undefined;
			},
		},
		1,
	);
	// Still unreadable: watched with the status it had, so it is read again next time.
	for (const domainId of poll.pendingKeys)
		if (previous?.[domainId]) statuses[domainId] = previous[domainId];
	poll.commit({
		domainStatus: { scope, statuses } satisfies DomainStatusState as unknown as IDataObject,
	});
	return [...changes, ...reads.map((item) => item.json)];
}

/** Subscriptions carry lastUpdatedAt: each (subscription, status, lastUpdatedAt) is one change, emitted once by the cursor. */
async function pollSubscriptions(
	context: IPollFunctions,
	client: ConnectHealthClient,
): Promise<IDataObject[]> {
	const p = pollParams(context);
	const domainId = domainIdFrom(p.raw('domain'), p);
	// Read before the listing, so a bad value fails before any call.
	const replay = readReplay(context);
	const subscriptions = await allPages((nextToken, maxResults) =>
		listSubscriptions(client, { domainId, maxResults, nextToken }),
	);
	const events = subscriptions.map((s: Subscription) => ({
		key: `${s.subscriptionId}|${s.status}|${s.lastUpdatedAt}`,
		time: Date.parse(s.lastUpdatedAt),
		subscription: s,
	}));
	const item = (s: Subscription): IDataObject => ({ resourceType: 'subscription', ...s });
	if (context.getMode() === 'manual') {
		const newest = [...events].sort((a, b) => b.time - a.time)[0];
		return newest ? [item(newest.subscription)] : [];
	}
	const cursor = PollCursor.begin(context.getWorkflowStaticData('node'), {
		scope: JSON.stringify(['subscriptionStatus', domainId]),
		lookbackMs: SKEW_MS,
		replaySince: replay.since,
	});
	const items = cursor.take(events).map((event) => item(event.subscription));
	cursor.commit(replay.state);
	return items;
}

/** "Domain or subscription status changed", through the list operations. */
export async function pollStatusChanges(context: IPollFunctions): Promise<IDataObject[]> {
	const watch = pollParams(context).options(
		'watch',
		'Watch',
		['domains', 'subscriptions'] as const,
		'domains',
	);
	const client = await connectHealthClient(context);
	return watch === 'subscriptions'
		? await pollSubscriptions(context, client)
		: await pollDomains(context, client);
}
