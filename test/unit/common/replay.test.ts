import type { IDataObject, INode, IPollFunctions } from 'n8n-workflow';
import { readReplay, replayOption, replayOptions } from '../../../nodes/common/replay';

const node: INode = {
	id: 'n',
	name: 'Trigger',
	type: 'test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400_000;

/** A poll context as n8n gives it to a trigger: its mode, the workflow's zone and the node's static data. */
function contextOf(
	options: {
		mode?: 'trigger' | 'manual';
		zone?: string;
		staticData?: IDataObject;
		raw?: unknown;
	} = {},
) {
	const staticData = options.staticData ?? {};
	return {
		getNode: () => node,
		getNodeParameter: (name: string, fallback?: unknown) =>
			name === 'options' ? { replaySince: options.raw } : fallback,
		getMode: () => options.mode ?? 'trigger',
		getTimezone: () => options.zone ?? 'UTC',
		getWorkflowStaticData: () => staticData,
	} as unknown as IPollFunctions;
}

function read(raw: unknown, options: Parameters<typeof contextOf>[0] = {}) {
	return readReplay(contextOf({ ...options, raw }));
}

function failure(run: () => unknown): { message: string; description: string } {
	try {
		run();
	} catch (error) {
		const e = error as { message: string; description: string; name: string };
		expect(e.name).toBe('NodeOperationError');
		return { message: e.message, description: e.description };
	}
	throw new Error('expected a refusal');
}

describe('readReplay', () => {
	beforeEach(() => jest.spyOn(Date, 'now').mockReturnValue(NOW));
	afterEach(() => jest.restoreAllMocks());

	it('is an optional date and time in the Options collection, empty by default', () => {
		expect(replayOption).toMatchObject({
			displayName: 'Replay Events Since',
			name: 'replaySince',
			type: 'dateTime',
			default: '',
		});
		expect(replayOptions()).toMatchObject({ name: 'options', type: 'collection', default: {} });
		expect(replayOptions()).not.toHaveProperty('displayOptions');
		expect(replayOptions({ mode: ['x'] }).displayOptions).toEqual({ show: { mode: ['x'] } });
	});

	it('not set: nothing to replay, and an earlier marker is removed', () => {
		for (const raw of [undefined, '', null])
			expect(read(raw, { staticData: { replayed: NOW - DAY } })).toEqual({
				state: { replayed: undefined },
			});
	});

	it('replays a time not replayed yet and marks it done', () => {
		const at = NOW - 3_600_000;
		expect(read(new Date(at).toISOString())).toEqual({ since: at, state: { replayed: at } });
	});

	it('does not replay the time it already replayed (also after a restart), but another one', () => {
		const at = NOW - 3_600_000;
		const staticData = JSON.parse(JSON.stringify({ replayed: at })) as IDataObject;
		expect(read(new Date(at).toISOString(), { staticData })).toEqual({ state: { replayed: at } });
		expect(read(new Date(at - 60_000).toISOString(), { staticData })).toEqual({
			since: at - 60_000,
			state: { replayed: at - 60_000 },
		});
	});

	it('reads a time without offset in the workflow’s time zone', () => {
		// Now is 12:00 UTC: 12:30 in Berlin (CET) and 06:30 in New York (EST) were half an hour ago.
		expect(read('2026-11-30T12:30:00', { zone: 'Europe/Berlin' }).since).toBe(NOW - 1_800_000);
		expect(read('2026-11-30T06:30:00', { zone: 'America/New_York' }).since).toBe(NOW - 1_800_000);
		// Read as UTC it would be in the future.
		expect(failure(() => read('2026-11-30T12:30:00')).message).toBe(
			'Invalid "Replay Events Since": it is in the future',
		);
	});

	it('ignores the option in manual mode (Fetch Test Event): nothing replayed, nothing marked', () => {
		expect(read(new Date(NOW - DAY).toISOString(), { mode: 'manual' })).toEqual({ state: {} });
	});

	it.each([
		['a future time', new Date(NOW + 60_000).toISOString(), 'it is in the future'],
		[
			'a time more than 90 days ago',
			new Date(NOW - 90 * DAY - 1).toISOString(),
			'it is more than 90 days ago',
		],
		['text', 'yesterday', 'it is not a date and time'],
		['an object', { at: 'yesterday' }, 'the value is an object, not text'],
	])('refuses %s, naming the field, also in manual mode', (_case, raw, reason) => {
		for (const mode of ['trigger', 'manual'] as const) {
			const { message, description } = failure(() => read(raw, { mode }));
			expect(message).toBe(`Invalid "Replay Events Since": ${reason}`);
			expect(description).toBeTruthy();
		}
	});

	it('accepts the edges: now and exactly 90 days ago', () => {
		expect(read(new Date(NOW).toISOString()).since).toBe(NOW);
		expect(read(new Date(NOW - 90 * DAY).toISOString()).since).toBe(NOW - 90 * DAY);
	});
});
