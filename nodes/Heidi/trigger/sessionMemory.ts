import type { IDataObject } from 'n8n-workflow';
import { noteDigest, noteState } from './events';

/** What the trigger remembers of one watched session. */
export interface SessionMark {
	/** created_at (server clock, ms): decides when the session leaves the watch window. */
	c: number;
	/** updated_at as Heidi wrote it: a different value is a change. */
	u: string;
	/** Digest of the note last announced (or found on the first poll). */
	n?: string;
	/** Digest of a note of unconfirmed status seen on the last poll, waiting to be seen unchanged. */
	p?: string;
	/** Set while the full session could not be read: its note is looked at again on the next poll. */
	r?: 1;
}

interface MemoryState {
	scope: string;
	/** Newest created_at/updated_at ever seen (server clock, ms); null before any session. */
	newest: number | null;
	sessions: Record<string, SessionMark>;
}

/**
 * The sessions created inside the watch window, keyed by session id, with their last `updated_at`
 * and note. New Session is "an id not known", Session Updated "another updated_at", Consult Note
 * Ready "another finished note": none depends on a time horizon, so a session that shows up late
 * (listing lag, a server clock behind) is still announced once. Only the server's times are used.
 * Bounded by the sessions created in the window: older ones are forgotten as it moves on.
 */
export class SessionMemory {
	private readonly state: MemoryState;

	/** True on the first poll (or after the settings changed): sessions are learned, not announced. */
	readonly fresh: boolean;

	constructor(stored: unknown, scope: string) {
		const s = stored as MemoryState | undefined;
		this.fresh = !s || s.scope !== scope || typeof s.sessions !== 'object' || s.sessions === null;
		this.state = this.fresh
			? { scope, newest: null, sessions: {} }
			: {
					scope,
					newest: typeof s!.newest === 'number' ? s!.newest : null,
					sessions: { ...s!.sessions },
				};
	}

	/** Newest server time seen before this poll, if any. */
	get newest(): number | undefined {
		return this.state.newest ?? undefined;
	}

	get(sessionId: string): SessionMark | undefined {
		return this.state.sessions[sessionId];
	}

	set(sessionId: string, mark: SessionMark, time: number): void {
		this.state.sessions[sessionId] = mark;
		this.state.newest = Math.max(this.state.newest ?? Number.NEGATIVE_INFINITY, time);
	}

	/** The state to keep, without sessions created before `oldest`. */
	snapshot(oldest: number): IDataObject {
		const sessions: Record<string, SessionMark> = {};
		for (const [id, mark] of Object.entries(this.state.sessions))
			if (mark.c >= oldest) sessions[id] = mark;
		return {
			scope: this.state.scope,
			newest: this.state.newest,
			sessions,
		} as unknown as IDataObject;
	}
}

/**
 * Consult Note Ready for one session: a final note not announced yet at once; a note of
 * unconfirmed status once the same text was seen on the previous poll (events.ts).
 */
export function noteEvent(
	session: IDataObject,
	mark: SessionMark,
	previous: SessionMark | undefined,
	learning: boolean,
): boolean {
	const state = noteState(session);
	const digest = noteDigest(session);
	mark.p = undefined;
	if (!digest || state === 'writing' || digest === mark.n) return false;
	if (learning) {
		mark.n = digest;
		return false;
	}
	if (state === 'final' || previous?.p === digest) {
		mark.n = digest;
		return true;
	}
	mark.p = digest;
	return false;
}
