import {
	optionalBool,
	optionalEnum,
	optionalNumber,
	optionalObject,
	optionalString,
	optionalStringList,
	queryInt,
} from '../fields';
import { createSession, ownedSession, sessionToWire, touch } from '../model/session';
import { MAX_PAGE_SIZE } from '../options';
import type { Route } from '../router';
import type { SessionRecord, World } from '../state';
import { ServiceError, invalid, ok, readObject } from '../wire';
import { ownedProfile } from './profiles';

const CURSOR_PREFIX = 'cur_';

/** An opaque-looking `next_page` cursor (base64url of the page number). */
const cursorFor = (page: number) =>
	`${CURSOR_PREFIX}${Buffer.from(`page:${page}`).toString('base64url')}`;

/** The page a cursor sent back as `page` stands for; undefined when `page` is not a cursor. */
function readCursor(req: Parameters<typeof queryInt>[0]): number | undefined {
	const raw = req.query.get('page');
	if (!raw?.startsWith(CURSOR_PREFIX)) return undefined;
	const match = /^page:(\d+)$/.exec(
		Buffer.from(raw.slice(CURSOR_PREFIX.length), 'base64url').toString('utf8'),
	);
	if (!match || Number(match[1]) < 1)
		throw invalid(['query', 'page'], 'Invalid cursor', 'value_error');
	return Number(match[1]);
}

export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;

/**
 * Apply a `PATCH /sessions/{id}` body (https://www.heidihealth.com/developers/heidi-api/sessions/overview): only the fields sent change, unknown
 * fields are ignored as pydantic does. Validates everything before changing anything.
 */
export function applySessionPatch(
	world: World,
	session: SessionRecord,
	body: Record<string, unknown>,
): void {
	const f = session.fields;
	const changes: Partial<typeof f> = {};
	const set = <K extends keyof typeof f>(
		key: K,
		value: (typeof f)[K] | null | undefined,
		nullable = true,
	) => {
		if (value === undefined || (value === null && !nullable)) return;
		changes[key] = value as (typeof f)[K];
	};
	set('duration', optionalNumber(body, 'duration', [], 0));
	set('language_code', optionalString(body, 'language_code'), false);
	set('output_language_code', optionalString(body, 'output_language_code'), false);
	set('transcribe_mode', optionalString(body, 'transcribe_mode'));
	set('clinician_notes', optionalStringList(body, 'clinician_notes') ?? undefined);
	set('ehr_patient_id', optionalString(body, 'ehr_patient_id'));
	// The object calls it `ehr_appt_id`, session creation `ehr_appointment_id`; accept both here.
	set(
		'ehr_appt_id',
		optionalString(body, 'ehr_appt_id') ?? optionalString(body, 'ehr_appointment_id'),
	);
	set(
		'generate_output_without_recording',
		optionalBool(body, 'generate_output_without_recording'),
		false,
	);
	set('recording_status', optionalString(body, 'recording_status'));
	set('session_status', optionalString(body, 'session_status'));
	set('is_consent', optionalBool(body, 'is_consent'));
	set('created_time_local', optionalString(body, 'created_time_local'));

	const patient = optionalObject(body, 'patient');
	if (patient) {
		const next = { ...f.patient };
		for (const key of ['name', 'dob', 'demographic_details'] as const) {
			const value = optionalString(patient, key, ['patient']);
			if (value !== undefined) next[key] = value;
		}
		const gender = optionalEnum(patient, 'gender', GENDERS, ['patient']);
		if (gender !== undefined) next.gender = gender;
		changes.patient = next;
	}

	const linked = optionalStringList(body, 'linked_sessions_for_context');
	if (linked) {
		linked.forEach((id, i) => {
			if (id === session.id)
				throw invalid(
					['body', 'linked_sessions_for_context', i],
					'A session cannot be its own context',
					'value_error',
				);
			const other = world.sessions.get(id);
			if (!other || other.ownerId !== session.ownerId)
				throw new ServiceError(404, 'SessionNotFoundError', 'Session not found');
		});
		changes.linked_sessions_for_context = [...new Set(linked)];
	}
	Object.assign(f, changes);
	touch(world, session);
}

export const sessionRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/sessions',
		guard: 'token',
		handle(c) {
			// Older docs and several clients send no body at all (https://www.heidihealth.com/developers/heidi-api/sessions/overview).
			const body = readObject(c.req, false);
			const profileId = optionalString(body, 'patient_profile_id');
			const apptId =
				optionalString(body, 'ehr_appointment_id') ?? optionalString(body, 'ehr_appt_id');
			const profile = profileId ? ownedProfile(c, profileId) : undefined;
			const session = createSession(c.world, c.user, { profile, ehrApptId: apptId });
			return ok({ session_id: session.id });
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/linked-user',
		guard: 'linked',
		handle({ req, user, world }) {
			const pageSize = queryInt(req, 'page_size', world.options.pageSize, 1, MAX_PAGE_SIZE);
			const page = world.options.ignorePage ? 1 : (readCursor(req) ?? queryInt(req, 'page', 1, 1));
			const direction = world.options.listOrder === 'newest-first' ? -1 : 1;
			const all = [...world.sessions.values()]
				.filter((s) => s.ownerId === user.id)
				.sort((a, b) => direction * (a.createdAt - b.createdAt || a.id.localeCompare(b.id)));
			const rows = all.slice((page - 1) * pageSize, page * pageSize);
			const hasNext = world.options.ignorePage || page * pageSize < all.length;
			let nextPage: number | string | null = hasNext ? page + 1 : null;
			if (hasNext && world.options.nextPage === 'cursor') nextPage = cursorFor(page + 1);
			if (hasNext && world.options.nextPage === 'url') {
				const path = `${world.options.basePath}/sessions/linked-user?page=${page + 1}&page_size=${pageSize}`;
				nextPage = req.headers.host ? `http://${req.headers.host}${path}` : path;
			}
			return ok({
				sessions: rows.map((row) => {
					const wire: Partial<ReturnType<typeof sessionToWire>> = sessionToWire(row);
					if (!world.options.listConsultNote) delete wire.consult_note;
					return wire;
				}),
				count: rows.length,
				total_count: all.length,
				next_page: nextPage,
				has_next_page: hasNext,
			});
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/{session_id}',
		guard: 'token',
		handle(c) {
			return ok({ session: sessionToWire(ownedSession(c)) });
		},
	},
	{
		method: 'PATCH',
		pattern: '/sessions/{session_id}',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			applySessionPatch(c.world, session, readObject(c.req));
			return ok({ session: sessionToWire(session) });
		},
	},
];
