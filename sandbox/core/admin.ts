/** Unsigned admin endpoints under `/__sandbox/` on every service port; never faulted, never logged. */
import { parseJsonBody } from './body';
import type { Faults, FailNextRule } from './faults';
import type { LogFilter, RequestLog } from './log';
import { SERVICE_NAMES, type ServiceName } from './services';
import type { Clock, SandboxRequest, SandboxResponse } from './types';

export const ADMIN_PREFIX = '/__sandbox/';

export interface AdminContext {
	service: ServiceName;
	clock: Clock;
	faults: Faults;
	log: RequestLog;
}

const json = (status: number, body: object): SandboxResponse => ({
	status,
	headers: { 'content-type': 'application/json' },
	body,
});
const badRequest = (message: string): SandboxResponse => json(400, { error: message });

function clockState(clock: Clock): object {
	const now = clock.now();
	return { now, time: new Date(now).toISOString() };
}

function logFilter(query: URLSearchParams): LogFilter {
	const filter: LogFilter = {};
	const service = query.get('service');
	if (service !== null) {
		if (!SERVICE_NAMES.includes(service as ServiceName))
			throw new Error(`service must be one of ${SERVICE_NAMES.join(', ')}`);
		filter.service = service as ServiceName;
	}
	for (const key of ['target', 'method', 'pathPrefix'] as const) {
		const value = query.get(key);
		if (value !== null) filter[key] = value;
	}
	const since = query.get('since');
	if (since !== null) {
		if (!/^\d+$/.test(since)) throw new Error('since must be a sequence number');
		filter.since = Number(since);
	}
	return filter;
}

export function handleAdmin(ctx: AdminContext, req: SandboxRequest): SandboxResponse {
	const route = `${req.method} ${req.path.slice(ADMIN_PREFIX.length).replace(/\/+$/, '')}`;
	try {
		switch (route) {
			case 'GET health':
				return json(200, { ok: true, service: ctx.service, clock: clockState(ctx.clock) });
			case 'GET log':
				return json(200, { entries: ctx.log.entries(logFilter(req.query)) });
			case 'DELETE log':
				ctx.log.clear();
				return json(200, { cleared: true });
			case 'GET faults':
				return json(200, ctx.faults.get());
			case 'POST faults':
				ctx.faults.set((parseJsonBody(req.body) ?? {}) as never);
				return json(200, ctx.faults.get());
			case 'POST faults/fail-next': {
				const body = parseJsonBody(req.body);
				const rules = (Array.isArray(body) ? body : [body]) as FailNextRule[];
				ctx.faults.failNext(...rules);
				return json(200, ctx.faults.get());
			}
			case 'GET faults/held':
				return json(200, { held: ctx.faults.held() });
			case 'POST faults/release':
				return json(200, { released: ctx.faults.release() });
			case 'POST clock': {
				const body = (parseJsonBody(req.body) ?? {}) as { advanceMs?: unknown; speed?: unknown };
				if (body.advanceMs === undefined && body.speed === undefined)
					return badRequest('give advanceMs and/or speed');
				if (body.speed !== undefined) ctx.clock.setSpeed(Number(body.speed));
				if (body.advanceMs !== undefined) ctx.clock.advance(Number(body.advanceMs));
				return json(200, clockState(ctx.clock));
			}
			case 'GET clock':
				return json(200, clockState(ctx.clock));
		}
	} catch (e) {
		return badRequest((e as Error).message);
	}
	return json(404, { error: `no admin route ${route}` });
}
