/**
 * A tiny FHIR R4 receiver for the EHR hand-off examples: create (POST), update (PUT), read (GET),
 * a type listing (optionally by identifier) as a searchset Bundle, and transaction/batch Bundles at
 * the base with urn:uuid references rewritten to the ids it assigns. Like an EHR it validates what it
 * receives (validate.ts: FHIR R4 structure plus US Core DocumentReference) and answers 400 with an
 * OperationOutcome listing every problem; and it honours conditional create (`ifNoneExist` in a
 * transaction entry, `If-None-Exist` on a POST), so filing the same note twice creates nothing.
 */
import { randomUUID } from 'node:crypto';
import { parseJsonBody } from '../core/body';
import { ServiceError } from '../core/errors';
import type { EmulatorContext, Handler, SandboxRequest, SandboxResponse } from '../core/types';
import { fhirErrors, type FhirIssue } from './validate';

export interface FhirResource {
	resourceType: string;
	id?: string;
	meta?: { versionId?: string; lastUpdated?: string; [key: string]: unknown };
	[key: string]: unknown;
}

export interface FhirEmulator {
	handle: Handler;
	/** Stored resources, optionally of one type, oldest first. */
	resources(type?: string): FhirResource[];
	read(type: string, id: string): FhirResource | undefined;
	clear(): void;
}

export const FHIR_BASE_PATH = '/fhir';
const FHIR_JSON = 'application/fhir+json';
const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;

const invalid = (message: string): ServiceError => new ServiceError(400, 'invalid', message);
const notFound = (message: string): ServiceError => new ServiceError(404, 'not-found', message);

function fhirResponse(
	status: number,
	body: object,
	headers: Record<string, string> = {},
): SandboxResponse {
	return { status, headers: { 'content-type': FHIR_JSON, ...headers }, body };
}

function asResource(value: unknown, where: string): FhirResource {
	if (typeof value !== 'object' || value === null || Array.isArray(value))
		throw invalid(`${where}: the body must be a JSON FHIR resource`);
	const resource = value as FhirResource;
	if (typeof resource.resourceType !== 'string' || !RESOURCE_TYPE.test(resource.resourceType))
		throw invalid(`${where}: resourceType is missing or not a FHIR resource type`);
	return resource;
}

/** 400 with an OperationOutcome naming every problem, as EHR FHIR APIs answer invalid resources. */
function rejection(issues: FhirIssue[]): SandboxResponse {
	return fhirResponse(400, {
		resourceType: 'OperationOutcome',
		issue: issues.map((issue) => ({
			severity: issue.severity,
			code: issue.code,
			diagnostics: issue.diagnostics,
			expression: [issue.expression],
		})),
	});
}

/** Identifier values of a resource as "system|value" and "value" (identifier may be one or a list). */
function identifierKeys(resource: FhirResource): Set<string> {
	const raw = resource.identifier;
	const list = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Array<{
		system?: string;
		value?: string;
	}>;
	const keys = new Set<string>();
	for (const id of list) {
		if (!id.value) continue;
		keys.add(`|${id.value}`);
		if (id.system) keys.add(`${id.system}|${id.value}`);
	}
	return keys;
}

/** Parses a conditional-create query; only `identifier` (system|value or value) is supported. */
function identifierCondition(query: string): string {
	const params = new URLSearchParams(query);
	const names = [...params.keys()];
	const value = params.get('identifier');
	if (names.length !== 1 || !value)
		throw new ServiceError(
			400,
			'not-supported',
			'the sandbox supports conditional create on identifier only (identifier=system|value)',
		);
	return value.includes('|') ? value : `|${value}`;
}

/** Replaces every `reference` equal to a key of `map` (urn:uuid fullUrls) anywhere in the value. */
function rewriteReferences(value: unknown, map: Map<string, string>): void {
	if (Array.isArray(value)) {
		for (const item of value) rewriteReferences(item, map);
		return;
	}
	if (typeof value !== 'object' || value === null) return;
	const record = value as Record<string, unknown>;
	for (const [key, child] of Object.entries(record)) {
		if (key === 'reference' && typeof child === 'string' && map.has(child))
			record[key] = map.get(child);
		else rewriteReferences(child, map);
	}
}

export function createFhirEmulator(ctx: EmulatorContext): FhirEmulator {
	const store = new Map<string, FhirResource>();
	const keyOf = (type: string, id: string): string => `${type}/${id}`;

	/** Stores a resource (new id unless given) and returns it with meta and whether it was created. */
	const save = (
		resource: FhirResource,
		id: string | undefined,
	): { stored: FhirResource; created: boolean } => {
		const finalId = id ?? randomUUID();
		const previous = store.get(keyOf(resource.resourceType, finalId));
		const version = previous ? Number(previous.meta?.versionId ?? '1') + 1 : 1;
		const stored: FhirResource = {
			...structuredClone(resource),
			id: finalId,
			meta: {
				...(resource.meta ?? {}),
				versionId: String(version),
				lastUpdated: new Date(ctx.clock.now()).toISOString(),
			},
		};
		store.set(keyOf(resource.resourceType, finalId), stored);
		return { stored, created: !previous };
	};

	/** Resources of a type whose identifier matches "system|value" (or "|value"). */
	const byIdentifier = (type: string, key: string): FhirResource[] =>
		[...store.values()].filter((r) => r.resourceType === type && identifierKeys(r).has(key));

	/** The one existing resource a conditional create matches, or undefined; 412 when several match (https://hl7.org/fhir/R4/http.html#ccreate). */
	const existingFor = (type: string, query: string | undefined): FhirResource | undefined => {
		if (query === undefined) return undefined;
		const matches = byIdentifier(type, identifierCondition(query));
		if (matches.length > 1)
			throw new ServiceError(
				412,
				'duplicate',
				`the ifNoneExist condition matches ${matches.length} ${type} resources`,
			);
		return matches[0];
	};

	const location = (r: FhirResource): string =>
		`${FHIR_BASE_PATH}/${r.resourceType}/${r.id}/_history/${r.meta?.versionId}`;

	const checkPut = (resource: FhirResource, type: string, id: string): void => {
		if (!FHIR_ID.test(id)) throw invalid(`'${id}' is not a valid FHIR id`);
		if (resource.resourceType !== type)
			throw invalid(
				`resourceType '${resource.resourceType}' does not match the URL type '${type}'`,
			);
		if (resource.id !== undefined && resource.id !== id)
			throw invalid(`the resource id '${String(resource.id)}' does not match the URL id '${id}'`);
	};

	const transaction = (bundle: FhirResource): SandboxResponse => {
		if (
			bundle.resourceType !== 'Bundle' ||
			(bundle.type !== 'transaction' && bundle.type !== 'batch')
		) {
			throw invalid('POST to the base accepts a Bundle of type transaction or batch');
		}
		const entries = Array.isArray(bundle.entry)
			? (bundle.entry as Array<Record<string, unknown>>)
			: [];
		// Validate everything first: a transaction is all or nothing.
		const issues = fhirErrors(bundle);
		if (issues.length) return rejection(issues);
		const plans = entries.map((entry, i) => {
			const request = (entry.request ?? {}) as {
				method?: string;
				url?: string;
				ifNoneExist?: string;
			};
			const resource = asResource(entry.resource, `entry[${i}]`);
			const method = (request.method ?? '').toUpperCase();
			const url = (request.url ?? '').replace(/^\//, '');
			const [type, id] = url.split('/');
			if (method === 'POST') {
				if (type !== resource.resourceType)
					throw invalid(
						`entry[${i}]: request.url must be the resource type '${resource.resourceType}'`,
					);
				const existing = existingFor(type, request.ifNoneExist);
				return {
					resource,
					id: existing?.id,
					existing,
					fullUrl: entry.fullUrl as string | undefined,
				};
			}
			if (method === 'PUT' && id) {
				checkPut(resource, type, id);
				return {
					resource,
					id,
					existing: undefined as FhirResource | undefined,
					fullUrl: entry.fullUrl as string | undefined,
				};
			}
			throw invalid(`entry[${i}]: request.method must be POST or PUT (with url Type/id)`);
		});
		const ids = plans.map((p) => p.id ?? randomUUID());
		const references = new Map<string, string>();
		plans.forEach((p, i) => {
			if (p.fullUrl) references.set(p.fullUrl, `${p.resource.resourceType}/${ids[i]}`);
		});
		const responses = plans.map((p, i) => {
			if (p.existing) {
				// Conditional create matched: nothing is created, the existing resource is reported.
				const found = p.existing;
				return {
					fullUrl: `${FHIR_BASE_PATH}/${found.resourceType}/${found.id}`,
					resource: structuredClone(found),
					response: {
						status: '200 OK',
						location: location(found),
						etag: `W/"${found.meta?.versionId}"`,
						lastModified: found.meta?.lastUpdated,
					},
				};
			}
			const resource = structuredClone(p.resource);
			rewriteReferences(resource, references);
			const { stored, created } = save(resource, ids[i]);
			return {
				fullUrl: `${FHIR_BASE_PATH}/${stored.resourceType}/${stored.id}`,
				resource: stored,
				response: {
					status: created ? '201 Created' : '200 OK',
					location: location(stored),
					etag: `W/"${stored.meta?.versionId}"`,
					lastModified: stored.meta?.lastUpdated,
				},
			};
		});
		return fhirResponse(200, {
			resourceType: 'Bundle',
			id: randomUUID(),
			type: `${bundle.type}-response`,
			entry: responses,
		});
	};

	const handle = async (req: SandboxRequest): Promise<SandboxResponse> => {
		if (req.path !== FHIR_BASE_PATH && !req.path.startsWith(`${FHIR_BASE_PATH}/`))
			throw notFound(`Unknown path; the FHIR base is ${FHIR_BASE_PATH}`);
		const parts = req.path.slice(FHIR_BASE_PATH.length).split('/').filter(Boolean);
		const body = (): FhirResource => asResource(parseJsonBody(req.body), 'request');

		if (parts.length === 0) {
			if (req.method === 'POST') return transaction(body());
			throw new ServiceError(405, 'not-supported', `${req.method} is not supported on the base`);
		}
		if (parts.length === 1 && parts[0] === 'metadata' && req.method === 'GET') {
			return fhirResponse(200, {
				resourceType: 'CapabilityStatement',
				status: 'active',
				kind: 'instance',
				fhirVersion: '4.0.1',
				format: ['json'],
				date: new Date(ctx.clock.now()).toISOString(),
				rest: [{ mode: 'server', interaction: [{ code: 'transaction' }, { code: 'batch' }] }],
			});
		}
		const [type, id] = parts;
		if (!RESOURCE_TYPE.test(type)) throw notFound(`'${type}' is not a FHIR resource type`);
		if (parts.length === 1) {
			if (req.method === 'POST') {
				const resource = body();
				if (resource.resourceType !== type)
					throw invalid(
						`resourceType '${resource.resourceType}' does not match the URL type '${type}'`,
					);
				const issues = fhirErrors(resource);
				if (issues.length) return rejection(issues);
				const existing = existingFor(type, req.headers['if-none-exist']);
				if (existing)
					return fhirResponse(200, existing, {
						location: location(existing),
						etag: `W/"${existing.meta?.versionId}"`,
					});
				const { stored } = save(resource, undefined);
				return fhirResponse(201, stored, {
					location: location(stored),
					etag: `W/"${stored.meta?.versionId}"`,
				});
			}
			if (req.method === 'GET') {
				const identifier = req.query.get('identifier');
				const matches = identifier
					? byIdentifier(type, identifier.includes('|') ? identifier : `|${identifier}`)
					: [...store.values()].filter((r) => r.resourceType === type);
				return fhirResponse(200, {
					resourceType: 'Bundle',
					type: 'searchset',
					total: matches.length,
					entry: matches.map((r) => ({
						fullUrl: `${FHIR_BASE_PATH}/${type}/${r.id}`,
						resource: r,
					})),
				});
			}
		}
		if (parts.length === 2) {
			if (req.method === 'PUT') {
				const resource = body();
				checkPut(resource, type, id);
				const issues = fhirErrors(resource);
				if (issues.length) return rejection(issues);
				const { stored, created } = save(resource, id);
				return fhirResponse(created ? 201 : 200, stored, {
					location: location(stored),
					etag: `W/"${stored.meta?.versionId}"`,
				});
			}
			if (req.method === 'GET') {
				const found = store.get(keyOf(type, id));
				if (!found) throw notFound(`Resource ${type}/${id} is not known`);
				return fhirResponse(200, found, { etag: `W/"${found.meta?.versionId}"` });
			}
		}
		throw new ServiceError(
			405,
			'not-supported',
			`${req.method} ${req.path} is not supported by the sandbox FHIR receiver`,
		);
	};

	return {
		handle,
		resources: (type) =>
			[...store.values()]
				.filter((r) => type === undefined || r.resourceType === type)
				.map((r) => structuredClone(r)),
		read: (type, id) => {
			const found = store.get(keyOf(type, id));
			return found && structuredClone(found);
		},
		clear: () => store.clear(),
	};
}
