import { createHash } from 'node:crypto';
import { EXAMPLE_RECORDINGS, renderExample } from '../../audio/examples';
import { type SyntheticEncounter, ENCOUNTERS, pickEncounter } from '../../data/encounters';
import { bigDecimalId } from '../ids';
import { SANDBOX_EHR_PROVIDER } from '../options';
import type {
	ApiUser,
	ConsultNote,
	PatientProfile,
	RouteContext,
	SessionRecord,
	World,
} from '../state';
import { heidiTimestamp, sessionNotFound } from '../wire';
import { turnCoverage } from './transcription';

const emptyNote = (): ConsultNote => ({
	// `CREATED` is the only documented status (https://www.heidihealth.com/developers/heidi-api/sessions/overview); GENERATING/COMPLETED are the emulator's.
	status: 'CREATED',
	result: null,
	heading: null,
	brain: null,
	voice_style: null,
	generation_method: null,
	template_id: null,
	ai_command_id: null,
	ai_command_text: null,
	feedback: null,
	dictation_cleanup_mode: null,
});

export function createSession(
	world: World,
	owner: ApiUser,
	init: {
		profile?: PatientProfile;
		ehrApptId?: string | null;
		encounter?: SyntheticEncounter;
		createdAt?: number;
	} = {},
): SessionRecord {
	const id = bigDecimalId();
	const createdAt = init.createdAt ?? world.clock.now();
	const session: SessionRecord = {
		id,
		ownerId: owner.id,
		encounter: init.encounter ?? pickEncounter(id),
		fields: {
			session_name: init.encounter?.title ?? 'Untitled session',
			patient: { name: null, gender: null, dob: null, demographic_details: null },
			clinician_notes: [],
			duration: null,
			language_code: 'en',
			output_language_code: 'en',
			transcribe_mode: null,
			ehr_appt_id: init.ehrApptId ?? null,
			ehr_provider: SANDBOX_EHR_PROVIDER,
			ehr_patient_id: null,
			patient_profile_id: null,
			generate_output_without_recording: false,
			recording_status: null,
			session_status: null,
			is_consent: null,
			created_time_local: null,
			linked_sessions_for_context: [],
		},
		audio: [],
		recordings: new Map(),
		consultNote: emptyNote(),
		consultNoteId: null,
		documents: [],
		contextDocuments: [],
		createdAt,
		updatedAt: createdAt,
	};
	if (init.profile) attachProfile(session, init.profile);
	world.sessions.set(id, session);
	return session;
}

/** A session linked to a patient profile takes the patient's details from it. */
export function attachProfile(session: SessionRecord, profile: PatientProfile): void {
	const f = profile.fields;
	const name = [f.first_name, f.last_name].filter((p) => typeof p === 'string' && p).join(' ');
	session.fields.patient_profile_id = profile.id;
	session.fields.patient = {
		name: name || session.fields.patient.name,
		gender: typeof f.gender === 'string' ? f.gender : session.fields.patient.gender,
		dob: typeof f.birth_date === 'string' ? f.birth_date : session.fields.patient.dob,
		demographic_details:
			typeof f.demographic_string === 'string'
				? f.demographic_string
				: session.fields.patient.demographic_details,
	};
	if (typeof f.ehr_patient_id === 'string') session.fields.ehr_patient_id = f.ehr_patient_id;
}

let exampleDigests: Map<string, string> | undefined;
const digest = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * The synthetic encounter an uploaded file stands for: one named after it (`enc-...`), or one of
 * the sandbox's example recordings under any name (matched by content).
 */
export function encounterOfUpload(fileName: string, bytes: Buffer): SyntheticEncounter | undefined {
	const named = ENCOUNTERS.find((e) => fileName.includes(e.id));
	if (named) return named;
	exampleDigests ??= new Map(
		EXAMPLE_RECORDINGS.map((r) => [digest(renderExample(r)), r.encounterId]),
	);
	const id = exampleDigests.get(digest(bytes));
	return ENCOUNTERS.find((e) => e.id === id);
}

export function touch(world: World, session: SessionRecord): void {
	session.updatedAt = Math.max(world.clock.now(), session.updatedAt + 1);
}

/** The caller's own session; anyone else's reads as missing, as Heidi scopes sessions to the user. */
export function ownedSession(c: RouteContext, id = c.params.session_id): SessionRecord {
	const session = c.world.sessions.get(id);
	if (!session || session.ownerId !== c.user.id) throw sessionNotFound();
	return session;
}

export function patientName(session: SessionRecord): string {
	return session.fields.patient.name ?? session.encounter.patientName;
}

export function audioToWire(audio: SessionRecord['audio'][number]) {
	return {
		id: audio.id,
		index: audio.index,
		status: audio.status,
		created_at: heidiTimestamp(audio.createdAt),
		// Pre-signed links are only issued when asked for with an expiry; the emulator never issues them.
		access_url: null,
		expiry: null,
	};
}

/** `GET /sessions/{id}` `session` object (https://www.heidihealth.com/developers/heidi-api/sessions/overview). */
export function sessionToWire(session: SessionRecord) {
	const transcribedSeconds = turnCoverage(session).seconds;
	return {
		session_id: session.id,
		...session.fields,
		patient: { ...session.fields.patient },
		clinician_notes: [...session.fields.clinician_notes],
		linked_sessions_for_context: [...session.fields.linked_sessions_for_context],
		duration: session.fields.duration ?? Math.round(transcribedSeconds),
		audio: session.audio.map(audioToWire),
		consult_note: { ...session.consultNote },
		documents: session.documents.length ? session.documents.map((d) => ({ ...d })) : null,
		created_at: heidiTimestamp(session.createdAt),
		updated_at: heidiTimestamp(session.updatedAt),
	};
}
