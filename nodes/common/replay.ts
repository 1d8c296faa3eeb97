import type { IDataObject, IDisplayOptions, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { pollParams } from './params';

/**
 * "Replay Events Since": the way back after n8n lost the execution of a poll (a worker died while
 * the main ran: n8n keeps only an error, and the trigger's cursor had moved on). The next poll
 * emits every event from that time on once more, also those emitted before; later polls go on
 * as usual. It is not part of a trigger's scope, so setting it does not reset the trigger, and
 * the time replayed is remembered, so it runs once however long it stays set.
 */

const LABEL = 'Replay Events Since';

/** Static-data field: the replay time (ms) already done. */
const FIELD = 'replayed';

/** Farther back costs listing calls (one per day of a dated S3 location) and is no longer recovery. */
const MAX_DAYS = 90;
const DAY = 86_400_000;

export const replayOption: INodeProperties = {
	displayName: LABEL,
	name: 'replaySince',
	type: 'dateTime',
	default: '',
	description: `To recover events of an execution n8n lost (e.g. an n8n worker died while it ran): the next check starts the workflow once more for every event from this time on, also those that started it before, then goes on as usual. Set it to a little before the lost execution started (at most ${MAX_DAYS} days ago); the filing steps should be safe to repeat. It runs once while it stays set; to replay again, set another time (or clear it and set it anew).`,
};

/** The trigger's Options collection, when it has no other options. */
export const replayOptions = (show?: IDisplayOptions['show']): INodeProperties => ({
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [replayOption],
	...(show ? { displayOptions: { show } } : {}),
});

export interface Replay {
	/** Events at or after this time (ms) are emitted in this poll even if emitted before; undefined: none. */
	since?: number;
	/** Static data to commit with the poll, so the same replay is not done again. */
	state: IDataObject;
}

/**
 * Reads "Replay Events Since" from the trigger's Options. A time without offset is in the
 * workflow's time zone. In manual mode (Fetch Test Event) nothing is replayed and nothing is
 * marked done.
 */
export function readReplay(context: IPollFunctions): Replay {
	const p = pollParams(context);
	const at = p.dateTime(
		LABEL,
		p.collection('options', 'Options').replaySince,
		context.getTimezone(),
	);
	if (at === undefined) return { state: { [FIELD]: undefined } };
	// A time left set after its replay ages past the limit: that must not stop the trigger.
	const done = context.getWorkflowStaticData('node')[FIELD] === at;
	const now = Date.now();
	if (!done && at > now)
		p.fail(LABEL, 'it is in the future', 'Set the time the events to replay start from.');
	if (!done && at < now - MAX_DAYS * DAY)
		p.fail(
			LABEL,
			`it is more than ${MAX_DAYS} days ago`,
			`Set a time within the last ${MAX_DAYS} days.`,
		);
	if (context.getMode() === 'manual') return { state: {} };
	return { ...(done ? {} : { since: at }), state: { [FIELD]: at } };
}
