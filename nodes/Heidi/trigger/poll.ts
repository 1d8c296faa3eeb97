import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { PollCursor } from '../../common/pollCursor';
import { buildOnce, type RecordBuilder } from '../../common/recordRetry';
import { pollParams } from '../../common/params';
import { readReplay, type Replay } from '../../common/replay';
import { formatNote } from '../../common/noteOutput';
import { heidiEncounterNote } from '../outputs/encounterNote';
import { getSession, getTranscript } from '../transport/api';
import { tokenGate } from '../transport/token';
import {
	createdAt,
	noteDigest,
	noteReady,
	noteState,
	SESSION_EVENTS,
	updatedAt,
	type SessionEvent,
} from './events';
import { noteEvent, SessionMemory, type SessionMark } from './sessionMemory';
import { readTriggerNote, type TriggerNote } from './noteOptions';
import { scanSessions } from './scan';

/** How far behind the newest change a change may still surface in the list (commit lag). */
const LOOKBACK_MS = 10 * 60_000;
const PAGE_SIZE = 50;
const HOUR = 3_600_000;
const WINDOW_LABEL = 'Watch Sessions Created Within (Hours)';

interface TriggerOptions {
	includeTranscript: boolean;
	note: TriggerNote;
	windowMs: number;
	replay: Replay;
}

/** What rebuilds an event's item, also on a later poll: the event and the session id (no PHI). */
interface EventRecord extends IDataObject {
	event: SessionEvent;
	sessionId: string;
	time: number;
	/**
	 * A replayed note whose session could not be read: emitted only if the note read later is
	 * settled (`settledNote`); these digests of notes of unconfirmed status count as settled.
	 */
	settle?: string[];
}

function readOptions(context: IPollFunctions): TriggerOptions {
	const p = pollParams(context);
	const o = p.collection('options', 'Options');
	const hours = p.requiredNum(WINDOW_LABEL, o.activityWindowHours, {
		min: 1,
		max: 24 * 366,
		fallback: 72,
	});
	return {
		includeTranscript: p.bool('Include Transcript', o.includeTranscript, false),
		note: readTriggerNote(p, o),
		windowMs: hours * HOUR,
		replay: readReplay(context),
	};
}

/** The session's transcript, read once per poll. */
async function transcriptOf(
	context: IPollFunctions,
	sessionId: string,
	transcripts: Map<string, Promise<string>>,
): Promise<string> {
	if (!transcripts.has(sessionId)) transcripts.set(sessionId, getTranscript(context, sessionId));
	return await transcripts.get(sessionId)!;
}

/** The item for one event: the event name, the session, and what the options add. */
async function toItem(
	context: IPollFunctions,
	event: SessionEvent,
	session: IDataObject,
	options: TriggerOptions,
	transcripts: Map<string, Promise<string>>,
) {
	const sessionId = String(session.session_id);
	const json: IDataObject = { event, ...session };
	const { settings, key } = options.note;
	const wantNote = settings.format !== 'none' && event === 'noteReady' && noteReady(session);
	// Raw is the consult note as Heidi returns it; the other formats are built with the transcript.
	const transcript =
		options.includeTranscript || (wantNote && settings.format !== 'raw')
			? await transcriptOf(context, sessionId, transcripts)
			: undefined;
	if (options.includeTranscript) json.transcript = transcript;
	if (wantNote) {
		const raw: IDataObject = { session_id: sessionId, ...(session.consult_note as IDataObject) };
		json[key] =
			settings.format === 'raw'
				? raw
				: formatNote(heidiEncounterNote({ session, transcript: transcript ?? '' }), raw, settings);
	}
	return { json };
}

/**
 * Items of events; a session read now (listed this poll with what the event needs) is used as is,
 * otherwise (a retry on a later poll) it is read again. Failures go to common/recordRetry.
 */
function eventItems(
	context: IPollFunctions,
	options: TriggerOptions,
	listed: Map<string, IDataObject>,
): RecordBuilder<EventRecord, INodeExecutionData | undefined> {
	const transcripts = new Map<string, Promise<string>>();
	return {
		identify: ({ event, sessionId }) => ({ event, session_id: sessionId }),
		build: async ({ event, sessionId, settle }) => {
			const row = listed.get(sessionId);
			const session =
				row && (event !== 'noteReady' || row.consult_note !== undefined)
					? row
					: await getSession(context, sessionId);
			if (settle && !settledNote(session, settle)) return undefined;
			return await toItem(context, event, session, options, transcripts);
		},
	};
}

/** Manual mode ("Fetch Test Event"): the newest real session, as the event it would fire. */
async function newestSession(
	context: IPollFunctions,
	events: SessionEvent[],
	options: TriggerOptions,
) {
	const rows = await scanSessions(context, PAGE_SIZE, () => Number.POSITIVE_INFINITY);
	let newest: IDataObject | undefined;
	for (const row of rows)
		if (!newest || (createdAt(row) ?? -Infinity) > (createdAt(newest) ?? -Infinity)) newest = row;
	if (!newest) return null;
	const sessionId = String(newest.session_id);
	const session = newest.consult_note === undefined ? await getSession(context, sessionId) : newest;
	const event =
		events.includes('noteReady') && noteReady(session)
			? 'noteReady'
			: (events.find((e) => e !== 'noteReady') ?? 'newSession');
	const record: EventRecord = { event, sessionId, time: updatedAt(session) ?? 0 };
	const item = await buildOnce(
		record,
		eventItems(context, options, new Map([[sessionId, session]])),
	);
	return item ? [[item]] : null;
}

/**
 * Whether a replay announces the session's note: a final one, or one of unconfirmed status already
 * seen on an earlier poll with the same text, `seen` (a note still being written is left to the
 * usual check).
 */
function settledNote(session: IDataObject, seen: string[]): boolean {
	const digest = noteDigest(session);
	if (!digest) return false;
	const state = noteState(session);
	return state === 'final' || (state === 'unconfirmed' && seen.includes(digest));
}

/** The digests of the notes of a session the memory has seen (announced, or seen once). */
const seenNotes = (mark: SessionMark | undefined): string[] =>
	[mark?.n, mark?.p].filter((d): d is string => !!d);

/** Sessions of the linked Heidi account, as events; each exactly once across polls, pages and restarts. */
export async function pollHeidiSessions(
	this: IPollFunctions,
): Promise<INodeExecutionData[][] | null> {
	const events = pollParams(this).requiredChoices('events', 'Events', SESSION_EVENTS).sort();
	const options = readOptions(this);
	if (this.getMode() === 'manual') return await newestSession(this, events, options);

	const credentials = await tokenGate(this).credentials();
	const who = [credentials.email, credentials.userId, credentials.environment, credentials.baseUrl]
		.map(String)
		.join('|');
	const scope = `heidi-sessions:${createHash('sha1').update(who).digest('hex').slice(0, 12)}:${events.join(',')}`;
	const staticData = this.getWorkflowStaticData('node');
	// The session memory is this trigger's cursor (no time horizon: see SessionMemory); PollCursor
	// holds the records pending a retry and commits both.
	const poll = PollCursor.begin(staticData, { scope });
	const memory = new SessionMemory(staticData.sessions, scope);
	const wantNotes = events.includes('noteReady');

	// Sessions created before this are not watched: counted back from the newest time the server
	// reported (never this host's clock); before any session was seen, nothing is left out.
	const newestSeen = (rows: IDataObject[]) =>
		rows.reduce((max, r) => Math.max(max, updatedAt(r) ?? -Infinity), memory.newest ?? -Infinity);
	const oldestWatched = (rows: IDataObject[]) => newestSeen(rows) - LOOKBACK_MS - options.windowMs;
	// A replay also reads the sessions its time's window held (common/replay), once.
	const { since } = options.replay;
	const replayOldest =
		since === undefined ? Number.POSITIVE_INFINITY : since - LOOKBACK_MS - options.windowMs;
	const rows = await scanSessions(this, PAGE_SIZE, (seen) =>
		Math.min(oldestWatched(seen), replayOldest),
	);
	const oldest = oldestWatched(rows);
	const replayed = (time: number) => since !== undefined && time >= since;

	const listed = new Map<string, IDataObject>();
	const emitted = new Map<string, EventRecord>();
	const emit = (event: SessionEvent, sessionId: string, time: number, settle?: string[]) => {
		if (events.includes(event))
			emitted.set(`${sessionId}|${event}`, { event, sessionId, time, ...(settle && { settle }) });
	};
	for (const row of rows) {
		const sessionId = String(row.session_id ?? '');
		const created = createdAt(row);
		const updated = updatedAt(row);
		// A row seen twice (the list shifted while paging) counts once.
		if (
			!sessionId ||
			created === undefined ||
			updated === undefined ||
			created < Math.min(oldest, replayOldest) ||
			listed.has(sessionId)
		)
			continue;
		const watched = created >= oldest;
		const previous = watched ? memory.get(sessionId) : undefined;
		const version = String(row.updated_at ?? row.created_at);
		let session = row;
		let unread = false;
		const mark: SessionMark = { ...previous, c: created, u: version, r: undefined };
		// A list row without its consult note (the list shape is only partly documented) is read in
		// full when it changed, or when its note waits to be seen unchanged, or is replayed. If that
		// read fails, the other events still fire from the row and the note is looked at again on the
		// next poll.
		if (
			wantNotes &&
			row.consult_note === undefined &&
			(replayed(updated) ||
				(watched && (!previous || previous.u !== version || previous.p || previous.r)))
		) {
			try {
				session = await getSession(this, sessionId);
			} catch {
				mark.r = 1;
				unread = true;
			}
		}
		listed.set(sessionId, session);
		if (watched) {
			if (!memory.fresh) {
				if (!previous) emit('newSession', sessionId, created);
				if (previous ? previous.u !== version : updated > created)
					emit('sessionUpdated', sessionId, updated);
			}
			// A first poll learns the notes it finds, but one in a replay waits to be announced (a note
			// of unconfirmed status seen once would otherwise be neither replayed nor announced).
			if (
				wantNotes &&
				session.consult_note !== undefined &&
				noteEvent(session, mark, previous, memory.fresh && !replayed(updated))
			)
				emit('noteReady', sessionId, updated);
			memory.set(sessionId, mark, Math.max(created, updated));
		}
		if (replayed(created)) emit('newSession', sessionId, created);
		if (replayed(updated) && updated > created) emit('sessionUpdated', sessionId, updated);
		// A replayed note whose session could not be read is looked at when its item is built,
		// retried on the next polls like any record (common/recordRetry), so the replay keeps it.
		if (replayed(updated) && wantNotes && unread)
			emit('noteReady', sessionId, updated, seenNotes(previous));
		else if (replayed(updated) && wantNotes && settledNote(session, seenNotes(previous)))
			emit('noteReady', sessionId, updated);
	}

	const records = [...emitted]
		.map(([key, record]) => ({ key, record }))
		.sort((a, b) => a.record.time - b.record.time || (a.record.event < b.record.event ? -1 : 1));
	const items = await poll.build(this.getNode(), records, eventItems(this, options, listed), 2);
	// Committed only now: a poll that failed above leaves everything to the next one.
	// Earlier versions kept a time cursor and a note memory.
	poll.commit({
		sessions: memory.snapshot(oldest),
		cursor: undefined,
		notes: undefined,
		...options.replay.state,
	});
	return items.length ? [items] : null;
}
