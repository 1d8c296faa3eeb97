import { freezeWallClock } from '../harness/wallClock';
import { createClock } from '../../sandbox/core/clock';
import { createObjectStore } from '../../sandbox/core/store';
import type { Clock, SandboxResponse } from '../../sandbox/core/types';
import { ENCOUNTERS } from '../../sandbox/data/encounters';
import {
	HEIDI_BASE_PATH,
	type HeidiEmulator,
	type HeidiEmulatorOptions,
	createHeidiEmulator,
} from '../../sandbox/heidi';

/** Handler-level tests: requests go straight to the emulator's handler, no sockets. */

const H_AND_P = '659b8042fe093d6592b41ef7';
const SOAP = '65a1c0de4b1d2e3f40a1b2c3';
const REFERRAL = '65a1c0de4b1d2e3f40a1b2d1';
const [PRIMARY, BEHAVIOURAL] = ENCOUNTERS;

interface Call {
	method?: string;
	headers?: Record<string, string>;
	json?: unknown;
	form?: FormData;
	token?: string | null;
}

let clock: Clock;
let heidi: HeidiEmulator;
let token: string;

function setup(options: HeidiEmulatorOptions = {}): HeidiEmulator {
	clock = createClock();
	return createHeidiEmulator(
		{ clock, store: createObjectStore(), region: 'us-east-1', accountId: '111122223333' },
		{ seedSessions: 0, streamChunkDelayMs: 0, transcriptionDelayMs: 0, ...options },
	);
}

async function call(path: string, opts: Call = {}, emulator = heidi): Promise<SandboxResponse> {
	const url = new URL(
		`http://127.0.0.1:1${path.startsWith('/') && !path.startsWith(HEIDI_BASE_PATH) ? HEIDI_BASE_PATH : ''}${path}`,
	);
	const headers: Record<string, string> = { host: '127.0.0.1:1', ...opts.headers };
	const bearer = opts.token === undefined ? token : opts.token;
	if (bearer) headers.authorization = `Bearer ${bearer}`;
	let body = Buffer.alloc(0);
	if (opts.json !== undefined) {
		body = Buffer.from(JSON.stringify(opts.json));
		headers['content-type'] = 'application/json';
	}
	if (opts.form) {
		// Let the platform encode the multipart body exactly as a client would.
		const encoded = new Request('http://x/', { method: 'POST', body: opts.form });
		body = Buffer.from(await encoded.arrayBuffer());
		headers['content-type'] = encoded.headers.get('content-type')!;
	}
	const rawPath = url.pathname;
	return emulator.handle({
		method: opts.method ?? 'GET',
		rawPath,
		path: decodeURIComponent(rawPath),
		query: url.searchParams,
		headers,
		body,
	});
}

const bodyOf = (r: SandboxResponse) => r.body as Record<string, any>;

async function readStream(r: SandboxResponse): Promise<string> {
	let text = '';
	for await (const chunk of r.stream!) text += chunk.toString();
	return text;
}

/** The robust parser for Heidi's streamed answers (https://www.heidihealth.com/developers/heidi-api/ask-heidi): optional `data:` prefix, one JSON object per line. */
function joinStream(raw: string): string {
	return raw
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => JSON.parse(l.replace(/^data:\s*/, '')).data as string)
		.join('');
}

async function jwt(
	emulator = heidi,
	email = emulator.identity().email,
	id = emulator.identity().userId,
): Promise<string> {
	const r = await call(
		`/jwt?email=${encodeURIComponent(email)}&third_party_internal_id=${encodeURIComponent(id)}`,
		{
			headers: { 'heidi-api-key': emulator.identity().apiKey },
			token: null,
		},
		emulator,
	);
	expect(r.status).toBe(200);
	return bodyOf(r).token;
}

async function newSession(json?: unknown): Promise<string> {
	const r = await call('/sessions', { method: 'POST', json });
	expect(r.status).toBe(200);
	return bodyOf(r).session_id;
}

function audioForm(fileName: string, type = 'audio/mpeg', field = 'file'): FormData {
	const form = new FormData();
	// An ID3 header is enough for the emulator to take the bytes for MP3.
	form.append(field, new Blob([Buffer.from('ID3 synthetic audio bytes')], { type }), fileName);
	return form;
}

async function uploadAudio(sessionId: string, encounterId = PRIMARY.id): Promise<SandboxResponse> {
	return call(`/sessions/${sessionId}/upload-audio`, {
		method: 'POST',
		form: audioForm(`${encounterId}.mp3`),
	});
}

const noteBody = (extra: Record<string, unknown> = {}) => ({
	generation_method: 'TEMPLATE',
	template_id: H_AND_P,
	addition: '',
	voice_style: 'GOLDILOCKS',
	brain: 'LEFT',
	...extra,
});

async function generate(
	sessionId: string,
	extra: Record<string, unknown> = {},
): Promise<{ response: SandboxResponse; raw: string; text: string }> {
	const response = await call(`/sessions/${sessionId}/consult-note`, {
		method: 'POST',
		json: noteBody(extra),
	});
	expect(response.status).toBe(200);
	const raw = await readStream(response);
	return { response, raw, text: joinStream(raw) };
}

beforeEach(async () => {
	heidi = setup();
	token = await jwt();
});

describe('GET /jwt', () => {
	it('exchanges the API key for a signed JWT with an ISO-8601 UTC expiry one lifetime away', async () => {
		const before = Date.now();
		const r = await call(`/jwt?email=a%40example.com&third_party_internal_id=u1`, {
			headers: { 'heidi-api-key': heidi.identity().apiKey },
			token: null,
		});
		expect(r.status).toBe(200);
		const { token: t, expiration_time } = bodyOf(r);
		expect(t.split('.')).toHaveLength(3);
		expect(JSON.parse(Buffer.from(t.split('.')[0], 'base64url').toString())).toEqual({
			alg: 'HS256',
			typ: 'JWT',
		});
		expect(expiration_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
		const expiry = Date.parse(expiration_time);
		expect(expiry).toBeGreaterThanOrEqual(before + 3600_000);
		expect(expiry).toBeLessThanOrEqual(Date.now() + 3600_000);
		expect(heidi.stats().jwtExchanges).toBe(2);
	});

	it('refuses a missing key (401) and a wrong key (403) in the Heidi error shape', async () => {
		const q = '/jwt?email=a%40example.com&third_party_internal_id=u1';
		const missing = await call(q, { token: null });
		expect(missing.status).toBe(401);
		expect(missing.body).toEqual({
			detail: { msg: 'Heidi-Api-Key header is required', type: 'MissingApiKeyError' },
		});
		const wrong = await call(q, { token: null, headers: { 'heidi-api-key': 'not-the-key' } });
		expect(wrong.status).toBe(403);
		expect(bodyOf(wrong).detail.type).toBe('InvalidApiKeyError');
		expect(heidi.stats().jwtExchanges).toBe(1);
	});

	it('validates the query like FastAPI (422, detail list) and never echoes the input', async () => {
		const r = await call('/jwt?email=not-an-email&third_party_internal_id=u1', {
			token: null,
			headers: { 'heidi-api-key': heidi.identity().apiKey },
		});
		expect(r.status).toBe(422);
		expect(bodyOf(r).detail[0]).toEqual({
			type: 'value_error',
			loc: ['query', 'email'],
			msg: 'value is not a valid email address',
		});
		expect(JSON.stringify(r.body)).not.toContain('not-an-email');
		const missing = await call('/jwt?email=a%40example.com', {
			token: null,
			headers: { 'heidi-api-key': heidi.identity().apiKey },
		});
		expect(bodyOf(missing).detail[0].loc).toEqual(['query', 'third_party_internal_id']);
	});
});

describe('bearer tokens', () => {
	it('401s a request without, or with a malformed, forged or foreign token', async () => {
		const none = await call('/sessions', { method: 'POST', token: null });
		expect(none.status).toBe(401);
		expect(bodyOf(none).detail).toEqual({ msg: 'Not authenticated', type: 'MissingTokenError' });
		expect((await call('/sessions', { method: 'POST', token: 'abc' })).status).toBe(401);
		const [h, p] = token.split('.');
		expect(
			(
				await call('/sessions', {
					method: 'POST',
					token: `${h}.${p}.${Buffer.from('x'.repeat(32)).toString('base64url')}`,
				})
			).status,
		).toBe(401);
		const other = setup();
		const foreign = await jwt(other);
		expect((await call('/sessions', { method: 'POST', token: foreign })).status).toBe(401);
		expect(heidi.stats().unauthorized).toBe(4);
	});

	it('expires tokens on wall time and after revokeTokens()', async () => {
		// Wall time moves only when stepped: the token is used inside and then outside its 50 ms, whatever the machine speed.
		const wall = freezeWallClock();
		try {
			heidi = setup({ tokenLifetimeSeconds: 0.05 });
			token = await jwt();
			wall.advance(49);
			expect((await call('/templates/consult-note-templates')).status).toBe(200);
			wall.advance(1);
			const expired = await call('/templates/consult-note-templates');
			expect(expired.status).toBe(401);
			expect(bodyOf(expired).detail.type).toBe('TokenExpiredError');
		} finally {
			wall.restore();
		}

		heidi.configure({ tokenLifetimeSeconds: 60 });
		token = await jwt();
		expect((await call('/templates/consult-note-templates')).status).toBe(200);
		heidi.revokeTokens();
		expect((await call('/templates/consult-note-templates')).status).toBe(401);
		token = await jwt();
		expect((await call('/templates/consult-note-templates')).status).toBe(200);
	});
});

describe('routing', () => {
	it('answers FastAPI 404/405 bodies for unknown paths and methods, before auth', async () => {
		expect(await call('/sessions/1/nope', { token: null })).toMatchObject({
			status: 404,
			body: { detail: 'Not Found' },
		});
		expect(await call('/api/v1/sessions', { token: null })).toMatchObject({ status: 404 });
		expect(
			await call('/templates/consult-note-templates', { method: 'DELETE', token: null }),
		).toMatchObject({ status: 405, body: { detail: 'Method Not Allowed' } });
	});

	it('needs the custom verb appended literally to the id', async () => {
		const id = await newSession();
		const rec = bodyOf(
			await call(`/sessions/${id}/restful-segment-transcription`, { method: 'POST' }),
		).recording_id;
		expect(
			(
				await call(`/sessions/${id}/restful-segment-transcription/${rec}:finish`, {
					method: 'POST',
				})
			).status,
		).toBe(200);
		expect(
			(
				await call(`/sessions/${id}/restful-segment-transcription/${rec}/finish`, {
					method: 'POST',
				})
			).status,
		).toBe(404);
		expect(
			(await call(`/sessions/${id}/restful-segment-transcription/${rec}:stop`, { method: 'POST' }))
				.status,
		).toBe(404);
	});
});

describe('sessions', () => {
	it('issues 39-digit decimal session ids that stay strings in the JSON text', async () => {
		const r = await call('/sessions', { method: 'POST' });
		const id = bodyOf(r).session_id;
		expect(id).toMatch(/^\d{39}$/);
		expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
		expect(JSON.stringify(r.body)).toContain(`"session_id":"${id}"`);
		const got = await call(`/sessions/${id}`);
		expect(bodyOf(got).session.session_id).toBe(id);
	});

	it('creates from a patient profile and an EHR appointment id (stored as ehr_appt_id)', async () => {
		const profile = bodyOf(
			await call('/patient-profiles', {
				method: 'POST',
				json: {
					first_name: 'Test',
					last_name: 'Patient',
					birth_date: '1980-02-29',
					gender: 'FEMALE',
					ehr_patient_id: 'MRN-1',
				},
			}),
		).data;
		const id = await newSession({ patient_profile_id: profile.id, ehr_appointment_id: 'APPT-7' });
		const { session } = bodyOf(await call(`/sessions/${id}`));
		expect(session).toMatchObject({
			patient_profile_id: profile.id,
			ehr_appt_id: 'APPT-7',
			ehr_patient_id: 'MRN-1',
			patient: { name: 'Test Patient', gender: 'FEMALE', dob: '1980-02-29' },
			consult_note: { status: 'CREATED', result: null },
			documents: null,
		});
		expect(session.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
		const missing = await call('/sessions', {
			method: 'POST',
			json: { patient_profile_id: 'ffffffffffffffffffffffff' },
		});
		expect(missing).toMatchObject({
			status: 404,
			body: { detail: { type: 'PatientProfileNotFoundError' } },
		});
	});

	it('hides other users\' sessions as "Session not found"', async () => {
		const id = await newSession();
		token = await jwt(heidi, 'other@example.com', 'other-1');
		const r = await call(`/sessions/${id}`);
		expect(r).toMatchObject({
			status: 404,
			body: { detail: { msg: 'Session not found', type: 'SessionNotFoundError' } },
		});
	});

	it('PATCHes every documented field and returns the wrapped session', async () => {
		const context = await newSession();
		const id = await newSession();
		const patch = {
			duration: 321,
			language_code: 'en-AU',
			output_language_code: 'en-GB',
			transcribe_mode: 'DICTATION',
			patient: {
				name: 'Test Person',
				gender: 'OTHER',
				dob: '1990-01-01',
				demographic_details: '34 y/o',
			},
			clinician_notes: ['Allergic to penicillin'],
			ehr_patient_id: 'MRN-9',
			ehr_appt_id: 'APPT-9',
			generate_output_without_recording: true,
			recording_status: 'STOPPED',
			session_status: 'REVIEWED',
			is_consent: true,
			created_time_local: '2025-01-02T09:30:00+10:00',
			linked_sessions_for_context: [context],
		};
		const r = await call(`/sessions/${id}`, { method: 'PATCH', json: patch });
		expect(r.status).toBe(200);
		expect(bodyOf(r).session).toMatchObject(patch);
		// Partial: only what is sent changes.
		const again = bodyOf(
			await call(`/sessions/${id}`, { method: 'PATCH', json: { patient: { name: 'Renamed' } } }),
		).session;
		expect(again.patient).toEqual({ ...patch.patient, name: 'Renamed' });
		expect(again.duration).toBe(321);
	});

	it('rejects invalid PATCH values without changing anything', async () => {
		const id = await newSession();
		const badGender = await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { duration: 5, patient: { gender: 'male' } },
		});
		expect(badGender.status).toBe(422);
		expect(bodyOf(badGender).detail[0]).toMatchObject({
			type: 'enum',
			loc: ['body', 'patient', 'gender'],
		});
		expect(bodyOf(await call(`/sessions/${id}`)).session.duration).toBe(0);
		const numericIds = await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { linked_sessions_for_context: [12345678901234567890] },
		});
		expect(bodyOf(numericIds).detail[0]).toMatchObject({
			type: 'string_type',
			loc: ['body', 'linked_sessions_for_context', 0],
		});
		const unknown = await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { linked_sessions_for_context: ['1'.repeat(39)] },
		});
		expect(unknown.status).toBe(404);
		const broken = await heidi.handle({
			method: 'PATCH',
			rawPath: `${HEIDI_BASE_PATH}/sessions/${id}`,
			path: '',
			query: new URLSearchParams(),
			headers: { authorization: `Bearer ${token}` },
			body: Buffer.from('{'),
		});
		expect(bodyOf(broken).detail[0].type).toBe('json_invalid');
	});

	it('can answer validation failures in the {detail:{msg,type}} envelope instead', async () => {
		heidi.configure({ validationErrors: 'detail' });
		const id = await newSession();
		const r = await call(`/sessions/${id}`, { method: 'PATCH', json: { is_consent: 'yes' } });
		expect(r).toMatchObject({
			status: 400,
			body: {
				detail: {
					type: 'ValidationError',
					msg: 'body.is_consent: Input should be a valid boolean',
				},
			},
		});
	});
});

describe('GET /sessions/linked-user', () => {
	async function createSeveral(n: number): Promise<string[]> {
		const ids: string[] = [];
		for (let i = 0; i < n; i++) {
			ids.push(await newSession());
			clock.advance(60_000);
		}
		return ids;
	}

	it('pages with page_size/page, newest first, next_page as a page number', async () => {
		const ids = await createSeveral(5);
		const seen: string[] = [];
		let page: number | null = 1;
		while (page !== null) {
			const body: Record<string, any> = bodyOf(
				await call(`/sessions/linked-user?page_size=2&page=${page}`),
			);
			expect(body.total_count).toBe(5);
			expect(body.count).toBe(body.sessions.length);
			expect(body.has_next_page).toBe(body.next_page !== null);
			seen.push(...body.sessions.map((s: { session_id: string }) => s.session_id));
			page = body.next_page;
		}
		expect(seen).toEqual([...ids].reverse());
	});

	it('can list oldest first and give next_page as a URL to follow', async () => {
		const ids = await createSeveral(3);
		heidi.configure({ listOrder: 'oldest-first', nextPage: 'url' });
		const first = bodyOf(await call('/sessions/linked-user?page_size=2'));
		expect(first.sessions.map((s: { session_id: string }) => s.session_id)).toEqual(
			ids.slice(0, 2),
		);
		expect(first.next_page).toBe(
			`http://127.0.0.1:1${HEIDI_BASE_PATH}/sessions/linked-user?page=2&page_size=2`,
		);
		const next = new URL(first.next_page);
		const second = bodyOf(await call(`${next.pathname}${next.search}`));
		expect(second.sessions.map((s: { session_id: string }) => s.session_id)).toEqual([ids[2]]);
		expect(second).toMatchObject({ next_page: null, has_next_page: false });
	});

	it('validates page_size (1-100) and uses the configured default', async () => {
		await createSeveral(12);
		expect((await call('/sessions/linked-user?page_size=101')).status).toBe(422);
		expect((await call('/sessions/linked-user?page_size=0')).status).toBe(422);
		expect(bodyOf(await call('/sessions/linked-user')).count).toBe(10);
	});

	it('needs a linked account (400 NoLinkedUserException); other endpoints only when configured', async () => {
		token = await jwt(heidi, 'unlinked@example.com', 'u-2');
		const r = await call('/sessions/linked-user');
		expect(r).toMatchObject({
			status: 400,
			body: {
				detail: {
					type: 'NoLinkedUserException',
					msg: 'Linked Account is required. Please link your account before using this feature.',
				},
			},
		});
		expect((await call('/sessions', { method: 'POST' })).status).toBe(200);
		heidi.configure({ requireLinkedAccount: 'always' });
		expect((await call('/sessions', { method: 'POST' })).status).toBe(400);
		expect((await call('/users/linked-account/access')).status).toBe(200);
		heidi.configure({ requireLinkedAccount: 'never' });
		expect((await call('/sessions/linked-user')).status).toBe(200);
	});

	it('seeds finished sessions for the sandbox identity by default', async () => {
		heidi = setup({ seedSessions: 2 });
		token = await jwt();
		const body = bodyOf(await call('/sessions/linked-user'));
		expect(body.total_count).toBe(2);
		for (const s of body.sessions) {
			expect(s.consult_note.status).toBe('COMPLETED');
			expect(s.consult_note.result).toContain('## Assessment');
		}
	});
});

describe('account linking', () => {
	it('links, reports access, refuses a second link (409) and unlinks', async () => {
		token = await jwt(heidi, 'new@example.com', 'u-3');
		expect(bodyOf(await call('/users/linked-account/access'))).toEqual({
			is_valid: false,
			is_linked: false,
			account: null,
		});
		expect(
			(await call('/users/linked-account', { method: 'POST', json: { kinde_user_id: 'abc' } }))
				.status,
		).toBe(422);
		const linked = await call('/users/linked-account', {
			method: 'POST',
			json: { kinde_user_id: 'kp_1234abcd' },
		});
		expect(bodyOf(linked).account).toMatchObject({
			user_id: 'kp_1234abcd',
			ehr_email: 'new@example.com',
			ehr_user_id: 'u-3',
			deleted_at: null,
		});
		expect(bodyOf(linked).account._id).toMatch(/^[0-9a-f]{24}$/);
		expect(bodyOf(await call('/users/linked-account/access'))).toMatchObject({
			is_valid: true,
			is_linked: true,
			account: { user_id: 'kp_1234abcd' },
		});
		const again = await call('/users/linked-account', {
			method: 'POST',
			json: { kinde_user_id: 'kp_other' },
		});
		expect(again).toMatchObject({
			status: 409,
			body: { detail: { type: 'OpenAPIHeidiAccountAlreadyLinkedError' } },
		});
		expect(bodyOf(await call('/users/linked-account:unlink', { method: 'DELETE' }))).toEqual({
			is_success: true,
		});
		expect((await call('/users/linked-account:unlink', { method: 'DELETE' })).status).toBe(400);
		expect((await call('/sessions/linked-user')).status).toBe(400);
	});
});

describe('patient profiles', () => {
	it('creates, gets, updates partially, searches by EHR patient id and batch-deletes', async () => {
		const created = bodyOf(
			await call('/patient-profiles', {
				method: 'POST',
				json: {
					first_name: 'Test',
					last_name: 'One',
					ehr_patient_id: 'MRN-1',
					patient_sex_code: 2,
					identifiers: [{ system: 'mrn', value: 'MRN-1' }],
					date_of_birth: '2000-01-01',
				},
			}),
		).data;
		expect(created.id).toMatch(/^[0-9a-f]{24}$/);
		// The derived profile's `date_of_birth` is not Heidi's field: ignored.
		expect(created.birth_date).toBeNull();
		await call('/patient-profiles', {
			method: 'POST',
			json: { first_name: 'Test', last_name: 'Two', ehr_patient_id: 'MRN-2' },
		});
		const updated = bodyOf(
			await call(`/patient-profiles/${created.id}`, {
				method: 'PATCH',
				json: { birth_date: '1975-12-31', phone: '+61 400 000 000' },
			}),
		).data;
		expect(updated).toMatchObject({
			first_name: 'Test',
			last_name: 'One',
			birth_date: '1975-12-31',
			phone: '+61 400 000 000',
			patient_sex_code: 2,
		});
		expect(bodyOf(await call(`/patient-profiles/${created.id}`)).data).toEqual(updated);
		const search = bodyOf(await call('/patient-profiles?ehr_patient_id=MRN-2'));
		expect(search.data.map((p: { last_name: string }) => p.last_name)).toEqual(['Two']);
		expect(search).toMatchObject({ total_count: 1, total_pages: 1, page: 1 });
		expect(bodyOf(await call('/patient-profiles?page_size=1&page=2')).data).toHaveLength(1);
		expect(
			(
				await call(`/patient-profiles/${created.id}`, {
					method: 'PATCH',
					json: { birth_date: '1975-02-30' },
				})
			).status,
		).toBe(422);
		expect(
			bodyOf(
				await call('/patient-profiles:batch-delete', {
					method: 'POST',
					json: { patient_profile_ids: [created.id] },
				}),
			),
		).toEqual({ is_success: true, deleted_count: 1 });
		expect((await call(`/patient-profiles/${created.id}`)).status).toBe(404);
	});

	it('links an existing session to a profile', async () => {
		const profile = bodyOf(
			await call('/patient-profiles', {
				method: 'POST',
				json: { first_name: 'Test', last_name: 'Linked', ehr_patient_id: 'MRN-5' },
			}),
		).data;
		const id = await newSession();
		expect(
			(
				await call(`/patient-profiles/${profile.id}/sessions`, {
					method: 'POST',
					json: { session_id: id },
				})
			).status,
		).toBe(200);
		expect(bodyOf(await call(`/sessions/${id}`)).session).toMatchObject({
			patient_profile_id: profile.id,
			ehr_patient_id: 'MRN-5',
			patient: { name: 'Test Linked' },
		});
	});
});

describe('transcription', () => {
	it('takes a multipart audio upload and transcribes it lazily on the first transcript read', async () => {
		const id = await newSession();
		const r = await uploadAudio(id, BEHAVIOURAL.id);
		expect(r.status).toBe(200);
		expect(bodyOf(r).uploaded_audio).toMatchObject({
			index: 0,
			status: 'INITIALIZED',
			access_url: null,
		});
		expect(heidi.inspectSession(id)?.audio).toEqual([
			{
				fileName: `${BEHAVIOURAL.id}.mp3`,
				contentType: 'audio/mpeg',
				size: 25,
				startTime: null,
				endTime: null,
			},
		]);
		const { transcript } = bodyOf(await call(`/sessions/${id}/transcript`));
		const lines = transcript.split('\n');
		expect(lines).toHaveLength(BEHAVIOURAL.turns.length);
		expect(lines[1]).toBe(`Patient: ${BEHAVIOURAL.turns[1].text}`);
		const session = bodyOf(await call(`/sessions/${id}`)).session;
		expect(session.audio[0].status).toBe('TRANSCRIBED');
		expect(session.duration).toBe(
			Math.round(BEHAVIOURAL.turns.at(-1)!.end - BEHAVIOURAL.turns[0].start),
		);
	});

	it('refuses non-audio files, a missing file part and bad times', async () => {
		const id = await newSession();
		const text = await call(`/sessions/${id}/upload-audio`, {
			method: 'POST',
			form: audioForm('notes.txt', 'text/plain'),
		});
		expect(text).toMatchObject({ status: 400, body: { detail: { type: 'InvalidFileTypeError' } } });
		const wrongField = await call(`/sessions/${id}/upload-audio`, {
			method: 'POST',
			form: audioForm('a.mp3', 'audio/mpeg', 'audio'),
		});
		expect(bodyOf(wrongField).detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'file'] });
		const form = audioForm('a.mp3');
		form.append('start_time', 'yesterday-ish');
		expect((await call(`/sessions/${id}/upload-audio`, { method: 'POST', form })).status).toBe(422);
		expect((await call(`/sessions/${id}/transcript`)).body).toEqual({ transcript: '' });
	});

	it('fails to transcribe bytes that are not audio, whatever their content type says', async () => {
		const id = await newSession();
		const form = new FormData();
		form.append(
			'file',
			new Blob([Buffer.from('plain text, not a recording')], { type: 'audio/mpeg' }),
			'fake.mp3',
		);
		expect((await call(`/sessions/${id}/upload-audio`, { method: 'POST', form })).status).toBe(200);
		expect(bodyOf(await call(`/sessions/${id}/transcript`))).toEqual({ transcript: '' });
		expect(bodyOf(await call(`/sessions/${id}`)).session.audio[0].status).toBe('FAILED');
		const rec = bodyOf(
			await call(`/sessions/${id}/restful-segment-transcription`, { method: 'POST' }),
		).recording_id;
		const junk = new FormData();
		junk.append('file', new Blob([Buffer.from('junk')], { type: 'audio/ogg' }), 'junk.ogg');
		junk.append('index', '0');
		await call(`/sessions/${id}/restful-segment-transcription/${rec}:transcribe`, {
			method: 'POST',
			form: junk,
		});
		clock.advance(1500);
		expect(
			bodyOf(await call(`/sessions/${id}/transcript/live`)).chunks.map(
				(c: { status: string }) => c.status,
			),
		).toEqual(['FAILED', 'FAILED']);
	});

	it('runs the segmented flow: start, :transcribe × N, live transcript, :finish, transcript', async () => {
		const id = await newSession();
		const start = bodyOf(
			await call(`/sessions/${id}/restful-segment-transcription`, { method: 'POST' }),
		);
		expect(start.recording_id).toMatch(/^\d{39}$/);
		const base = `/sessions/${id}/restful-segment-transcription/${start.recording_id}`;
		for (const index of [1, 0]) {
			const form = audioForm(`${PRIMARY.id}-part${index}.ogg`, 'audio/ogg');
			form.append('index', String(index));
			expect(bodyOf(await call(`${base}:transcribe`, { method: 'POST', form }))).toEqual({
				is_success: true,
			});
		}
		let live = bodyOf(await call(`/sessions/${id}/transcript/live?recording_status=RECORDING`));
		expect(live.active_source).toBe('LIVE');
		expect(live.chunks.map((c: { status: string }) => c.status)).toEqual(['PENDING', 'PENDING']);
		clock.advance(1500);
		live = bodyOf(await call(`/sessions/${id}/transcript/live`));
		expect(
			live.chunks.map((c: { index: number; status: string; source: string }) => [
				c.index,
				c.status,
				c.source,
			]),
		).toEqual([
			[0, 'READY', 'LIVE'],
			[1, 'READY', 'LIVE'],
		]);
		const share = Math.ceil(PRIMARY.turns.length / 3);
		expect(live.chunks[0].text.split('\n')).toHaveLength(share);
		expect(live.chunks[0].text.startsWith(`Clinician: ${PRIMARY.turns[0].text}`)).toBe(true);
		const partial = bodyOf(await call(`/sessions/${id}/transcript`)).transcript;
		expect(partial.split('\n')).toHaveLength(2 * share);

		expect(bodyOf(await call(`${base}:finish`, { method: 'POST' }))).toEqual({ is_success: true });
		const full = bodyOf(await call(`/sessions/${id}/transcript`)).transcript;
		expect(full.split('\n')).toHaveLength(PRIMARY.turns.length);
		const late = audioForm('late.ogg', 'audio/ogg');
		late.append('index', '2');
		expect(await call(`${base}:transcribe`, { method: 'POST', form: late })).toMatchObject({
			status: 400,
			body: { detail: { type: 'RecordingAlreadyFinishedError' } },
		});
		expect(heidi.inspectSession(id)?.recordings[0]).toMatchObject({
			finished: true,
			segments: [{ index: 0 }, { index: 1 }],
		});
	});

	it('validates segment uploads and unknown recordings', async () => {
		const id = await newSession();
		const rec = bodyOf(
			await call(`/sessions/${id}/restful-segment-transcription`, { method: 'POST' }),
		).recording_id;
		const noIndex = await call(`/sessions/${id}/restful-segment-transcription/${rec}:transcribe`, {
			method: 'POST',
			form: audioForm('a.ogg'),
		});
		expect(bodyOf(noIndex).detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'index'] });
		const badIndex = audioForm('a.ogg');
		badIndex.append('index', 'first');
		expect(
			(
				await call(`/sessions/${id}/restful-segment-transcription/${rec}:transcribe`, {
					method: 'POST',
					form: badIndex,
				})
			).status,
		).toBe(422);
		const unknown = await call(
			`/sessions/${id}/restful-segment-transcription/${'2'.repeat(39)}:finish`,
			{ method: 'POST' },
		);
		expect(unknown).toMatchObject({
			status: 404,
			body: { detail: { type: 'RecordingNotFoundError' } },
		});
	});
});

describe('templates', () => {
	it('lists consult-note templates (with the documented H & P sample) and document templates', async () => {
		const notes = bodyOf(await call('/templates/consult-note-templates')).templates;
		expect(notes.find((t: { id: string }) => t.id === H_AND_P)).toMatchObject({
			name: 'H & P',
			template_category: 'CONSULT_NOTE_TEMPLATE',
			author_name: 'Heidi',
		});
		for (const t of notes)
			expect(Object.keys(t).sort()).toEqual([
				'author_name',
				'id',
				'name',
				'structure_template',
				'template_category',
				'template_html',
			]);
		const docs = bodyOf(await call('/templates/document-templates')).templates;
		expect(
			docs.some((t: { template_category: string }) => t.template_category === 'DOCUMENT_TEMPLATE'),
		).toBe(true);
		expect(docs.length).toBeGreaterThan(notes.length);
	});
});

describe('consult notes', () => {
	it('streams the note as SSE data: lines, then stores it on the session', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const response = await call(`/sessions/${id}/consult-note`, {
			method: 'POST',
			json: noteBody(),
		});
		expect(response.headers?.['content-type']).toMatch(/^text\/event-stream/);
		expect(bodyOf(await call(`/sessions/${id}`)).session.consult_note.status).toBe('GENERATING');
		const raw = await readStream(response);
		const events = raw.split('\n\n').filter(Boolean);
		expect(events.length).toBeGreaterThan(5);
		for (const e of events) expect(e).toMatch(/^data: \{"data":".*"\}$/s);
		const text = joinStream(raw);
		for (const heading of ['Chief complaint', 'History of present illness', 'Assessment', 'Plan'])
			expect(text).toContain(`## ${heading}`);
		expect(text).toContain(PRIMARY.findings.ASSESSMENT[0].text);
		const { consult_note } = bodyOf(await call(`/sessions/${id}`)).session;
		expect(consult_note).toMatchObject({
			status: 'COMPLETED',
			result: text,
			template_id: H_AND_P,
			heading: 'H & P',
			voice_style: 'GOLDILOCKS',
			brain: 'LEFT',
			generation_method: 'TEMPLATE',
		});
		expect(heidi.stats().consultNotes).toBe(1);
	});

	it('streams bare JSON lines when configured, and writes HTML on request', async () => {
		heidi.configure({ streamFormat: 'json-lines' });
		const id = await newSession();
		await uploadAudio(id);
		const { response, raw, text } = await generate(id, { content_type: 'HTML', template_id: SOAP });
		expect(response.headers?.['content-type']).toBe('application/x-ndjson');
		expect(raw).not.toContain('data: ');
		for (const line of raw.trimEnd().split('\n'))
			expect(Object.keys(JSON.parse(line))).toEqual(['data']);
		expect(text).toContain('<h2>Subjective</h2><ul><li>');
	});

	it('says more or less by voice style', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const brief = (await generate(id, { voice_style: 'BRIEF' })).text;
		const detailed = (await generate(id, { voice_style: 'DETAILED' })).text;
		const superDetailed = (await generate(id, { voice_style: 'SUPER_DETAILED' })).text;
		expect(brief.length).toBeLessThan(detailed.length);
		expect(detailed.length).toBeLessThan(superDetailed.length);
		expect(superDetailed).toContain(`Patient: "${PRIMARY.turns[1].text}"`);
	});

	it('writes session context and the addition into the note', async () => {
		const earlier = heidi.seedSession({ encounterId: PRIMARY.id });
		const id = await newSession();
		await uploadAudio(id);
		await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { clinician_notes: ['Allergy: penicillin'], linked_sessions_for_context: [earlier] },
		});
		const { text } = await generate(id, { addition: 'Patient prefers morning appointments.' });
		expect(text).toContain('## Clinician notes\n- Allergy: penicillin');
		expect(text).toContain(`## Previous sessions\n- `);
		expect(text).toContain(PRIMARY.findings.ASSESSMENT[0].text);
		expect(text).toContain('## Additional notes\nPatient prefers morning appointments.');
	});

	it('leaves out what the recorded segments did not cover', async () => {
		const id = await newSession();
		const rec = bodyOf(
			await call(`/sessions/${id}/restful-segment-transcription`, { method: 'POST' }),
		).recording_id;
		const form = audioForm(`${PRIMARY.id}.ogg`, 'audio/ogg');
		form.append('index', '0');
		await call(`/sessions/${id}/restful-segment-transcription/${rec}:transcribe`, {
			method: 'POST',
			form,
		});
		const { text } = await generate(id);
		expect(text).toContain(PRIMARY.findings.CHIEF_COMPLAINT[0].text);
		expect(text).not.toContain(PRIMARY.findings.PLAN[0].text);
	});

	it('accepts a custom JSON template under either generation method', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const template = JSON.stringify({
			'Presenting problem': '',
			Diagnosis: '',
			'Follow-up plan': '',
		});
		const viaThirdParty = await generate(id, {
			generation_method: 'THIRD_PARTY_TEMPLATE',
			template_id: undefined,
			third_party_template: template,
		});
		expect(viaThirdParty.text).toContain('## Presenting problem');
		expect(viaThirdParty.text).toContain(`## Diagnosis\n- ${PRIMARY.findings.ASSESSMENT[0].text}`);
		const viaTemplate = await generate(id, {
			template_id: undefined,
			third_party_template: template,
		});
		expect(viaTemplate.text).toBe(viaThirdParty.text);
		expect(bodyOf(await call(`/sessions/${id}`)).session.consult_note.heading).toBe(
			'Custom template',
		);
	});

	it('validates the request and reports a missing template or transcript', async () => {
		const id = await newSession();
		const post = (json: unknown) => call(`/sessions/${id}/consult-note`, { method: 'POST', json });
		expect(bodyOf(await post(noteBody({ voice_style: undefined }))).detail[0]).toMatchObject({
			type: 'missing',
			loc: ['body', 'voice_style'],
		});
		expect(bodyOf(await post(noteBody({ addition: undefined }))).detail[0].loc).toEqual([
			'body',
			'addition',
		]);
		expect(bodyOf(await post(noteBody({ voice_style: 'LOUD' }))).detail[0].type).toBe('enum');
		expect((await post(noteBody({ third_party_template: '{}' }))).status).toBe(422);
		expect(await post(noteBody())).toMatchObject({
			status: 400,
			body: { detail: { type: 'EmptyTranscriptError' } },
		});
		await uploadAudio(id);
		expect(await post(noteBody({ template_id: 'ffffffffffffffffffffffff' }))).toMatchObject({
			status: 404,
			body: { detail: { msg: 'Template not found', type: 'TemplateNotFoundError' } },
		});
		expect(
			(
				await post(
					noteBody({
						generation_method: 'THIRD_PARTY_TEMPLATE',
						template_id: undefined,
						third_party_template: 'not json',
					}),
				)
			).status,
		).toBe(422);
		expect(
			(await call(`/sessions/${'3'.repeat(39)}/consult-note`, { method: 'POST', json: noteBody() }))
				.status,
		).toBe(404);
	});

	it('writes from context alone when generate_output_without_recording is set', async () => {
		const id = await newSession();
		await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { generate_output_without_recording: true },
		});
		const { text } = await generate(id);
		expect(text).toBe('');
		await call(`/sessions/${id}`, {
			method: 'PATCH',
			json: { clinician_notes: ['Phone consult, no recording'] },
		});
		expect((await generate(id)).text).toBe('## Clinician notes\n- Phone consult, no recording');
	});
});

describe('client-customised template response', () => {
	const template = {
		content: 'keep me',
		summaryRequired: true,
		responses: [
			{
				questionId: 'q1',
				question: 'Chief complaint',
				answer: [],
				answerType: 'TextArea',
				answerOptions: [],
			},
			{
				questionId: 'q2',
				question: 'Diagnosis',
				answer: [],
				answerType: 'SingleResponse',
				answerOptions: ['Migraine', 'Acute viral upper respiratory infection'],
			},
			{
				questionId: 'q3',
				question: 'Plan items',
				answer: [],
				answerType: 'MultipleResponse',
				answerOptions: ['Fluids and rest', 'Antibiotics indicated', 'Surgery'],
			},
			{
				questionId: 'q4',
				question: 'Date of visit',
				answer: [],
				answerType: 'DateResponse',
				answerOptions: [],
				dateFormat: 'DD/MM/YYYY',
			},
			{
				questionId: 'q5',
				question: 'Follow-up plan discussed?',
				answer: [],
				answerType: 'SingleResponse',
				answerOptions: ['Yes', 'No'],
			},
		],
	};

	it('needs a consult note first, then fills in the answers', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const path = `/sessions/${id}/client-customised-template/response`;
		expect(await call(path, { method: 'POST', json: template })).toMatchObject({
			status: 400,
			body: { detail: { type: 'ConsultNoteNotFoundError' } },
		});
		await generate(id);
		const filled = bodyOf(await call(path, { method: 'POST', json: template }));
		const answers = Object.fromEntries(
			filled.responses.map((q: { questionId: string; answer: string[] }) => [
				q.questionId,
				q.answer,
			]),
		);
		expect(answers.q1).toEqual([PRIMARY.findings.CHIEF_COMPLAINT[0].text]);
		expect(answers.q2).toEqual(['Acute viral upper respiratory infection']);
		expect(answers.q3).toContain('Fluids and rest');
		expect(answers.q3).not.toContain('Surgery');
		const today = new Date(clock.now());
		expect(answers.q4).toEqual([
			`${String(today.getUTCDate()).padStart(2, '0')}/${String(today.getUTCMonth() + 1).padStart(2, '0')}/${today.getUTCFullYear()}`,
		]);
		expect(answers.q5).toEqual(['Yes']);
		expect(filled.content).toContain(PRIMARY.findings.ASSESSMENT[0].text);
		expect(filled.summaryRequired).toBe(true);
	});

	it('validates the template shape', async () => {
		const id = await newSession();
		const bad = {
			...template,
			responses: [
				{ questionId: 'q', question: 'When?', answerType: 'DateResponse', answerOptions: [] },
			],
		};
		const r = await call(`/sessions/${id}/client-customised-template/response`, {
			method: 'POST',
			json: bad,
		});
		expect(bodyOf(r).detail[0]).toMatchObject({ loc: ['body', 'responses', 0, 'dateFormat'] });
		const wrongType = {
			...template,
			responses: [{ questionId: 'q', question: 'x', answerType: 'Essay' }],
		};
		expect(
			(
				await call(`/sessions/${id}/client-customised-template/response`, {
					method: 'POST',
					json: wrongType,
				})
			).status,
		).toBe(422);
	});
});

describe('documents', () => {
	it('creates an empty document before the note and a written one after, and lists them', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const body = {
			document_tab_type: 'DOCUMENT',
			generation_method: 'TEMPLATE',
			template_id: REFERRAL,
			brain: 'LEFT',
		};
		const empty = bodyOf(await call(`/sessions/${id}/documents`, { method: 'POST', json: body }));
		expect(empty).toMatchObject({
			session_id: id,
			name: 'Referral Letter',
			template_id: REFERRAL,
			content: '',
			content_type: 'MARKDOWN',
			brain: 'LEFT',
			voice_style: null,
		});
		await generate(id);
		const letter = bodyOf(
			await call(`/sessions/${id}/documents`, {
				method: 'POST',
				json: { ...body, voice_style: 'BRIEF', content_type: 'HTML' },
			}),
		);
		expect(letter.content).toContain('<p>Dear Colleague,</p>');
		expect(letter.content).toContain(PRIMARY.clinicianName);
		const list = bodyOf(await call(`/sessions/${id}/documents`)).documents;
		expect(
			list.map((d: { index: number; id: string; generation_type: string }) => [
				d.index,
				d.id,
				d.generation_type,
			]),
		).toEqual([
			[0, empty.id, 'TEMPLATE'],
			[1, letter.id, 'TEMPLATE'],
		]);
		expect(bodyOf(await call(`/sessions/${id}`)).session.documents).toHaveLength(2);
		expect(
			(
				await call(`/sessions/${id}/documents`, {
					method: 'POST',
					json: { ...body, template_id: undefined },
				})
			).status,
		).toBe(422);
		expect(
			(
				await call(`/sessions/${id}/documents`, {
					method: 'POST',
					json: { ...body, template_id: 'ffffffffffffffffffffffff' },
				})
			).status,
		).toBe(404);
	});
});

describe('context documents', () => {
	it('uploads files with meta_data, parses them over time, lists and deletes them', async () => {
		const id = await newSession();
		await uploadAudio(id);
		const form = new FormData();
		form.append(
			'context_documents',
			new Blob([Buffer.from('%PDF-1.4 synthetic')], { type: 'application/pdf' }),
			'referral.pdf',
		);
		form.append(
			'meta_data',
			JSON.stringify({
				name: 'GP referral',
				date: '2025-01-01',
				additional_context: 'from the clinic',
			}),
		);
		const added = bodyOf(
			await call(`/sessions/${id}/context-documents`, { method: 'POST', form }),
		).context_documents;
		expect(added).toEqual([
			expect.objectContaining({
				name: 'GP referral',
				date: '2025-01-01',
				additional_context: 'from the clinic',
				file_name: 'referral.pdf',
				size: 18,
				status: 'PARSING',
			}),
		]);
		expect((await generate(id)).text).not.toContain('Context documents reviewed');
		clock.advance(2000);
		expect(
			bodyOf(await call(`/sessions/${id}/context-documents`)).context_documents[0].status,
		).toBe('READY');
		expect((await generate(id)).text).toContain('## Context documents reviewed\n- GP referral');
		expect(
			bodyOf(
				await call(`/sessions/${id}/context-documents?ids=${added[0].id}`, { method: 'DELETE' }),
			),
		).toEqual({ is_success: true });
		expect(bodyOf(await call(`/sessions/${id}/context-documents`)).context_documents).toEqual([]);
	});

	it('refuses other file types and malformed meta_data', async () => {
		const id = await newSession();
		const exe = new FormData();
		exe.append('context_documents', new Blob([Buffer.from('MZ')]), 'tool.exe');
		expect(
			await call(`/sessions/${id}/context-documents`, { method: 'POST', form: exe }),
		).toMatchObject({ status: 400, body: { detail: { type: 'UnsupportedFileTypeError' } } });
		const badMeta = new FormData();
		badMeta.append('context_documents', new Blob([Buffer.from('x')]), 'scan.png');
		badMeta.append('meta_data', '{name:');
		expect(
			(await call(`/sessions/${id}/context-documents`, { method: 'POST', form: badMeta })).status,
		).toBe(422);
	});
});

describe('clinical codes', () => {
	it('codes the note, locating each entity in the note and the transcript', async () => {
		const id = await newSession();
		await uploadAudio(id);
		expect(await call(`/sessions/${id}/clinical-codes`)).toMatchObject({
			status: 400,
			body: { detail: { type: 'ConsultNoteNotFoundError' } },
		});
		const { text } = await generate(id);
		const transcript = bodyOf(await call(`/sessions/${id}/transcript`)).transcript;
		const codes = bodyOf(await call(`/sessions/${id}/clinical-codes`));
		expect(codes).toMatchObject({ session_id: id });
		expect(codes.consult_note_id).toMatch(/^[0-9a-f]{24}$/);
		const entity = codes.clinical_entities.find(
			(e: { primary_code: { code: string } }) => e.primary_code.code === 'J06.9',
		);
		expect(entity.primary_code).toMatchObject({
			code_name: 'Acute upper respiratory infection, unspecified',
			code_system: 'icd_10_cm',
		});
		expect(entity.primary_code.score).toBeGreaterThan(0);
		expect(entity.primary_code.score).toBeLessThanOrEqual(1);
		const [loc] = entity.location_in_note;
		expect(text.slice(loc.start, loc.end)).toBe(PRIMARY.findings.ASSESSMENT[0].text);
		const [ref] = entity.reference_in_transcript;
		expect(transcript.slice(ref.location_in_transcript.start, ref.location_in_transcript.end)).toBe(
			ref.transcript_text,
		);
		expect(entity.similar_codes[0]).toMatchObject({ code: 'J06.0', code_system: 'icd_10_cm' });
		expect(
			codes.clinical_entities.every(
				(e: { primary_code: { code_system: string } }) =>
					e.primary_code.code_system === 'icd_10_cm',
			),
		).toBe(true);
	});

	it('takes a coding_system, validates it, and answers 403 when coding is off', async () => {
		const id = heidi.seedSession();
		expect(
			bodyOf(await call(`/sessions/${id}/clinical-codes?coding_system=OPCS-410`)).clinical_entities,
		).toEqual([]);
		expect((await call(`/sessions/${id}/clinical-codes?coding_system=ICD-11`)).status).toBe(422);
		heidi.configure({ clinicalCoding: false });
		expect(await call(`/sessions/${id}/clinical-codes`)).toMatchObject({
			status: 403,
			body: { detail: { type: 'ClinicalCodingNotEnabledError' } },
		});
	});
});

describe('Ask Heidi', () => {
	it('streams an answer over the supplied content', async () => {
		const id = await newSession();
		const r = await call(`/sessions/${id}/ask-ai`, {
			method: 'POST',
			json: {
				ai_command_text: 'Summarise this',
				content: '## Plan\n- Rest. Fluids. Review in a week. Extra sentence.',
				content_type: 'MARKDOWN',
			},
		});
		expect(r.status).toBe(200);
		const text = joinStream(await readStream(r));
		expect(text).toBe('## Summary\nPlan Rest. Fluids.');
		expect(bodyOf(await call(`/sessions/${id}`)).session.consult_note.ai_command_text).toBe(
			'Summarise this',
		);
		expect(heidi.stats().askAi).toBe(1);
		expect(
			(await call(`/sessions/${id}/ask-ai`, { method: 'POST', json: { content: 'x' } })).status,
		).toBe(422);
	});
});

describe('admin methods', () => {
	it('seeds, touches and completes sessions as the Heidi app would', async () => {
		const id = heidi.seedSession({ encounterId: BEHAVIOURAL.id, withNote: false });
		const before = bodyOf(await call(`/sessions/${id}`)).session;
		expect(before.consult_note.result).toBeNull();
		clock.advance(5000);
		heidi.touchSession(id, { session_status: 'IN_REVIEW' });
		const touched = bodyOf(await call(`/sessions/${id}`)).session;
		expect(touched.session_status).toBe('IN_REVIEW');
		expect(touched.updated_at > before.updated_at).toBe(true);
		const text = heidi.completeConsultNote(id, { voice_style: 'BRIEF' });
		expect(bodyOf(await call(`/sessions/${id}`)).session.consult_note).toMatchObject({
			status: 'COMPLETED',
			result: text,
			voice_style: 'BRIEF',
		});
		expect(heidi.inspectSession(id)).toMatchObject({
			encounterId: BEHAVIOURAL.id,
			ownerEmail: heidi.identity().email,
		});
		expect(() => heidi.touchSession(id, { duration: -1 })).toThrow();
		expect(() => heidi.configure({ streamFormat: 'xml' as never })).toThrow(/streamFormat/);
		expect(() => heidi.configure({ pageSize: 0 })).toThrow(/pageSize/);
	});
});
