import axios, { type AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import { EXAMPLE_RECORDINGS, renderExample } from '../../sandbox/audio/examples';
import { synthesizeTones } from '../../sandbox/audio/wav';
import { ENCOUNTERS } from '../../sandbox/data/encounters';
import type { HeidiEmulator } from '../../sandbox/heidi';
import { type Sandbox, startSandbox } from '../../sandbox';
import { freezeWallClock } from '../harness/wallClock';

/** The Heidi emulator inside the whole sandbox, over real HTTP, driven with axios as the node's transport would. */

const [PRIMARY] = ENCOUNTERS;
let sandbox: Sandbox;
let heidi: HeidiEmulator;
let api: AxiosInstance;

beforeAll(async () => {
	sandbox = await startSandbox({
		ports: 0,
		seed: false,
		heidi: { streamChunkDelayMs: 5, transcriptionDelayMs: 20 },
	});
	heidi = sandbox.heidi;
	// Raw text in, no status checks: the tests look at the wire itself.
	api = axios.create({
		baseURL: sandbox.urls.heidi,
		validateStatus: () => true,
		transformResponse: (data) => data,
		responseType: 'text',
	});
});

afterAll(() => sandbox.stop());

async function jwt(): Promise<string> {
	const { apiKey, email, userId } = sandbox.credentials.heidi;
	const r = await api.get('/jwt', {
		headers: { 'Heidi-Api-Key': apiKey },
		params: { email, third_party_internal_id: userId },
	});
	expect(r.status).toBe(200);
	return JSON.parse(r.data).token;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Reads a streamed body chunk by chunk, noting when each chunk arrived. */
async function readChunks(stream: Readable): Promise<{ raw: string; arrivals: number[] }> {
	let raw = '';
	const arrivals: number[] = [];
	for await (const chunk of stream) {
		raw += chunk.toString('utf8');
		arrivals.push(performance.now());
	}
	return { raw, arrivals };
}

/** One parser for both wire forms (https://www.heidihealth.com/developers/heidi-api/ask-heidi): skip blanks, strip an optional `data:`, join `.data`. */
const joinStream = (raw: string): string =>
	raw
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l.replace(/^data:\s*/, '')).data)
		.join('');

describe('Heidi over HTTP', () => {
	it('runs jwt → session → multipart upload → transcript → streamed consult note in both formats', async () => {
		const token = await jwt();

		const created = await api.post('/sessions', undefined, { headers: bearer(token) });
		expect(created.status).toBe(200);
		const sessionId = JSON.parse(created.data).session_id;
		// The id is a 39-digit string on the wire, beyond what a JS number can hold.
		expect(created.data).toBe(`{"session_id":"${sessionId}"}`);
		expect(sessionId).toMatch(/^\d{39}$/);
		expect(String(Number(sessionId))).not.toBe(sessionId);

		// The example recording of the first encounter, under a name that does not give it away.
		const wav = renderExample(EXAMPLE_RECORDINGS.find((r) => r.encounterId === PRIMARY.id)!);
		const form = new FormData();
		form.append('file', new Blob([wav], { type: 'audio/wav' }), 'visit.wav');
		form.append('start_time', '2025-01-02T09:00:00Z');
		const uploaded = await api.post(`/sessions/${sessionId}/upload-audio`, form, {
			headers: bearer(token),
		});
		expect(uploaded.status).toBe(200);
		expect(JSON.parse(uploaded.data).uploaded_audio).toMatchObject({
			index: 0,
			status: 'INITIALIZED',
		});
		expect(heidi.inspectSession(sessionId)).toMatchObject({
			encounterId: PRIMARY.id,
			audio: [{ contentType: 'audio/wav', size: wav.length, startTime: '2025-01-02T09:00:00Z' }],
		});
		const logged = sandbox.log.entries({
			service: 'heidi',
			pathPrefix: `/api/v2/ml-scribe/open-api/sessions/${sessionId}/upload-audio`,
		});
		expect(logged).toHaveLength(1);
		expect(JSON.stringify(logged[0].headers)).not.toContain(token);

		const transcript = JSON.parse(
			(await api.get(`/sessions/${sessionId}/transcript`, { headers: bearer(token) })).data,
		).transcript;
		expect(transcript.split('\n')).toHaveLength(PRIMARY.turns.length);

		const body = {
			generation_method: 'TEMPLATE',
			template_id: '659b8042fe093d6592b41ef7',
			addition: '',
			voice_style: 'DETAILED',
			brain: 'LEFT',
			content_type: 'MARKDOWN',
		};
		const notes: string[] = [];
		for (const format of ['sse', 'json-lines'] as const) {
			heidi.configure({ streamFormat: format });
			const r = await api.post(`/sessions/${sessionId}/consult-note`, body, {
				headers: bearer(token),
				responseType: 'stream',
			});
			expect(r.status).toBe(200);
			expect(r.headers['content-type']).toMatch(
				format === 'sse' ? /^text\/event-stream/ : /^application\/x-ndjson/,
			);
			const { raw, arrivals } = await readChunks(r.data);
			// Streamed over time, not one buffered body.
			expect(arrivals.length).toBeGreaterThan(3);
			expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThan(20);
			expect(raw.startsWith(format === 'sse' ? 'data: {"data":' : '{"data":')).toBe(true);
			notes.push(joinStream(raw));
		}
		expect(notes[0]).toBe(notes[1]);
		expect(notes[0]).toContain(PRIMARY.findings.ASSESSMENT[0].text);
		const session = JSON.parse(
			(await api.get(`/sessions/${sessionId}`, { headers: bearer(token) })).data,
		).session;
		expect(session.consult_note).toMatchObject({ status: 'COMPLETED', result: notes[0] });
	});

	it('runs the segmented recording with the custom verbs on the wire', async () => {
		const token = await jwt();
		const sessionId = JSON.parse(
			(await api.post('/sessions', {}, { headers: bearer(token) })).data,
		).session_id;
		const started = await api.post(
			`/sessions/${sessionId}/restful-segment-transcription`,
			undefined,
			{ headers: bearer(token) },
		);
		const recordingId = JSON.parse(started.data).recording_id;
		expect(started.data).toContain(`"recording_id":"${recordingId}"`);
		for (let index = 0; index < 3; index++) {
			const form = new FormData();
			form.append(
				'file',
				new Blob(
					[synthesizeTones({ seconds: 0.2, sampleRate: 8000, tones: [400 + index * 100] })],
					{ type: 'audio/wav' },
				),
				`chunk-${index}.wav`,
			);
			form.append('index', String(index));
			const r = await api.post(
				`/sessions/${sessionId}/restful-segment-transcription/${recordingId}:transcribe`,
				form,
				{ headers: bearer(token) },
			);
			expect(r.data).toBe('{"is_success":true}');
		}
		const finished = await api.post(
			`/sessions/${sessionId}/restful-segment-transcription/${recordingId}:finish`,
			undefined,
			{ headers: bearer(token) },
		);
		expect(JSON.parse(finished.data)).toEqual({ is_success: true });
		const transcript = JSON.parse(
			(await api.get(`/sessions/${sessionId}/transcript`, { headers: bearer(token) })).data,
		).transcript;
		expect(transcript.split('\n').length).toBeGreaterThan(3);
	});

	it('refuses a missing or wrong API key and any request without a valid bearer token', async () => {
		const { email, userId } = heidi.identity();
		const params = { email, third_party_internal_id: userId };
		const missing = await api.get('/jwt', { params });
		expect(missing.status).toBe(401);
		expect(JSON.parse(missing.data)).toEqual({
			detail: { msg: 'Heidi-Api-Key header is required', type: 'MissingApiKeyError' },
		});
		const wrong = await api.get('/jwt', { params, headers: { 'Heidi-Api-Key': 'wrong' } });
		expect(wrong.status).toBe(403);
		expect(JSON.parse(wrong.data).detail.type).toBe('InvalidApiKeyError');
		const anonymous = await api.get('/templates/consult-note-templates');
		expect(anonymous.status).toBe(401);
		expect(JSON.parse(anonymous.data).detail).toMatchObject({ type: 'MissingTokenError' });
	});

	it('401s an expired token (1 s lifetime) and accepts a fresh one', async () => {
		heidi.configure({ tokenLifetimeSeconds: 1 });
		const before = heidi.stats().jwtExchanges;
		// Wall time moves only when stepped: whether the token has expired never depends on machine speed.
		const wall = freezeWallClock();
		try {
			const token = await jwt();
			wall.advance(999);
			expect(
				(await api.get('/templates/consult-note-templates', { headers: bearer(token) })).status,
			).toBe(200);
			wall.advance(1);
			const expired = await api.get('/templates/consult-note-templates', {
				headers: bearer(token),
			});
			expect(expired.status).toBe(401);
			expect(JSON.parse(expired.data)).toEqual({
				detail: { msg: 'Token has expired', type: 'TokenExpiredError' },
			});
			expect(
				(await api.get('/templates/consult-note-templates', { headers: bearer(await jwt()) }))
					.status,
			).toBe(200);
		} finally {
			wall.restore();
		}
		expect(heidi.stats().jwtExchanges - before).toBe(2);
	});

	it('keeps ids as strings through a naive JSON.parse of the linked-user list', async () => {
		const token = await jwt();
		const r = await api.get('/sessions/linked-user', {
			headers: bearer(token),
			params: { page_size: 100 },
		});
		const parsed = JSON.parse(r.data);
		expect(parsed.total_count).toBeGreaterThan(0);
		for (const s of parsed.sessions) {
			expect(typeof s.session_id).toBe('string');
			expect(r.data).toContain(`"session_id":"${s.session_id}"`);
		}
	});
});
