import { randomBytes } from 'node:crypto';
import { renderError } from '../core/errors';
import type { EmulatorContext, Handler, SandboxRequest, SandboxResponse } from '../core/types';
import { ENCOUNTERS } from '../data/encounters';
import { createTokenIssuer } from './auth';
import type { NoteRequest } from './model/note';
import { DEFAULT_NOTE_REQUEST, generateNoteNow, seedSession } from './model/seed';
import { sessionToWire, touch } from './model/session';
import { findOrCreateUser, linkAccount } from './model/users';
import { type HeidiEmulatorOptions, resolveOptions } from './options';
import { createRouter } from './router';
import { accountRoutes, checkApiKey, noLinkedUser } from './routes/account';
import { askRoutes } from './routes/ask';
import { codeRoutes } from './routes/codes';
import { contextRoutes } from './routes/context';
import { documentRoutes } from './routes/documents';
import { noteRoutes } from './routes/notes';
import { profileRoutes } from './routes/profiles';
import { applySessionPatch, sessionRoutes } from './routes/sessions';
import { transcriptionRoutes } from './routes/transcription';
import type { ApiUser, Stats, World } from './state';
import {
	ServiceError,
	ValidationFailure,
	methodNotAllowed,
	notFoundRoute,
	renderValidation,
} from './wire';

export { HEIDI_BASE_PATH, HEIDI_SANDBOX_IDENTITY } from './options';
export type { HeidiEmulatorOptions, StreamFormat } from './options';

export interface HeidiEmulator {
	handle: Handler;
	/** The identity to paste into n8n: API key, email, third-party user id, and the path prefix. */
	identity(): { apiKey: string; email: string; userId: string; basePath: string };
	stats(): Stats;
	/** Change options at run time (stream format, token lifetime, list order, linking rules, ...). */
	configure(options: HeidiEmulatorOptions): void;
	/** Every token issued so far now gets 401 (the "expired tokens" fault). */
	revokeTokens(): void;
	/** A finished session as if recorded in the Heidi app; the sandbox identity unless another is named. */
	seedSession(opts?: {
		email?: string;
		userId?: string;
		encounterId?: string;
		createdAt?: number;
		withNote?: boolean;
	}): string;
	/** Change a session as the Heidi app would (same fields and rules as PATCH); bumps `updated_at`. */
	touchSession(sessionId: string, patch?: Record<string, unknown>): void;
	/** Write the consult note without a client asking (the clinician pressed generate in the app). */
	completeConsultNote(sessionId: string, request?: Partial<NoteRequest>): string;
	/**
	 * The consult note as a client may read it while Heidi still writes it: the status and text
	 * given (e.g. the one documented status, CREATED, with part of the text); bumps `updated_at`.
	 */
	writeConsultNote(sessionId: string, note: { status: string; result: string }): void;
	/** What the emulator holds for a session: the wire object plus what clients sent it. */
	inspectSession(sessionId: string): SessionSnapshot | undefined;
}

export interface SessionSnapshot {
	session: ReturnType<typeof sessionToWire>;
	ownerEmail: string;
	encounterId: string;
	audio: Array<{
		fileName: string;
		contentType: string;
		size: number;
		startTime: string | null;
		endTime: string | null;
	}>;
	recordings: Array<{
		id: string;
		finished: boolean;
		segments: Array<{ index: number; fileName: string; contentType: string; size: number }>;
	}>;
	contextDocuments: Array<{
		fileName: string;
		contentType: string;
		size: number;
		meta: Record<string, unknown>;
	}>;
}

const ROUTES = [
	...accountRoutes,
	...sessionRoutes,
	...profileRoutes,
	...transcriptionRoutes,
	...noteRoutes,
	...documentRoutes,
	...contextRoutes,
	...codeRoutes,
	...askRoutes,
];
const route = createRouter(ROUTES);

export function createHeidiEmulator(
	ctx: EmulatorContext,
	options: HeidiEmulatorOptions = {},
): HeidiEmulator {
	const world: World = {
		options: resolveOptions(options),
		clock: ctx.clock,
		tokens: createTokenIssuer(),
		users: new Map(),
		sessions: new Map(),
		profiles: new Map(),
		stats: { jwtExchanges: 0, unauthorized: 0, consultNotes: 0, askAi: 0, requests: 0 },
	};

	const sandboxUser = findOrCreateUser(world, world.options.email, world.options.userId);
	if (world.options.linked) linkAccount(world, sandboxUser, 'kp_sandbox0000000000000001');
	const DAY = 24 * 3600 * 1000;
	for (let i = 0; i < world.options.seedSessions; i++) {
		seedSession(
			world,
			sandboxUser,
			ENCOUNTERS[i % ENCOUNTERS.length],
			world.clock.now() - (world.options.seedSessions - i) * DAY,
		);
	}

	function authenticate(req: SandboxRequest): ApiUser {
		try {
			const claims = world.tokens.verify(req.headers.authorization);
			const user = world.users.get(claims.sub);
			if (!user) throw new ServiceError(401, 'InvalidTokenError', 'Invalid token');
			return user;
		} catch (error) {
			world.stats.unauthorized++;
			throw error;
		}
	}

	function needsLink(guard: 'token' | 'linked' | 'account'): boolean {
		const rule = world.options.requireLinkedAccount;
		if (guard === 'account' || rule === 'never') return false;
		return guard === 'linked' || rule === 'always';
	}

	async function dispatch(req: SandboxRequest): Promise<SandboxResponse> {
		const base = world.options.basePath;
		if (base && !req.rawPath.startsWith(`${base}/`)) return notFoundRoute();
		const match = route(req.method.toUpperCase(), req.rawPath.slice(base.length));
		if (!match) return notFoundRoute();
		if (match === 'method-not-allowed') return methodNotAllowed();
		const { route: r, params } = match;
		if (r.guard === 'api-key') {
			checkApiKey(world, req);
			return r.handle({ req, params, world });
		}
		const user = authenticate(req);
		if (needsLink(r.guard) && !user.account) throw noLinkedUser();
		return r.handle({ req, params, user, world });
	}

	const handle: Handler = async (req) => {
		world.stats.requests++;
		try {
			return await dispatch(req);
		} catch (error) {
			if (error instanceof ServiceError)
				return renderError('heidi', error, req.requestId ?? randomBytes(8).toString('hex'));
			if (error instanceof ValidationFailure)
				return renderValidation(error, world.options.validationErrors);
			throw error;
		}
	};

	const sessionOf = (id: string) => {
		const session = world.sessions.get(id);
		if (!session) throw new Error(`no Heidi session ${id}`);
		return session;
	};

	return {
		handle,
		identity: () => ({
			apiKey: world.options.apiKey,
			email: world.options.email,
			userId: world.options.userId,
			basePath: world.options.basePath,
		}),
		stats: () => ({ ...world.stats }),
		configure(next) {
			world.options = resolveOptions({ ...world.options, ...next });
		},
		revokeTokens: () => world.tokens.revokeAll(),
		seedSession(opts = {}) {
			const owner = findOrCreateUser(
				world,
				opts.email ?? world.options.email,
				opts.userId ?? world.options.userId,
			);
			const encounter =
				ENCOUNTERS.find((e) => e.id === opts.encounterId) ??
				ENCOUNTERS[world.sessions.size % ENCOUNTERS.length];
			return seedSession(
				world,
				owner,
				encounter,
				opts.createdAt ?? world.clock.now(),
				opts.withNote ?? true,
			).id;
		},
		touchSession(sessionId, patch = {}) {
			applySessionPatch(world, sessionOf(sessionId), patch);
		},
		completeConsultNote(sessionId, request = {}) {
			return generateNoteNow(world, sessionOf(sessionId), { ...DEFAULT_NOTE_REQUEST, ...request });
		},
		writeConsultNote(sessionId, note) {
			const session = sessionOf(sessionId);
			Object.assign(session.consultNote, note);
			touch(world, session);
		},
		inspectSession(sessionId) {
			const s = world.sessions.get(sessionId);
			if (!s) return undefined;
			return {
				session: sessionToWire(s),
				ownerEmail: world.users.get(s.ownerId)?.email ?? '',
				encounterId: s.encounter.id,
				audio: s.audio.map((a) => ({
					fileName: a.fileName,
					contentType: a.contentType,
					size: a.bytes.length,
					startTime: a.startTime,
					endTime: a.endTime,
				})),
				recordings: [...s.recordings.values()].map((r) => ({
					id: r.id,
					finished: r.finished,
					segments: [...r.segments.values()]
						.sort((a, b) => a.index - b.index)
						.map((g) => ({
							index: g.index,
							fileName: g.fileName,
							contentType: g.contentType,
							size: g.bytes.length,
						})),
				})),
				contextDocuments: s.contextDocuments.map((d) => ({
					fileName: d.fileName,
					contentType: d.contentType,
					size: d.size,
					meta: { ...d.meta },
				})),
			};
		},
	};
}
