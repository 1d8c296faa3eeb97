import type { SandboxRequest, SandboxResponse } from '../core/types';
import { domainArn, newDomainId, newIdcApplicationId } from './ids';
import { creationKey, paginate } from './pagination';
import { CREATE_DOMAIN_INPUT, DOMAIN_INPUT, LIST_DOMAINS_INPUT } from './shapes';
import { canonicalJson, type DomainRecord, type Env } from './state';
import { forgetResources, replaceTags, tagsOf } from './tags';
import { validateInput } from './validate';
import {
	conflict,
	epochSeconds,
	json,
	jsonBody,
	notFound,
	queryInteger,
	queryString,
	quotaExceeded,
} from './wire';

/**
 * Domains. DomainStatus has no creating state in the model, so a new domain is ACTIVE at once;
 * DeleteDomain moves it to DELETING and, after `domainDeletionMs` of sandbox time, to DELETED.
 * DELETED domains stay readable (GetDomain, ListDomains) so status watchers see the change.
 */

export interface CreateDomainFields {
	name: string;
	domainId?: string;
	kmsKeyArn?: string;
	webAppSetupConfiguration?: { ehrRole: string; idcInstanceId: string; idcRegion: string };
	tags?: Record<string, string>;
	createdAt?: number;
}

/** Creates a domain record (shared by CreateDomain and the admin seeding). */
export function insertDomain(env: Env, fields: CreateDomainFields): DomainRecord {
	if (fields.domainId !== undefined) validateInput(DOMAIN_INPUT, { domainId: fields.domainId });
	const domainId = fields.domainId ?? newDomainId();
	if (env.state.domains.has(domainId)) throw new Error(`domain ${domainId} already exists`);
	const scope = env.ctx;
	const web = fields.webAppSetupConfiguration;
	const record: DomainRecord = {
		domainId,
		arn: domainArn(scope, domainId),
		name: fields.name,
		status: 'ACTIVE',
		createdAt: fields.createdAt ?? env.ctx.clock.now(),
		kmsKeyArn: fields.kmsKeyArn,
		webAppConfiguration: web && {
			ehrRole: web.ehrRole,
			idcApplicationId: newIdcApplicationId(),
			idcRegion: web.idcRegion,
		},
		webAppUrl: web && `https://${domainId}.health-agent.${scope.region}.on.aws`,
		requestKey: domainRequestKey(fields),
	};
	env.state.domains.set(domainId, record);
	replaceTags(env, record.arn, fields.tags ?? {});
	return record;
}

function domainRequestKey(fields: CreateDomainFields): string {
	return canonicalJson({
		name: fields.name,
		kmsKeyArn: fields.kmsKeyArn,
		web: fields.webAppSetupConfiguration,
		tags: fields.tags,
	});
}

/** The domain, whatever its status; unknown → ResourceNotFoundException. */
export function findDomain(env: Env, domainId: string): DomainRecord {
	const domain = env.state.domains.get(domainId);
	if (!domain) throw notFound(`Domain ${domainId} was not found.`);
	return domain;
}

/** The domain unless unknown or DELETED (its jobs and sessions are gone with it). */
export function liveDomain(env: Env, domainId: string): DomainRecord {
	const domain = env.state.domains.get(domainId);
	if (!domain || domain.status === 'DELETED') throw notFound(`Domain ${domainId} was not found.`);
	return domain;
}

/** Creating or changing anything inside a domain needs it ACTIVE. */
export function requireActiveDomain(env: Env, domainId: string): DomainRecord {
	const domain = env.state.domains.get(domainId);
	if (!domain || domain.status !== 'ACTIVE')
		throw notFound(`Domain ${domainId} was not found or is not active.`);
	return domain;
}

function domainOutput(env: Env, d: DomainRecord, withTags: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = {
		domainId: d.domainId,
		arn: d.arn,
		name: d.name,
		status: d.status,
		createdAt: epochSeconds(d.createdAt),
		encryptionContext: d.kmsKeyArn
			? { encryptionType: 'CUSTOMER_MANAGED_KEY', kmsKeyArn: d.kmsKeyArn }
			: { encryptionType: 'AWS_OWNED_KEY' },
	};
	if (d.kmsKeyArn) out.kmsKeyArn = d.kmsKeyArn;
	if (d.webAppUrl) out.webAppUrl = d.webAppUrl;
	if (d.webAppConfiguration) out.webAppConfiguration = { ...d.webAppConfiguration };
	if (withTags) {
		const tags = tagsOf(env, d.arn);
		if (Object.keys(tags).length > 0) out.tags = tags;
	}
	return out;
}

export function createDomain(env: Env, req: SandboxRequest): SandboxResponse {
	const body = jsonBody(req);
	validateInput(CREATE_DOMAIN_INPUT, body);
	const fields = body as unknown as CreateDomainFields;
	const input: CreateDomainFields = {
		name: fields.name,
		kmsKeyArn: fields.kmsKeyArn,
		webAppSetupConfiguration: fields.webAppSetupConfiguration,
		tags: fields.tags,
	};
	// @idempotent without a token: a retry (same name, same settings) gets the domain it created.
	const active = [...env.state.domains.values()].filter((d) => d.status === 'ACTIVE');
	const same = active.find((d) => d.name === input.name);
	if (same) {
		if (same.requestKey === domainRequestKey(input))
			return json(201, domainOutput(env, same, false));
		throw conflict(`A domain named '${input.name}' already exists with different settings.`);
	}
	const live = [...env.state.domains.values()].filter((d) => d.status !== 'DELETED').length;
	if (live >= env.quotas.maxDomains)
		throw quotaExceeded(`The account already has the maximum of ${env.quotas.maxDomains} domains.`);
	return json(201, domainOutput(env, insertDomain(env, input), false));
}

export function getDomain(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(DOMAIN_INPUT, labels);
	return json(200, domainOutput(env, findDomain(env, labels.domainId), true));
}

export function listDomains(env: Env, req: SandboxRequest): SandboxResponse {
	const input = {
		status: queryString(req, 'status'),
		maxResults: queryInteger(req, 'maxResults'),
		nextToken: queryString(req, 'nextToken'),
	};
	validateInput(LIST_DOMAINS_INPUT, input);
	const key = (d: DomainRecord): string => creationKey(d.createdAt, d.domainId);
	const matching = [...env.state.domains.values()]
		.filter((d) => input.status === undefined || d.status === input.status)
		.sort((a, b) => (key(a) < key(b) ? -1 : 1));
	const page = paginate(
		matching,
		key,
		`ListDomains:${input.status ?? ''}`,
		input.maxResults ?? env.quotas.defaultMaxResults,
		input.nextToken,
	);
	const domains = page.items.map((d) => ({
		domainId: d.domainId,
		arn: d.arn,
		name: d.name,
		status: d.status,
		createdAt: epochSeconds(d.createdAt),
	}));
	return json(200, page.nextToken ? { domains, nextToken: page.nextToken } : { domains });
}

export function deleteDomain(env: Env, labels: Record<string, string>): SandboxResponse {
	validateInput(DOMAIN_INPUT, labels);
	const domain = findDomain(env, labels.domainId);
	// @idempotent: deleting a domain already on its way out reports where it is.
	if (domain.status === 'ACTIVE') {
		domain.status = 'DELETING';
		domain.deletedAt = env.ctx.clock.now() + env.timings.domainDeletionMs;
		env.state.pending.domains.add(domain.domainId);
	}
	return json(200, { domainId: domain.domainId, arn: domain.arn, status: domain.status });
}

/** DELETING → DELETED when due; the domain's subscriptions become DELETED with it. */
export function advanceDomains(env: Env, now: number): void {
	for (const domainId of env.state.pending.domains) {
		const domain = env.state.domains.get(domainId)!;
		if (domain.deletedAt === undefined || domain.deletedAt > now) continue;
		domain.status = 'DELETED';
		for (const sub of env.state.subscriptions.values()) {
			if (sub.domainId !== domainId || sub.status === 'DELETED') continue;
			sub.status = 'DELETED';
			sub.lastUpdatedAt = domain.deletedAt;
		}
		forgetResources(env, domain.arn);
		env.state.pending.domains.delete(domainId);
	}
}
