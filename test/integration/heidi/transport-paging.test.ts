import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { Sandbox } from '../../../sandbox';
import { heidiCredentials, pollTrigger } from '../../harness';
import { MAX_PAGES } from '../../../nodes/Heidi/transport/paging';
import { runNode } from '../../harness';
import { heidiRequests, heidiSandbox, HeidiRunner, lastSeq } from './helpers';
import { calls, fakeCredentials, fakeHeidi, json, type FakeServer } from './transport-fakes';

const MINUTE = 60_000;
const TOTAL = 230; // three pages of 100

let sandbox: Sandbox;
let heidi: HeidiRunner;
const seeded: string[] = [];
beforeAll(async () => {
	sandbox = await heidiSandbox({ seedSessions: 0 });
	heidi = new HeidiRunner(sandbox);
	const now = sandbox.clock.now();
	for (let k = 0; k < TOTAL; k++)
		seeded.push(
			sandbox.heidi.seedSession({
				createdAt: now - k * MINUTE,
				withNote: false,
			}),
		);
});
afterAll(async () => await sandbox.stop());
afterEach(() => sandbox.heidi.configure({ nextPage: 'number', ignorePage: false }));

async function getMany() {
	const since = lastSeq(sandbox);
	const { items, error } = await heidi.run({
		resource: 'session',
		operation: 'getAll',
		returnAll: true,
	});
	const listed = heidiRequests(sandbox, since).filter(
		(r) => r.route === 'GET /sessions/linked-user',
	);
	return { ids: items.map((i) => String(i.json.session_id)), error, listed };
}

describe('Get Many reads every page whatever form next_page takes', () => {
	it.each(['number', 'url', 'cursor'] as const)('next_page as a %s', async (nextPage) => {
		sandbox.heidi.configure({ nextPage });
		const { ids, error, listed } = await getMany();
		expect(error).toBeUndefined();
		expect(ids).toHaveLength(TOTAL);
		expect(new Set(ids)).toEqual(new Set(seeded));
		expect(listed).toHaveLength(3);
		if (nextPage === 'cursor') {
			// The opaque cursor went back as it came, not read as a number or a URL.
			expect(listed.slice(1).every((r) => /^cur_/.test(String(r.query.page)))).toBe(true);
		}
	});
});

describe('a server that ignores the page parameter', () => {
	it('Get Many stops at the first repeated page, without duplicates', async () => {
		sandbox.heidi.configure({ ignorePage: true });
		const { ids, error, listed } = await getMany();
		expect(error).toBeUndefined();
		expect(ids).toHaveLength(100);
		expect(new Set(ids).size).toBe(100);
		// Page 1, then page 2 that came back as page 1 again: nothing new, so the listing ends.
		expect(listed.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
	});

	it('the trigger poll ends, and announces each session once', async () => {
		sandbox.heidi.configure({ ignorePage: true });
		const staticData: IDataObject = {};
		const credentials = { heidiApi: heidiCredentials(sandbox) };
		const since = lastSeq(sandbox);
		const result = await pollTrigger(
			'heidiTrigger',
			{ events: ['newSession'], options: {} },
			{ credentials, staticData, mode: 'manual' },
		);
		const items = (result?.[0] ?? []) as INodeExecutionData[];
		const ids = items.map((i) => String(i.json.session_id));
		expect(new Set(ids).size).toBe(ids.length);
		const listed = heidiRequests(sandbox, since).filter(
			(r) => r.route === 'GET /sessions/linked-user',
		);
		expect(listed.length).toBeGreaterThan(0);
		expect(listed.length).toBeLessThanOrEqual(5);
	});
});

it('a server that invents new rows forever is stopped at the page cap with an error naming the operation', async () => {
	const heidi = await fakeHeidi((req, res) => {
		if (req.route !== '/sessions/linked-user') return false;
		const page = Number(req.query.get('page') ?? '1');
		return json(res, 200, {
			sessions: [{ session_id: `s-${page}` }],
			next_page: page + 1,
			has_next_page: true,
		});
	});
	try {
		const { items } = await runNode(
			'heidi',
			{ resource: 'session', operation: 'getAll', returnAll: true },
			{ credentials: { heidiApi: fakeCredentials(heidi.baseUrl) }, continueOnFail: true },
		);
		expect(items[0].json.error).toBe(
			`ListLinkedUserSessions failed: Heidi still had more pages after ${MAX_PAGES}`,
		);
		expect(calls(heidi)).toHaveLength(MAX_PAGES);
	} finally {
		await heidi.close();
	}
}, 180_000); // a thousand requests: generous for a busy machine

describe('a next_page URL outside the base URL', () => {
	let heidi: FakeServer;
	beforeAll(async () => {
		heidi = await fakeHeidi((req, res) => {
			if (req.route !== '/sessions/linked-user') return false;
			return json(res, 200, {
				sessions: [{ session_id: '1' }, { session_id: '2' }],
				next_page: 'https://elsewhere.example/sessions/linked-user?page=2',
			});
		});
	});
	afterAll(async () => await heidi.close());

	async function getMany(limit: { returnAll: true } | { returnAll: false; limit: number }) {
		const before = calls(heidi).length;
		const { items } = await runNode(
			'heidi',
			{ resource: 'session', operation: 'getAll', ...limit },
			{ credentials: { heidiApi: fakeCredentials(heidi.baseUrl) }, continueOnFail: true },
		);
		return { items, listed: calls(heidi).slice(before) };
	}

	it('is never requested: the listing fails, naming the base URL', async () => {
		const { items, listed } = await getMany({ returnAll: true });
		expect(items[0].json.error).toBe(
			'ListLinkedUserSessions failed: Heidi gave a next page outside its base URL',
		);
		expect(listed).toHaveLength(1);
	});

	it('does not matter when the rows already read reach the Limit', async () => {
		const { items, listed } = await getMany({ returnAll: false, limit: 2 });
		expect(items.map((i) => i.json.session_id)).toEqual(['1', '2']);
		expect(listed.map((r) => r.query.get('page_size'))).toEqual(['2']);
	});
});
