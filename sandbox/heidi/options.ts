import { CODING_STANDARDS, type CodingStandard } from './content/codes';

export type StreamFormat = 'sse' | 'json-lines';

export interface HeidiEmulatorOptions {
	/** The tenant key `GET /jwt` accepts (clearly fake default). */
	apiKey?: string;
	/** The sandbox clinician identity, pre-created (and linked) so workflows run out of the box. */
	email?: string;
	userId?: string;
	/** JWT lifetime in seconds of wall time; fractional so tests can watch a token expire. */
	tokenLifetimeSeconds?: number;
	/** Consult note / Ask Heidi stream lines: `data: {...}` (SSE, seen on the wire) or bare JSON objects (as documented). */
	streamFormat?: StreamFormat;
	/** Real milliseconds between streamed fragments. */
	streamChunkDelayMs?: number;
	/** `GET /sessions/linked-user` page size when the client sends none. */
	pageSize?: number;
	/** Linked-user order is undocumented; the trigger must not depend on it, so tests can flip it. */
	listOrder?: 'newest-first' | 'oldest-first';
	/**
	 * `next_page` as a page number to send back as `page`, as a URL to follow (both readings of the undocumented paging),
	 * or as an opaque cursor (sent back as `page`; undocumented, for clients that must not assume numbers).
	 */
	nextPage?: 'number' | 'url' | 'cursor';
	/**
	 * Whether linked-user list rows carry `consult_note` (the list's session shape is only partly
	 * documented, https://www.heidihealth.com/developers/heidi-api/sessions/overview); false: clients
	 * read a session for its note.
	 */
	listConsultNote?: boolean;
	/** Misbehaving server: the linked-user list ignores `page` and answers page 1 with a next page forever. */
	ignorePage?: boolean;
	/** Path prefix of every endpoint (https://www.heidihealth.com/developers/heidi-api/authentication). */
	basePath?: string;
	/** Completed sessions (with transcript and note) seeded for the sandbox identity. */
	seedSessions?: number;
	/** Whether the sandbox identity starts linked to a (fake) Heidi account. */
	linked?: boolean;
	/**
	 * Which endpoints need a linked account (undocumented): only the linked-user list
	 * (default), every endpoint except /jwt and linking, or none.
	 */
	requireLinkedAccount?: 'list' | 'always' | 'never';
	/** Clinical coding is an account feature (https://www.heidihealth.com/developers/heidi-api/sessions/coding); off answers 403. */
	clinicalCoding?: boolean;
	/** Standard used when `GET /clinical-codes` names none. */
	codingSystem?: CodingStandard;
	/** Real milliseconds the first transcript read takes after an upload (transcription is lazy, https://www.heidihealth.com/developers/heidi-api/transcription). */
	transcriptionDelayMs?: number;
	/** Sandbox-clock milliseconds before a segment shows as READY in the live transcript. */
	liveLatencyMs?: number;
	/** Sandbox-clock milliseconds a context document stays PARSING. */
	contextParseMs?: number;
	/** Validation failures as FastAPI's 422 list (inferred) or as the `{detail:{msg,type}}` envelope with 400. */
	validationErrors?: 'fastapi' | 'detail';
}

export type ResolvedOptions = Required<HeidiEmulatorOptions>;

export const HEIDI_BASE_PATH = '/api/v2/ml-scribe/open-api';

export const HEIDI_SANDBOX_IDENTITY = {
	apiKey: 'heidi-sandbox-api-key-not-a-secret',
	email: 'sandbox.clinician@example.com',
	userId: 'sandbox-ehr-user-0001',
} as const;

/** Stands in for the partner EHR the API key was issued to. */
export const SANDBOX_EHR_PROVIDER = 'SANDBOX_EHR';

export function resolveOptions(options: HeidiEmulatorOptions = {}): ResolvedOptions {
	const resolved: ResolvedOptions = {
		...HEIDI_SANDBOX_IDENTITY,
		tokenLifetimeSeconds: 3600,
		streamFormat: 'sse',
		streamChunkDelayMs: 15,
		pageSize: 10,
		listOrder: 'newest-first',
		nextPage: 'number',
		listConsultNote: true,
		ignorePage: false,
		basePath: HEIDI_BASE_PATH,
		seedSessions: 2,
		linked: true,
		requireLinkedAccount: 'list',
		clinicalCoding: true,
		codingSystem: 'ICD-10-CM',
		transcriptionDelayMs: 150,
		liveLatencyMs: 1500,
		contextParseMs: 2000,
		validationErrors: 'fastapi',
		...stripUndefined(options),
	};
	for (const [key, allowed] of Object.entries(CHOICES) as Array<
		[keyof ResolvedOptions, readonly string[]]
	>) {
		if (!allowed.includes(resolved[key] as string))
			throw new RangeError(`${key} must be one of ${allowed.join(', ')}`);
	}
	if (!(resolved.tokenLifetimeSeconds > 0))
		throw new RangeError('tokenLifetimeSeconds must be > 0');
	if (
		!Number.isInteger(resolved.pageSize) ||
		resolved.pageSize < 1 ||
		resolved.pageSize > MAX_PAGE_SIZE
	) {
		throw new RangeError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
	}
	resolved.basePath = resolved.basePath.replace(/\/+$/, '');
	return resolved;
}

export const MAX_PAGE_SIZE = 100;

const CHOICES: Partial<Record<keyof ResolvedOptions, readonly string[]>> = {
	streamFormat: ['sse', 'json-lines'],
	listOrder: ['newest-first', 'oldest-first'],
	nextPage: ['number', 'url', 'cursor'],
	requireLinkedAccount: ['list', 'always', 'never'],
	validationErrors: ['fastapi', 'detail'],
	codingSystem: CODING_STANDARDS,
};

function stripUndefined<T extends object>(value: T): Partial<T> {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
