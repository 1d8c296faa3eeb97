import type { IDataObject } from 'n8n-workflow';
import { noteReady, noteState } from '../../../nodes/Heidi/trigger/events';
import {
	noteEvent,
	SessionMemory,
	type SessionMark,
} from '../../../nodes/Heidi/trigger/sessionMemory';

const session = (status: unknown, result: unknown): IDataObject => ({
	session_id: '1',
	consult_note: { status, result } as IDataObject,
});

describe('Heidi consult note readiness', () => {
	it.each([
		['COMPLETED', 'final'],
		['completed', 'final'],
		['CREATED', 'unconfirmed'],
		[undefined, 'unconfirmed'],
		['SOMETHING_NEW', 'unconfirmed'],
		['GENERATING', 'writing'],
		['IN_PROGRESS', 'writing'],
		['STREAMING', 'writing'],
		['FAILED', 'writing'],
	])('status %s with text is %s', (status, state) => {
		expect(noteState(session(status, 'Assessment: stable'))).toBe(state);
	});

	it('a note without text is not a note', () => {
		for (const result of [null, '', '   ', 42, undefined])
			expect(noteState(session('COMPLETED', result))).toBe('none');
		expect(noteState({ session_id: '1' })).toBe('none');
		expect(noteReady(session('GENERATING', 'half a no'))).toBe(false);
	});
});

describe('noteEvent: Consult Note Ready only for a final note', () => {
	/** Runs polls of one session: each poll sees the given note; returns on which polls it was announced. */
	function run(polls: Array<[unknown, string]>) {
		let previous: SessionMark | undefined = { c: 0, u: 'x' };
		return polls.map(([status, text]) => {
			const mark: SessionMark = { ...previous!, c: 0, u: 'x' };
			const announced = noteEvent(session(status, text), mark, previous, false);
			previous = JSON.parse(JSON.stringify(mark)) as SessionMark;
			return announced;
		});
	}

	it('announces a COMPLETED note at once, and a rewrite once more', () => {
		expect(
			run([
				['COMPLETED', 'v1'],
				['COMPLETED', 'v1'],
				['COMPLETED', 'v2'],
				['COMPLETED', 'v2'],
			]),
		).toEqual([true, false, true, false]);
	});

	it('never announces a note while it is being generated, then the finished text once', () => {
		expect(
			run([
				['GENERATING', 'The pat'],
				['GENERATING', 'The patient rep'],
				['COMPLETED', 'The patient reports'],
			]),
		).toEqual([false, false, true]);
	});

	it('CREATED (undocumented meaning): a text still growing is not announced; the same text on two polls in a row is, once', () => {
		expect(
			run([
				['CREATED', 'The pat'],
				['CREATED', 'The patient rep'],
				['CREATED', 'The patient reports'],
				['CREATED', 'The patient reports'],
				['CREATED', 'The patient reports'],
			]),
		).toEqual([false, false, false, true, false]);
	});

	it('learns the notes there are on the first poll without announcing them', () => {
		const mark: SessionMark = { c: 0, u: 'x' };
		expect(noteEvent(session('CREATED', 'old note'), mark, undefined, true)).toBe(false);
		expect(noteEvent(session('CREATED', 'old note'), { ...mark }, mark, false)).toBe(false);
	});
});

describe('SessionMemory', () => {
	it('forgets sessions created before the window and keeps the server high-water mark', () => {
		const memory = new SessionMemory(undefined, 's');
		expect(memory.fresh).toBe(true);
		expect(memory.newest).toBeUndefined();
		memory.set('old', { c: 100, u: 'a' }, 150);
		memory.set('new', { c: 1000, u: 'b' }, 1200);
		const saved = JSON.parse(JSON.stringify(memory.snapshot(500))) as IDataObject;
		const again = new SessionMemory(saved, 's');
		expect(again.fresh).toBe(false);
		expect(again.newest).toBe(1200);
		expect(again.get('old')).toBeUndefined();
		expect(again.get('new')).toEqual({ c: 1000, u: 'b' });
		expect(new SessionMemory(saved, 'other').fresh).toBe(true);
	});
});
