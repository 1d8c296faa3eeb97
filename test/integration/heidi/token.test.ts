import type { Sandbox } from '../../../sandbox';
import { afterRequest, credentialUpdates } from '../../harness';
import { freezeWallClock } from '../../harness/wallClock';
import { heidiRequests, heidiSandbox, HeidiRunner, HP_TEMPLATE, lastSeq } from './helpers';

const LIFETIME_S = 1.2;
/** Wall time that passes per Heidi API request (other than the token exchange) in the first test. */
const STEP_MS = 100;

let sandbox: Sandbox;
beforeAll(async () => (sandbox = await heidiSandbox({ tokenLifetimeSeconds: LIFETIME_S })));
afterAll(async () => await sandbox.stop());

const generate = {
	resource: 'consultNote',
	operation: 'generate',
	sessionId: '={{ $json.session_id }}',
	templateSource: 'template',
	templateId: HP_TEMPLATE,
	voiceStyle: 'SUPER_DETAILED',
	brain: 'LEFT',
	contentType: 'MARKDOWN',
	noteFormat: 'raw',
	options: { concurrency: 4 },
};

test('a batch that outlives the token renews it exactly once per expiry, never hitting a 401', async () => {
	const ids = Array.from({ length: 24 }, () => sandbox.heidi.seedSession({ withNote: false }));
	const heidi = new HeidiRunner(sandbox);
	const since = lastSeq(sandbox);
	const before = sandbox.heidi.stats();
	// Wall time (token expiry in the emulator, renewal in the node) moves only by STEP_MS per answered
	// request, one item at a time: when the token expires is fixed by the test, not by machine speed.
	const wall = freezeWallClock();
	const unhook = afterRequest(
		sandbox.log,
		{ service: 'heidi' },
		(entry) => !entry.path.endsWith('/jwt') && wall.advance(STEP_MS),
	);
	let result: Awaited<ReturnType<HeidiRunner['run']>>;
	try {
		result = await heidi.run(
			{ ...generate, options: { concurrency: 1 } },
			ids.map((session_id) => ({ json: { session_id } })),
		);
	} finally {
		unhook();
		wall.restore();
	}
	const { items, error } = result;

	const elapsedS =
		(heidiRequests(sandbox, since).filter((r) => r.route !== 'GET /jwt').length * STEP_MS) / 1000;
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.session_id)).toEqual(ids);
	expect(
		items.every(
			(i) => typeof i.json.note === 'string' && (i.json.note as string).includes('## Assessment'),
		),
	).toBe(true);
	// The batch really outlived a token.
	expect(elapsedS).toBeGreaterThan(LIFETIME_S * 1.5);

	const after = sandbox.heidi.stats();
	const exchanges = heidiRequests(sandbox, since).filter((r) => r.route === 'GET /jwt');
	expect(after.unauthorized - before.unauthorized).toBe(0);
	expect(after.jwtExchanges - before.jwtExchanges).toBe(exchanges.length);
	expect(exchanges.length).toBeGreaterThanOrEqual(2);
	// Each exchange went through n8n's pre-authentication (stored in the credential) ...
	expect(credentialUpdates).toHaveLength(exchanges.length);
	// ... and happened only once the previous token was near its end: one exchange per expiry.
	const times = exchanges.map((e) => Date.parse(e.time));
	for (let k = 1; k < times.length; k++)
		expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(LIFETIME_S * 1000 * 0.5);
	expect(exchanges.length).toBeLessThanOrEqual(Math.ceil(elapsedS / (LIFETIME_S * 0.5)) + 1);
});

test('a token refused mid-batch is renewed once, not once per concurrent request', async () => {
	const ids = Array.from({ length: 10 }, () => sandbox.heidi.seedSession());
	const heidi = new HeidiRunner(sandbox);
	// Wall time stands still: the token cannot near its expiry however slow the machine, so only the revocation renews it.
	const wall = freezeWallClock();
	let result: Awaited<ReturnType<HeidiRunner['run']>>;
	let since = 0;
	try {
		await heidi.run({ resource: 'account', operation: 'check' });
		expect(heidi.exchanges).toBe(1);
		sandbox.heidi.revokeTokens();
		since = lastSeq(sandbox);
		result = await heidi.run(
			{
				resource: 'session',
				operation: 'get',
				sessionId: '={{ $json.session_id }}',
				options: { concurrency: 5 },
			},
			ids.map((session_id) => ({ json: { session_id } })),
		);
	} finally {
		wall.restore();
	}
	const { items, error } = result;

	expect(error).toBeUndefined();
	expect(items.map((i) => i.json.session_id)).toEqual(ids);
	const requests = heidiRequests(sandbox, since);
	const refused = requests.filter((r) => r.status === 401);
	expect(refused.length).toBeGreaterThanOrEqual(1);
	expect(refused.length).toBeLessThanOrEqual(5);
	expect(requests.filter((r) => r.route === 'GET /jwt')).toHaveLength(1);
	expect(requests.filter((r) => r.status === 200 && r.route !== 'GET /jwt')).toHaveLength(
		ids.length,
	);
});
