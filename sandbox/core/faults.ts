/**
 * Fault injection and rate limits, per service: a token bucket per service, a seeded random
 * fault rate, and a deterministic "fail the next N matching requests" queue for tests.
 */
import { seededRandom } from './random';
import { SERVICE_NAMES, type ServiceName } from './services';

/** `5xx` the service's internal error; `throttle` its rate-limit error; `reset` the connection is destroyed
 * after the request was handled (the response is lost); `slow` the response is delayed; `malformed` the
 * response body is cut in half (Content-Length matches the half); `cut` the headers announce the whole
 * body, half of it is sent and the connection is dropped (a download cut mid-way); `hold` the request
 * waits, unhandled, until `release()` (then it is handled and answered as usual) or until its client
 * goes away (then it is never handled: the service never saw it). `hold` is for failNext only: it keeps
 * a client mid-request for as long as a test needs, whatever the machine's speed. */
export type FaultKind = '5xx' | 'throttle' | 'reset' | 'slow' | 'malformed' | 'cut' | 'hold';

export const FAULT_KINDS: readonly FaultKind[] = [
	'5xx',
	'throttle',
	'reset',
	'slow',
	'malformed',
	'cut',
	'hold',
];
const RANDOM_KINDS_DEFAULT: FaultKind[] = ['5xx', 'reset', 'slow', 'malformed'];
/** A random `hold` would never end: holds are chosen requests (failNext). */
const RANDOM_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== 'hold');

export interface ServiceFaults {
	/** Requests per second the service sustains (token bucket refill rate); unset = unlimited. */
	rateLimit?: number;
	/** Bucket size; default one second's worth of `rateLimit` (at least 1). */
	burst?: number;
	/**
	 * Requests per second per operation, as AWS sets its quotas (Transcribe: StartTranscriptionJob 25,
	 * GetTranscriptionJob 30, List/Delete 5 a second): keyed by `X-Amz-Target` or the bare operation
	 * name; one bucket per operation, burst one second's worth. Checked after `rateLimit`.
	 */
	operationRateLimits?: Record<string, number>;
	/** Probability 0..1 that a request gets a random fault from `kinds`. */
	faultRate?: number;
	/** Kinds the random faults are drawn from, uniformly; default 5xx, reset, slow, malformed. */
	kinds?: FaultKind[];
	/** Delay of a `slow` fault in ms (default 2000). */
	slowMs?: number;
}

export interface FailNextRule {
	kind: FaultKind;
	/** How many matching requests fail (default 1). */
	count?: number;
	service?: ServiceName;
	match?: {
		/** `X-Amz-Target` (`Transcribe.StartMedicalScribeJob`), STS `Action`, or the bare operation name. */
		target?: string;
		pathPrefix?: string;
		method?: string;
		/** Text the request body contains (an id), to pick one request among many alike. */
		bodyIncludes?: string;
	};
	/** Delay for `slow` (default the service's slowMs). */
	delayMs?: number;
}

export type FaultConfig = {
	/** Seed of the random-fault generator (default 1); the same seed gives the same fault sequence. */
	seed?: number;
	failNext?: FailNextRule[];
} & { [S in ServiceName]?: ServiceFaults };

export interface FaultDecision {
	kind: FaultKind;
	delayMs: number;
	/** For `hold`: the held request, until released or dropped. */
	held?: HeldRequest;
}

export interface FaultTarget {
	method: string;
	path: string;
	target?: string;
	/** The request body (for `match.bodyIncludes`). */
	body?: Buffer;
}

/** A request a `hold` fault keeps waiting. */
export interface HeldRequest {
	service: ServiceName;
	method: string;
	path: string;
	target?: string;
}

export interface Faults {
	/** Replaces the whole configuration (resets buckets, the random sequence and the failNext queue). */
	set(config: FaultConfig): void;
	/** Queues deterministic failures after the ones already queued. */
	failNext(...rules: FailNextRule[]): void;
	/** Current configuration, with the failNext rules still pending. */
	get(): FaultConfig;
	clear(): void;
	/** Called by the server once per (non-admin) request. */
	decide(service: ServiceName, request: FaultTarget): FaultDecision | undefined;
	/** Requests held now (`hold` faults), oldest first. */
	held(): HeldRequest[];
	/** Lets every held request go on (handled and answered as usual); returns how many there were. */
	release(): number;
	/**
	 * Called by the server for a `hold` decision: resolves true when released, false when `gone`
	 * resolves first (the client closed the connection: the request is dropped, never handled).
	 */
	waitHeld(decision: FaultDecision, gone: Promise<unknown>): Promise<boolean>;
}

function hashString(value: string): number {
	let h = 2166136261;
	for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 16777619);
	return h >>> 0;
}

/** Throws a descriptive Error when the configuration is not usable. */
export function validateFaultConfig(config: unknown): FaultConfig {
	if (typeof config !== 'object' || config === null || Array.isArray(config))
		throw new Error('fault config must be an object');
	const c = config as Record<string, unknown>;
	for (const key of Object.keys(c)) {
		if (key !== 'seed' && key !== 'failNext' && !SERVICE_NAMES.includes(key as ServiceName)) {
			throw new Error(
				`unknown fault config key '${key}' (expected seed, failNext or one of ${SERVICE_NAMES.join(', ')})`,
			);
		}
	}
	if (c.seed !== undefined && !Number.isInteger(c.seed)) throw new Error('seed must be an integer');
	for (const name of SERVICE_NAMES) {
		const s = c[name] as ServiceFaults | undefined;
		if (s === undefined) continue;
		if (typeof s !== 'object' || s === null) throw new Error(`${name}: must be an object`);
		if (s.rateLimit !== undefined && !(typeof s.rateLimit === 'number' && s.rateLimit > 0))
			throw new Error(`${name}.rateLimit must be a number > 0`);
		if (s.burst !== undefined && !(typeof s.burst === 'number' && s.burst >= 1))
			throw new Error(`${name}.burst must be a number >= 1`);
		if (s.operationRateLimits !== undefined) {
			const limits = s.operationRateLimits as unknown;
			if (typeof limits !== 'object' || limits === null || Array.isArray(limits))
				throw new Error(`${name}.operationRateLimits must be an object`);
			for (const [op, rate] of Object.entries(limits))
				if (!(typeof rate === 'number' && rate > 0))
					throw new Error(`${name}.operationRateLimits.${op} must be a number > 0`);
		}
		if (
			s.faultRate !== undefined &&
			!(typeof s.faultRate === 'number' && s.faultRate >= 0 && s.faultRate <= 1)
		)
			throw new Error(`${name}.faultRate must be between 0 and 1`);
		if (s.slowMs !== undefined && !(typeof s.slowMs === 'number' && s.slowMs >= 0))
			throw new Error(`${name}.slowMs must be a number >= 0`);
		if (
			s.kinds !== undefined &&
			(!Array.isArray(s.kinds) ||
				s.kinds.length === 0 ||
				s.kinds.some((k) => !RANDOM_KINDS.includes(k)))
		) {
			throw new Error(`${name}.kinds must be a non-empty list of ${RANDOM_KINDS.join(', ')}`);
		}
	}
	if (c.failNext !== undefined) {
		if (!Array.isArray(c.failNext)) throw new Error('failNext must be a list');
		for (const rule of c.failNext as FailNextRule[]) validateRule(rule);
	}
	return c as FaultConfig;
}

function validateRule(rule: FailNextRule): void {
	if (typeof rule !== 'object' || rule === null) throw new Error('failNext rule must be an object');
	if (!FAULT_KINDS.includes(rule.kind))
		throw new Error(`failNext kind must be one of ${FAULT_KINDS.join(', ')}`);
	if (rule.count !== undefined && !(Number.isInteger(rule.count) && rule.count >= 1))
		throw new Error('failNext count must be an integer >= 1');
	if (rule.service !== undefined && !SERVICE_NAMES.includes(rule.service))
		throw new Error(`failNext service must be one of ${SERVICE_NAMES.join(', ')}`);
	const text = rule.match?.bodyIncludes;
	if (text !== undefined && !(typeof text === 'string' && text.length > 0))
		throw new Error('failNext match.bodyIncludes must be a non-empty string');
}

/** Reads `SANDBOX_FAULTS` (JSON) from the environment. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): FaultConfig | undefined {
	const raw = env.SANDBOX_FAULTS;
	if (!raw) return undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw new Error('SANDBOX_FAULTS is not valid JSON');
	}
	return validateFaultConfig(parsed);
}

function ruleMatches(rule: FailNextRule, service: ServiceName, req: FaultTarget): boolean {
	if (rule.service !== undefined && rule.service !== service) return false;
	const m = rule.match;
	if (!m) return true;
	if (m.method !== undefined && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
	if (m.pathPrefix !== undefined && !req.path.startsWith(m.pathPrefix)) return false;
	if (m.bodyIncludes !== undefined && !req.body?.includes(m.bodyIncludes)) return false;
	if (m.target !== undefined) {
		const t = req.target;
		if (t === undefined || (t !== m.target && !t.endsWith(`.${m.target}`))) return false;
	}
	return true;
}

/** The per-operation limit that applies to `target` (`Transcribe.StartMedicalScribeJob` or the bare name). */
function operationLimit(
	s: ServiceFaults,
	target: string | undefined,
): [string, number] | undefined {
	if (!s.operationRateLimits || target === undefined) return undefined;
	return Object.entries(s.operationRateLimits).find(
		([op]) => target === op || target.endsWith(`.${op}`),
	);
}

interface Bucket {
	tokens: number;
	updated: number;
}

export function createFaults(
	initial: FaultConfig = {},
	now: () => number = () => performance.now(),
): Faults {
	let config: FaultConfig = {};
	let queue: Array<FailNextRule & { remaining: number }> = [];
	let buckets = new Map<string, Bucket>();
	let randoms = new Map<ServiceName, () => number>();
	// Held requests and how to let each go; kept across set()/clear() (a test clears its rules, not its holds).
	const holds = new Map<HeldRequest, () => void>();

	const set = (next: FaultConfig): void => {
		config = validateFaultConfig(structuredClone(next));
		queue = [];
		buckets = new Map();
		randoms = new Map();
		if (config.failNext) faults.failNext(...config.failNext);
	};

	const takeToken = (key: string, rate: number, burst: number): boolean => {
		const t = now();
		let bucket = buckets.get(key);
		if (!bucket) {
			bucket = { tokens: burst, updated: t };
			buckets.set(key, bucket);
		}
		bucket.tokens = Math.min(burst, bucket.tokens + ((t - bucket.updated) / 1000) * rate);
		bucket.updated = t;
		if (bucket.tokens < 1) return false;
		bucket.tokens -= 1;
		return true;
	};

	const random = (service: ServiceName): (() => number) => {
		let r = randoms.get(service);
		if (!r) {
			r = seededRandom(((config.seed ?? 1) ^ hashString(service)) >>> 0);
			randoms.set(service, r);
		}
		return r;
	};

	const faults: Faults = {
		set,
		failNext(...rules) {
			for (const rule of rules) {
				validateRule(rule);
				queue.push({ ...structuredClone(rule), remaining: rule.count ?? 1 });
			}
		},
		get() {
			const { failNext: _ignored, ...rest } = config;
			const pending = queue.map(({ remaining, ...rule }) => ({ ...rule, count: remaining }));
			return { ...structuredClone(rest), failNext: pending };
		},
		clear: () => set({}),
		decide(service, req) {
			const s = config[service] ?? {};
			const slowMs = s.slowMs ?? 2000;
			const index = queue.findIndex((rule) => ruleMatches(rule, service, req));
			if (index >= 0) {
				const rule = queue[index];
				rule.remaining -= 1;
				if (rule.remaining <= 0) queue.splice(index, 1);
				if (rule.kind === 'hold') {
					const held: HeldRequest = {
						service,
						method: req.method,
						path: req.path,
						...(req.target === undefined ? {} : { target: req.target }),
					};
					holds.set(held, () => undefined);
					return { kind: 'hold', delayMs: 0, held };
				}
				return { kind: rule.kind, delayMs: rule.delayMs ?? slowMs };
			}
			if (
				s.rateLimit !== undefined &&
				!takeToken(service, s.rateLimit, s.burst ?? Math.max(1, s.rateLimit))
			)
				return { kind: 'throttle', delayMs: 0 };
			const operation = operationLimit(s, req.target);
			if (
				operation &&
				!takeToken(`${service}|${operation[0]}`, operation[1], Math.max(1, operation[1]))
			)
				return { kind: 'throttle', delayMs: 0 };
			if (s.faultRate) {
				const rng = random(service);
				if (rng() < s.faultRate) {
					const kinds = s.kinds ?? RANDOM_KINDS_DEFAULT;
					return { kind: kinds[Math.floor(rng() * kinds.length)], delayMs: slowMs };
				}
			}
			return undefined;
		},
		held: () => [...holds.keys()].map((held) => ({ ...held })),
		release() {
			const waiting = [...holds.values()];
			holds.clear();
			for (const letGo of waiting) letGo();
			return waiting.length;
		},
		async waitHeld(decision, gone) {
			const held = decision.held;
			if (!held || !holds.has(held)) return true;
			const released = new Promise<boolean>((resolve) => holds.set(held, () => resolve(true)));
			const dropped = gone.then(() => false);
			const outcome = await Promise.race([released, dropped]);
			holds.delete(held);
			return outcome;
		},
	};
	set(initial);
	return faults;
}
