import type { CallOptions, ConnectHealthClient } from './client';
import { restPath } from './client';
import type { CreateDomainInput, DeletedDomain, Domain, DomainSummary, Page } from './model';
import { readDeletedDomain, readDomain, readDomainPage } from './shapes';

/** CreateDomain: POST /domain → 201. @idempotent (same name and settings → the same domain). */
export async function createDomain(
	client: ConnectHealthClient,
	input: CreateDomainInput,
	options?: CallOptions,
): Promise<Domain> {
	const body = {
		name: input.name,
		kmsKeyArn: input.kmsKeyArn,
		webAppSetupConfiguration: input.webAppSetupConfiguration,
		tags: input.tags,
	};
	return readDomain(
		await client.call(
			{ operation: 'CreateDomain', method: 'POST', path: '/domain', body, idempotent: true },
			options,
		),
	);
}

/** GetDomain: GET /domain/{domainId}. */
export async function getDomain(
	client: ConnectHealthClient,
	input: { domainId: string },
	options?: CallOptions,
): Promise<Domain> {
	return readDomain(
		await client.call(
			{
				operation: 'GetDomain',
				method: 'GET',
				path: restPath`/domain/${input.domainId}`,
				idempotent: true,
			},
			options,
		),
	);
}

/** DeleteDomain: DELETE /domain/{domainId}. @idempotent. */
export async function deleteDomain(
	client: ConnectHealthClient,
	input: { domainId: string },
	options?: CallOptions,
): Promise<DeletedDomain> {
	return readDeletedDomain(
		await client.call(
			{
				operation: 'DeleteDomain',
				method: 'DELETE',
				path: restPath`/domain/${input.domainId}`,
				idempotent: true,
			},
			options,
		),
	);
}

/** ListDomains: GET /domain?status=&maxResults=&nextToken= (one page). */
export async function listDomains(
	client: ConnectHealthClient,
	input: { status?: string; maxResults?: number; nextToken?: string },
	options?: CallOptions,
): Promise<Page<DomainSummary>> {
	const output = await client.call(
		{
			operation: 'ListDomains',
			method: 'GET',
			path: '/domain',
			query: { status: input.status, maxResults: input.maxResults, nextToken: input.nextToken },
			idempotent: true,
		},
		options,
	);
	return readDomainPage(output);
}
