import type { IDataObject } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { byId, connectHealthSandbox, DEMO, poll } from './helpers';

/**
 * S3 calls per poll against the size of the history under the watched output URI. Date-partitioned
 * output URIs ({yyyy}/{mm}/{dd}) keep a steady poll at one ListObjectsV2 call per partition in the
 * look-back window, however many days of history exist; a flat URI costs one call per 1,000 keys.
 */

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await connectHealthSandbox()));
afterAll(async () => await sandbox.stop());

const BUCKET = 'history-output';
const DAY = 86_400_000;
const SESSIONS_PER_DAY = 60;
const FILES = ['transcript.json', 'clinical-note.json', 'after-visit-summary.json'];
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, '/');

let seededDays = 0;
/** Adds whole days of history (60 sessions a day, three artifacts each) to both layouts, back from today. */
function seedDays(until: number) {
	sandbox.store.ensureBucket(BUCKET);
	for (let day = seededDays; day < until; day++) {
		const date = ymd(Date.now() - day * DAY);
		for (let n = 0; n < SESSIONS_PER_DAY; n++) {
			const id = `${(day * 1000 + n).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
			for (const file of FILES) {
				const tail = `medical-scribe/${DEMO.domainId}/${DEMO.subscriptionId}/${id}/${file}`;
				sandbox.store.put(BUCKET, `partitioned/${date}/${tail}`, '{}', 'application/json');
				sandbox.store.put(BUCKET, `flat/${tail}`, '{}', 'application/json');
			}
		}
	}
	seededDays = until;
}

const parameters = (outputS3Uri: string) => ({
	event: 'sessionArtifactsReady',
	domain: byId(DEMO.domainId),
	subscription: byId(DEMO.subscriptionId),
	outputS3Uri,
	artifact: 'clinicalNote',
	includeNote: 'none',
	lookBackHours: 24,
});

/** UTC days the 24 h look-back (+15 min skew) touches at `now`: 2, or 3 just after midnight. */
const windowDays = (now: number) =>
	Math.floor(now / DAY) - Math.floor((now - DAY - 15 * 60_000) / DAY) + 1;

/**
 * ListObjectsV2 calls of a steady-state poll (the second one; the first only records where "now" is),
 * and the partition counts the look-back window has at the start and at the end of that poll (the
 * same unless the poll straddles a window boundary: the answer never depends on when the test runs).
 */
async function steadyListCalls(outputS3Uri: string): Promise<{ calls: number; windows: number[] }> {
	const state: IDataObject = {};
	await poll(sandbox, parameters(outputS3Uri), state);
	const before = windowDays(Date.now());
	const { lists, emitted } = await poll(sandbox, parameters(outputS3Uri), state);
	expect(emitted).toBe(false);
	return { calls: lists.length, windows: [before, windowDays(Date.now())] };
}

// 180 days are 32,400 keys per layout, listed page by page: slow on a loaded machine, so a wide timeout.
test.each([1, 30, 180])(
	'%i days of history',
	async (days) => {
		seedDays(days);
		const objects = days * SESSIONS_PER_DAY * FILES.length;
		const partitioned = await steadyListCalls(`s3://${BUCKET}/partitioned/{yyyy}/{mm}/{dd}/`);
		const flat = await steadyListCalls(`s3://${BUCKET}/flat/`);
		// Each day's partition holds 180 keys: one call per partition in the window (partitions with no keys too).
		expect(partitioned.windows).toContain(partitioned.calls);
		expect(flat.calls).toBe(Math.ceil(objects / 1000));
	},
	180_000,
);
