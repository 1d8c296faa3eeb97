import type { ServerResponse } from 'node:http';
import type { Sandbox } from '../../../sandbox';
import { runNode } from '../../harness';
import {
	BASE_PATH,
	heidiRequests,
	heidiSandbox,
	HeidiRunner,
	HP_TEMPLATE,
	lastSeq,
} from './helpers';
import {
	calls,
	fakeCredentials,
	fakeHeidi,
	json,
	type FakeServer,
	type Received,
} from './transport-fakes';

const SESSION_ID = '123456789012345678901234567890123456789';
const generate = {
	resource: 'consultNote',
	operation: 'generate',
	templateSource: 'template',
	templateId: HP_TEMPLATE,
	voiceStyle: 'GOLDILOCKS',
	brain: 'LEFT',
	contentType: 'MARKDOWN',
	noteFormat: 'raw',
};

describe('a consult-note stream cut between two fragments (sandbox)', () => {
	let sandbox: Sandbox;
	let heidi: HeidiRunner;
	beforeAll(async () => {
		sandbox = await heidiSandbox();
		heidi = new HeidiRunner(sandbox);
	});
	afterAll(async () => await sandbox.stop());

	it.each(['sse', 'json-lines'] as const)(
		'returns the whole stored note, not the fragment that arrived (%s)',
		async (streamFormat) => {
			sandbox.heidi.configure({ streamFormat });
			const sessionId = sandbox.heidi.seedSession({ withNote: false });
			// The stream sends its first fragment, then the body simply ends: no error, no marker.
			sandbox.faults.failNext({
				kind: 'malformed',
				service: 'heidi',
				match: {
					method: 'POST',
					pathPrefix: `${BASE_PATH}/sessions/${sessionId}/consult-note`,
				},
			});
			const since = lastSeq(sandbox);
			const { items, error } = await heidi.run({ ...generate, sessionId });
			expect(error).toBeUndefined();
			const stored = sandbox.heidi.inspectSession(sessionId)!.session.consult_note.result as string;
			expect(stored.length).toBeGreaterThan(200);
			expect(items[0].json.note).toBe(stored);
			const routes = heidiRequests(sandbox, since)
				.filter((r) => r.route !== 'GET /jwt')
				.map((r) => `${r.route.replace(sessionId, '{id}')}${r.fault ? ` (${r.fault})` : ''}`);
			// Generated once, then verified against the stored note.
			expect(routes).toEqual([
				'POST /sessions/{id}/consult-note (malformed)',
				'GET /sessions/{id}',
			]);
		},
	);
});

describe('a consult-note stream checked against the stored note (fake server)', () => {
	let heidi: FakeServer | undefined;
	afterEach(async () => await heidi?.close());

	const NOTE =
		'# Assessment\nViral URTI.\n\n# Plan\nFluids and rest; review in one week if not better.';
	const fragments = [
		'# Assessment\nViral',
		' URTI.\n\n# Plan\n',
		'Fluids and rest; review in one week if not better.',
	];
	const sse = (data: string) => `data: ${JSON.stringify({ data })}\n\n`;

	async function fake(
		stream: (res: ServerResponse) => void,
		stored: { status: string; result: string | null },
	) {
		heidi = await fakeHeidi((req: Received, res) => {
			if (req.method === 'POST' && req.route === `/sessions/${SESSION_ID}/consult-note`) {
				res.writeHead(200, { 'content-type': 'text/event-stream' });
				stream(res);
				return true;
			}
			if (req.method === 'GET' && req.route === `/sessions/${SESSION_ID}`)
				return json(res, 200, {
					session: { session_id: SESSION_ID, consult_note: stored },
				});
			return false;
		});
		const { items } = await runNode(
			'heidi',
			{ ...generate, sessionId: SESSION_ID },
			{
				credentials: { heidiApi: fakeCredentials(heidi.baseUrl) },
				continueOnFail: true,
			},
		);
		return {
			out: items[0].json,
			routes: calls(heidi).map((r) => `${r.method} ${r.route.replace(SESSION_ID, '{id}')}`),
		};
	}

	/** Sends what is given, then closes the connection before the chunked body's end. */
	const dropAfter = (text: string) => (res: ServerResponse) => {
		res.write(text);
		res.socket!.end();
	};

	it.each([
		[
			'ended inside a JSON value',
			(res: ServerResponse) => res.end(sse(fragments[0]) + 'data: {"data": " UR'),
		],
		['lost its connection', dropAfter(sse(fragments[0]))],
	])(
		'a stream that %s: the complete stored note is returned, nothing generated twice',
		async (_, stream) => {
			const { out, routes } = await fake(stream, {
				status: 'COMPLETED',
				result: NOTE,
			});
			expect(out.error).toBeUndefined();
			expect(out.note).toBe(NOTE);
			expect(routes).toEqual(['POST /sessions/{id}/consult-note', 'GET /sessions/{id}']);
		},
	);

	it.each([
		['ended cleanly after one fragment', (res: ServerResponse) => res.end(sse(fragments[0]))],
		['lost its connection', dropAfter(sse(fragments[0]))],
	])(
		'a stream that %s while the stored note is unfinished fails as transient, with no partial note',
		async (_, stream) => {
			const { out, routes } = await fake(stream, {
				status: 'GENERATING',
				result: null,
			});
			expect(out.error).toBe('GenerateConsultNote failed: the note did not arrive complete');
			expect(out.description).toMatch(/not complete \(status: GENERATING\)/);
			expect(out.note).toBeUndefined();
			expect(routes.filter((r) => r.startsWith('POST'))).toHaveLength(1);
			expect(routes.filter((r) => r.startsWith('GET')).length).toBeGreaterThan(1);
		},
	);

	it('a stored note that is not the one streamed (an older note) is not taken for it', async () => {
		const { out } = await fake((res) => res.end(sse('# Assessment\nAsthma')), {
			status: 'COMPLETED',
			result: NOTE,
		});
		expect(out.error).toBe('GenerateConsultNote failed: the note did not arrive complete');
	});

	it.each([
		['SSE [DONE]', 'data: [DONE]\n\n'],
		['a completion event', 'event: complete\ndata: {}\n\n'],
		['a bare-JSON status object', '{"status": "COMPLETED"}\n'],
	])('a stream that ends with its final marker (%s) is taken as is', async (_, marker) => {
		const { out, routes } = await fake((res) => res.end(fragments.map(sse).join('') + marker), {
			status: 'GENERATING',
			result: null,
		});
		expect(out.error).toBeUndefined();
		expect(out.note).toBe(NOTE);
		expect(routes).toEqual(['POST /sessions/{id}/consult-note']);
	});
});
