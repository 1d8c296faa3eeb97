import type { IDataObject } from 'n8n-workflow';

interface MemoryState {
	scope: string;
	/** Session id → [note digest, session created_at ms], for sessions inside the watch window only. */
	notes: Record<string, [string, number]>;
}

/**
 * Which note each watched session had at the last poll. A note is "ready" when a session shows a
 * finished note whose digest differs from the remembered one. Kept in static data, bounded by the
 * sessions created inside the watch window (older ones are forgotten as the window moves on).
 */
export class NoteMemory {
	private readonly state: MemoryState;

	/** True on the first poll (or after the scope changed): notes are learned, not announced. */
	readonly fresh: boolean;

	constructor(
		private readonly staticData: IDataObject,
		scope: string,
		private readonly field = 'notes',
	) {
		const stored = staticData[field] as MemoryState | undefined;
		this.fresh = !stored || stored.scope !== scope;
		this.state = this.fresh ? { scope, notes: {} } : { scope, notes: { ...stored!.notes } };
	}

	/** Records the session's note; true when it is a note not announced before (never on the first poll). */
	observe(sessionId: string, digest: string, created: number): boolean {
		const known = this.state.notes[sessionId]?.[0];
		this.state.notes[sessionId] = [digest, created];
		return !this.fresh && known !== digest;
	}

	/** Forgets sessions created before `oldest` and writes the state back. */
	save(oldest: number): void {
		for (const [id, [, created]] of Object.entries(this.state.notes)) if (created < oldest) delete this.state.notes[id];
		this.staticData[this.field] = this.state as unknown as IDataObject;
	}
}
