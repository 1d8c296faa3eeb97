import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { ItemValidator } from '../../common/validate';
import { domainIdFrom } from '../actions/locators';
import { connectHealthClient } from '../transport/client';
import { listDomains } from '../transport/domains';
import { listSubscriptions } from '../transport/subscriptions';

const matches = (filter: string | undefined, ...texts: string[]) =>
	!filter || texts.some((text) => text.toLowerCase().includes(filter.toLowerCase()));

/** Domains for the Domain locator, one ListDomains page per call (deleted ones left out). */
export async function searchDomains(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await connectHealthClient(this);
	const page = await listDomains(client, { maxResults: 100, nextToken: paginationToken });
	return {
		results: page.items
			.filter((d) => d.status !== 'DELETED' && matches(filter, d.name, d.domainId))
			.map((d) => ({ name: `${d.name} (${d.domainId})`, value: d.domainId })),
		paginationToken: page.nextToken,
	};
}

/** Subscriptions of the domain chosen above, for the Subscription locator. */
export async function searchSubscriptions(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	let domainId: string;
	try {
		domainId = domainIdFrom(
			this.getCurrentNodeParameter('domain'),
			new ItemValidator(this.getNode(), 0),
		);
	} catch {
		// No domain chosen yet: nothing to list.
		return { results: [] };
	}
	const client = await connectHealthClient(this);
	const page = await listSubscriptions(client, {
		domainId,
		maxResults: 100,
		nextToken: paginationToken,
	});
	return {
		results: page.items
			.filter((s) => s.status !== 'DELETED' && matches(filter, s.subscriptionId, s.status))
			.map((s) => ({
				name: `${s.subscriptionId} (${s.status.toLowerCase()})`,
				value: s.subscriptionId,
			})),
		paginationToken: page.nextToken,
	};
}
