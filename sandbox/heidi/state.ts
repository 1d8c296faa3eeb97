import type { Clock, SandboxRequest } from '../core/types';
import type { SyntheticEncounter } from '../data/encounters';
import type { TokenIssuer } from './auth';
import type { ResolvedOptions } from './options';

/** The shadow "Heidi API User" that an API key + email + third-party id maps to (https://www.heidihealth.com/developers/heidi-api/authentication). */
export interface ApiUser {
	id: string;
	email: string;
	thirdPartyInternalId: string;
	account?: LinkedAccount;
}

/** `POST /users/linked-account` response `account` (https://www.heidihealth.com/developers/heidi-api/authentication). */
export interface LinkedAccount {
	_id: string;
	user_id: string;
	ehr_provider: string;
	ehr_email: string;
	ehr_user_id: string;
	deleted_at: string | null;
	created_at: string;
	updated_at: string;
}

export interface UploadedAudio {
	id: string;
	index: number;
	status: string;
	createdAt: number;
	fileName: string;
	contentType: string;
	bytes: Buffer;
	startTime: string | null;
	endTime: string | null;
}

export interface Segment {
	index: number;
	fileName: string;
	contentType: string;
	bytes: Buffer;
	/** Whether the bytes are audio at all; a chunk that is not transcribes to nothing. */
	audible: boolean;
	/** Sandbox clock ms; the live transcript shows the chunk as READY after `liveLatencyMs`. */
	receivedAt: number;
}

export interface Recording {
	id: string;
	segments: Map<number, Segment>;
	finished: boolean;
	createdAt: number;
}

export interface ConsultNote {
	status: string;
	result: string | null;
	heading: string | null;
	brain: string | null;
	voice_style: string | null;
	generation_method: string | null;
	template_id: string | null;
	ai_command_id: string | null;
	ai_command_text: string | null;
	feedback: string | null;
	dictation_cleanup_mode: string | null;
}

export interface SessionDocument {
	id: string;
	session_id: string;
	index: number;
	name: string;
	template_id: string;
	content: string;
	generation_type: string;
	brain: string;
	voice_style: string | null;
	content_type: string;
}

export interface ContextDocument {
	id: string;
	fileName: string;
	contentType: string;
	size: number;
	/** The `meta_data` object as sent (name, date, additional context, anything else). */
	meta: Record<string, unknown>;
	createdAt: number;
}

export interface SessionPatient {
	name: string | null;
	gender: string | null;
	dob: string | null;
	demographic_details: string | null;
}

/** The fields PATCH can set, stored as they go on the wire. */
export interface SessionFields {
	session_name: string;
	patient: SessionPatient;
	clinician_notes: string[];
	duration: number | null;
	language_code: string;
	output_language_code: string;
	transcribe_mode: string | null;
	ehr_appt_id: string | null;
	ehr_provider: string;
	ehr_patient_id: string | null;
	patient_profile_id: string | null;
	generate_output_without_recording: boolean;
	recording_status: string | null;
	session_status: string | null;
	is_consent: boolean | null;
	created_time_local: string | null;
	linked_sessions_for_context: string[];
}

export interface SessionRecord {
	id: string;
	ownerId: string;
	/** The synthetic consultation this session's audio "contains". */
	encounter: SyntheticEncounter;
	fields: SessionFields;
	audio: UploadedAudio[];
	recordings: Map<string, Recording>;
	consultNote: ConsultNote;
	consultNoteId: string | null;
	documents: SessionDocument[];
	contextDocuments: ContextDocument[];
	createdAt: number;
	updatedAt: number;
}

export interface PatientProfile {
	id: string;
	ownerId: string;
	fields: Record<string, unknown>;
	createdAt: number;
	updatedAt: number;
}

export interface Stats {
	jwtExchanges: number;
	unauthorized: number;
	consultNotes: number;
	askAi: number;
	requests: number;
}

/** Everything one emulator instance knows; route handlers get it with the request. */
export interface World {
	options: ResolvedOptions;
	clock: Clock;
	tokens: TokenIssuer;
	users: Map<string, ApiUser>;
	sessions: Map<string, SessionRecord>;
	profiles: Map<string, PatientProfile>;
	stats: Stats;
}

export interface RouteContext {
	req: SandboxRequest;
	params: Record<string, string>;
	user: ApiUser;
	world: World;
}
