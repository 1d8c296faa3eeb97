import type { SandboxResponse } from '../core/types';
import type { RouteContext } from './state';

type Result = SandboxResponse | Promise<SandboxResponse>;

interface RouteBase {
	method: string;
	/** Path after the base, `{name}` for a parameter, `:verb` appended literally (`{recording_id}:finish`). */
	pattern: string;
}

/**
 * What a route needs before its handler runs: `api-key` the tenant key (/jwt only); the others a
 * valid JWT, and a linked account for `linked` routes (and for `token` routes when the emulator
 * is told every feature needs one); `account` routes manage the link itself and never need it.
 */
export type Route =
	| (RouteBase & { guard: 'api-key'; handle(c: Omit<RouteContext, 'user'>): Result })
	| (RouteBase & { guard: 'token' | 'linked' | 'account'; handle(c: RouteContext): Result });

interface Compiled {
	route: Route;
	segments: Array<{ literal: string } | { param: string; verb: string }>;
}

export type Match =
	| { route: Route; params: Record<string, string> }
	| 'method-not-allowed'
	| undefined;

/**
 * Routes on the raw path, segment by segment (each percent-decoded on its own, so an encoded
 * '/' in an id cannot split it). Routes are tried in order, like FastAPI's, so literal paths
 * (`/sessions/linked-user`) must come before parameter paths (`/sessions/{session_id}`).
 */
export function createRouter(routes: Route[]): (method: string, rawSubPath: string) => Match {
	const compiled: Compiled[] = routes.map((route) => ({
		route,
		segments: route.pattern
			.split('/')
			.slice(1)
			.map((s) => {
				const param = /^\{(\w+)\}(?::([\w-]+))?$/.exec(s);
				return param ? { param: param[1], verb: param[2] ? `:${param[2]}` : '' } : { literal: s };
			}),
	}));

	return (method, rawSubPath) => {
		const parts = rawSubPath.split('/').slice(1).map(decodeSegment);
		if (parts.some((p) => p === undefined)) return undefined;
		let pathMatched = false;
		for (const { route, segments } of compiled) {
			const params = matchSegments(segments, parts as string[]);
			if (!params) continue;
			if (route.method === method) return { route, params };
			pathMatched = true;
		}
		return pathMatched ? 'method-not-allowed' : undefined;
	};
}

function matchSegments(
	segments: Compiled['segments'],
	parts: string[],
): Record<string, string> | undefined {
	if (segments.length !== parts.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < parts.length; i++) {
		const segment = segments[i];
		const part = parts[i];
		if ('literal' in segment) {
			if (part !== segment.literal) return undefined;
			continue;
		}
		if (!part.endsWith(segment.verb)) return undefined;
		const value = part.slice(0, part.length - segment.verb.length);
		if (!value) return undefined;
		params[segment.param] = value;
	}
	return params;
}

function decodeSegment(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
