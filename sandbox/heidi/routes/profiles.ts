import {
	optionalDate,
	optionalEnum,
	optionalNumber,
	optionalString,
	optionalStringList,
	queryInt,
	requiredString,
} from '../fields';
import { objectId } from '../ids';
import { attachProfile, ownedSession, touch } from '../model/session';
import { MAX_PAGE_SIZE, SANDBOX_EHR_PROVIDER } from '../options';
import type { Route } from '../router';
import type { PatientProfile, RouteContext } from '../state';
import { ServiceError, heidiTimestamp, invalid, ok, readObject } from '../wire';
import { GENDERS } from './sessions';

const STRING_FIELDS = [
	'first_name',
	'last_name',
	'ehr_patient_id',
	'phone',
	'email',
	'demographic_string',
	'additional_context',
] as const;

/**
 * Profile fields of the official page (https://www.heidihealth.com/developers/heidi-api/patient-profiles); `birth_date`, not the derived profile's
 * `date_of_birth`, which (like any unknown field) is ignored.
 */
function readProfileFields(body: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const put = (key: string, value: unknown) => {
		if (value !== undefined) out[key] = value;
	};
	for (const key of STRING_FIELDS) put(key, optionalString(body, key));
	put('birth_date', optionalDate(body, 'birth_date'));
	put('gender', optionalEnum(body, 'gender', GENDERS));
	const sexCode = optionalNumber(body, 'patient_sex_code');
	if (typeof sexCode === 'number' && !Number.isInteger(sexCode))
		throw invalid(['body', 'patient_sex_code'], 'Input should be a valid integer', 'int_type');
	put('patient_sex_code', sexCode);
	if (
		body.identifiers !== undefined &&
		body.identifiers !== null &&
		!Array.isArray(body.identifiers)
	) {
		throw invalid(['body', 'identifiers'], 'Input should be a valid list', 'list_type');
	}
	put('identifiers', body.identifiers);
	return out;
}

function profileToWire(profile: PatientProfile) {
	const f = profile.fields;
	const pick = (key: string) => f[key] ?? null;
	return {
		id: profile.id,
		first_name: pick('first_name'),
		last_name: pick('last_name'),
		birth_date: pick('birth_date'),
		gender: pick('gender'),
		ehr_patient_id: pick('ehr_patient_id'),
		ehr_provider: SANDBOX_EHR_PROVIDER,
		phone: pick('phone'),
		email: pick('email'),
		patient_sex_code: pick('patient_sex_code'),
		identifiers: f.identifiers ?? [],
		demographic_string: pick('demographic_string'),
		additional_context: pick('additional_context'),
		created_at: heidiTimestamp(profile.createdAt),
		updated_at: heidiTimestamp(profile.updatedAt),
	};
}

export function ownedProfile(c: RouteContext, id = c.params.patient_profile_id): PatientProfile {
	const profile = c.world.profiles.get(id);
	if (!profile || profile.ownerId !== c.user.id)
		throw new ServiceError(404, 'PatientProfileNotFoundError', 'Patient profile not found');
	return profile;
}

/** Responses beyond `POST` are undocumented; they reuse its `{ data }` wrapper. */
export const profileRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/patient-profiles',
		guard: 'token',
		handle({ req, user, world }) {
			const now = world.clock.now();
			const profile: PatientProfile = {
				id: objectId(),
				ownerId: user.id,
				fields: readProfileFields(readObject(req, false)),
				createdAt: now,
				updatedAt: now,
			};
			world.profiles.set(profile.id, profile);
			return ok({ data: profileToWire(profile) });
		},
	},
	{
		method: 'GET',
		pattern: '/patient-profiles',
		guard: 'token',
		handle({ req, user, world }) {
			const pageSize = queryInt(req, 'page_size', 20, 1, MAX_PAGE_SIZE);
			const page = queryInt(req, 'page', 1, 1);
			const ehrPatientId = req.query.get('ehr_patient_id');
			const ehrProvider = req.query.get('ehr_provider');
			const all = [...world.profiles.values()]
				.filter((p) => p.ownerId === user.id)
				.filter((p) => !ehrPatientId || p.fields.ehr_patient_id === ehrPatientId)
				.filter((p) => !ehrProvider || ehrProvider === SANDBOX_EHR_PROVIDER)
				.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
			return ok({
				data: all.slice((page - 1) * pageSize, page * pageSize).map(profileToWire),
				page,
				page_size: pageSize,
				total_count: all.length,
				total_pages: Math.ceil(all.length / pageSize),
			});
		},
	},
	{
		method: 'POST',
		pattern: '/patient-profiles:batch-delete',
		guard: 'token',
		handle(c) {
			const ids = optionalStringList(readObject(c.req), 'patient_profile_ids');
			if (!ids) throw invalid(['body', 'patient_profile_ids'], 'Field required', 'missing');
			const owned = ids.filter((id) => c.world.profiles.get(id)?.ownerId === c.user.id);
			owned.forEach((id) => c.world.profiles.delete(id));
			return ok({ is_success: true, deleted_count: owned.length });
		},
	},
	{
		method: 'GET',
		pattern: '/patient-profiles/{patient_profile_id}',
		guard: 'token',
		handle(c) {
			return ok({ data: profileToWire(ownedProfile(c)) });
		},
	},
	{
		method: 'PATCH',
		pattern: '/patient-profiles/{patient_profile_id}',
		guard: 'token',
		handle(c) {
			const profile = ownedProfile(c);
			Object.assign(profile.fields, readProfileFields(readObject(c.req)));
			profile.updatedAt = Math.max(c.world.clock.now(), profile.updatedAt + 1);
			return ok({ data: profileToWire(profile) });
		},
	},
	{
		method: 'POST',
		pattern: '/patient-profiles/{patient_profile_id}/sessions',
		guard: 'token',
		handle(c) {
			const profile = ownedProfile(c);
			const session = ownedSession(c, requiredString(readObject(c.req), 'session_id'));
			attachProfile(session, profile);
			touch(c.world, session);
			return ok({ is_success: true });
		},
	},
];
