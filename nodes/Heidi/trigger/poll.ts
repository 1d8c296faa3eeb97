import { createHash } from 'node:crypto';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { PollCursor } from '../../common/pollCursor';
import { heidiEncounterNote } from '../outputs/encounterNote';
import { getSession, getTranscript } from '../transport/api';
import { tokenGate } from '../transport/token';
import { changesOf, createdAt, noteDigest, noteReady, updatedAt, versionOf, type SessionChange, type SessionEvent } from './events';
import { NoteMemory } from './noteMemory';
import { scanSessions } from './scan';

/** How far behind the newest change a change may still surface in the list (commit lag). */
const LOOKBACK_MS = 10 * 60_000;
const PAGE_SIZE = 50;
const HOUR = 3_600_000;

interface TriggerOptions {
	includeTranscript?: boolean;
	includeEncounterNote?: boolean;
	activityWindowHours?: number;
}

interface Emitted {
	event: SessionEvent;
	sessionId: string;
	time: number;
}

/** The item for one event: the event name, the session, and what the options add. */
async function toItem(context: IPollFunctions, event: SessionEvent, session: IDataObject, options: TriggerOptions, transcripts: Map<string, Promise<string>>) {
	const sessionId = String(session.session_id);
	const json: IDataObject = { event, ...session };
	const wantNote = options.includeEncounterNote && noteReady(session);
	if (options.includeTranscript || wantNote) {
		if (!transcripts.has(sessionId)) transcripts.set(sessionId, getTranscript(context, sessionId));
		const transcript = await transcripts.get(sessionId)!;
		if (options.includeTranscript) json.transcript = transcript;
		if (wantNote) json.encounterNote = heidiEncounterNote({ session, transcript }) as unknown as IDataObject;
	}
	return { json };
}

/** Manual mode ("Fetch Test Event"): the newest real session, as the event it would fire. */
async function newestSession(context: IPollFunctions, events: SessionEvent[], options: TriggerOptions, transcripts: Map<string, Promise<string>>) {
	const rows = await scanSessions(context, PAGE_SIZE, () => Number.POSITIVE_INFINITY);
	let newest: IDataObject | undefined;
	for (const row of rows) if (!newest || (createdAt(row) ?? -Infinity) > (createdAt(newest) ?? -Infinity)) newest = row;
	if (!newest) return null;
	const session = newest.consult_note === undefined ? await getSession(context, String(newest.session_id)) : newest;
	const event = events.includes('noteReady') && noteReady(session) ? 'noteReady' : events.find((e) => e !== 'noteReady') ?? 'newSession';
	return [[await toItem(context, event, session, options, transcripts)]];
}

/** Sessions of the linked Heidi account, as events; each exactly once across polls, pages and restarts. */
export async function pollHeidiSessions(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const events = [...new Set(this.getNodeParameter('events', []) as SessionEvent[])].sort();
	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const windowMs = Math.max(1, options.activityWindowHours ?? 72) * HOUR;
	const transcripts = new Map<string, Promise<string>>();
	if (this.getMode() === 'manual') return await newestSession(this, events, options, transcripts);

	const credentials = await tokenGate(this).credentials();
	const who = [credentials.email, credentials.userId, credentials.environment, credentials.baseUrl].map(String).join('|');
	const scope = `heidi-sessions:${createHash('sha1').update(who).digest('hex').slice(0, 12)}:${events.join(',')}`;
	const staticData = this.getWorkflowStaticData('node');
	// n8n keeps this object in memory: if the poll fails after the state moved on, put it back so
	// the next poll sees the same events again.
	const before = JSON.stringify(staticData);
	const cursor = new PollCursor(staticData, { scope, lookbackMs: LOOKBACK_MS });
	const memory = new NoteMemory(staticData, scope);

	// Sessions created before this are not watched. Before the first poll the cursor has no
	// horizon, so it counts back from the newest change seen.
	const newestSeen = (rows: IDataObject[]) => rows.reduce((max, r) => Math.max(max, updatedAt(r) ?? -Infinity), -Infinity);
	const oldestWatched = (rows: IDataObject[]) => (cursor.started ? cursor.horizon : newestSeen(rows) - LOOKBACK_MS) - windowMs;
	const rows = await scanSessions(this, PAGE_SIZE, oldestWatched);
	const oldest = oldestWatched(rows);

	const sessions = new Map<string, IDataObject>();
	const changes: SessionChange[] = [];
	const emitted: Emitted[] = [];
	for (const row of rows) {
		const version = versionOf(row);
		// A row seen twice (the list shifted while paging) counts once.
		if (!version || sessions.has(version.sessionId) || (createdAt(row) ?? -Infinity) < oldest) continue;
		const changed = cursor.isNew(version) || !cursor.started;
		let session = row;
		// A list row without its consult note (the list shape is only partly documented) is read
		// in full, but only when it changed since the last poll.
		if (events.includes('noteReady') && row.consult_note === undefined && changed) session = await getSession(this, version.sessionId);
		sessions.set(version.sessionId, session);
		changes.push(version, ...changesOf(session, events));
		const digest = events.includes('noteReady') && session.consult_note !== undefined ? noteDigest(session) : undefined;
		if (digest && memory.observe(version.sessionId, digest, createdAt(session)!)) emitted.push({ event: 'noteReady', sessionId: version.sessionId, time: version.time });
	}
	for (const change of cursor.take(changes)) {
		if (change.event !== 'version') emitted.push({ event: change.event, sessionId: change.sessionId, time: change.time });
	}
	memory.save(oldest);
	if (!emitted.length) return null;
	emitted.sort((a, b) => a.time - b.time || (a.event < b.event ? -1 : 1));
	try {
		const items: INodeExecutionData[] = [];
		for (const e of emitted) items.push(await toItem(this, e.event, sessions.get(e.sessionId)!, options, transcripts));
		return [items];
	} catch (error) {
		for (const key of Object.keys(staticData)) delete staticData[key];
		Object.assign(staticData, JSON.parse(before));
		throw error;
	}
}
