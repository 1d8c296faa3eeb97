import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type { CreateDomainInput, DeletedDomain, Domain, DomainSummary, Page } from './model';
import { epochSecondsToIso, withTimestamps } from './timestamps';

const domain = (wire: Record<string, unknown>): Domain => withTimestamps<Domain>(wire, ['createdAt'], epochSecondsToIso);

/** CreateDomain: POST /domain → 201. @idempotent (same name and settings → the same domain). */
export async function createDomain(client: ConnectHealthClient, input: CreateDomainInput, options?: CallOptions): Promise<Domain> {
	const body = { name: input.name, kmsKeyArn: input.kmsKeyArn, webAppSetupConfiguration: input.webAppSetupConfiguration, tags: input.tags };
	return domain(await client.call({ operation: 'CreateDomain', method: 'POST', path: '/domain', body, idempotent: true }, options));
}

/** GetDomain: GET /domain/{domainId}. */
export async function getDomain(client: ConnectHealthClient, input: { domainId: string }, options?: CallOptions): Promise<Domain> {
	return domain(await client.call({ operation: 'GetDomain', method: 'GET', path: restPath`/domain/${input.domainId}`, idempotent: true }, options));
}

/** DeleteDomain: DELETE /domain/{domainId}. @idempotent. */
export async function deleteDomain(client: ConnectHealthClient, input: { domainId: string }, options?: CallOptions): Promise<DeletedDomain> {
	return await client.call<DeletedDomain>({ operation: 'DeleteDomain', method: 'DELETE', path: restPath`/domain/${input.domainId}`, idempotent: true }, options);
}

/** ListDomains: GET /domain?status=&maxResults=&nextToken= (one page). */
export async function listDomains(
	client: ConnectHealthClient,
	input: { status?: string; maxResults?: number; nextToken?: string },
	options?: CallOptions,
): Promise<Page<DomainSummary>> {
	const output = await client.call<{ domains?: Array<Record<string, unknown>>; nextToken?: string }>(
		{
			operation: 'ListDomains',
			method: 'GET',
			path: '/domain',
			query: { status: input.status, maxResults: input.maxResults, nextToken: input.nextToken },
			idempotent: true,
		},
		options,
	);
	return { items: (output.domains ?? []).map((d) => withTimestamps<DomainSummary>(d, ['createdAt'], epochSecondsToIso)), nextToken: output.nextToken || undefined };
}
