import { bigDecimalId, objectId } from '../ids';
import { type FilePart, readForm } from '../multipart';
import { audioToWire, encounterOfUpload, ownedSession, touch } from '../model/session';
import {
	INITIALIZED,
	anythingTranscribed,
	ensureTranscribed,
	finalTranscript,
	isAudible,
	liveTranscript,
} from '../model/transcription';
import type { Route } from '../router';
import type { RouteContext, SessionRecord } from '../state';
import { ServiceError, invalid, ok } from '../wire';

function requiredFile(files: FilePart[], field: string): FilePart {
	const file = files.find((f) => f.field === field);
	if (!file) throw invalid(['body', field], 'Field required', 'missing');
	return file;
}

const isAudio = (type: string): boolean => /^audio\//i.test(type);

function optionalIsoTime(fields: Record<string, string>, name: string): string | null {
	const value = fields[name];
	if (value === undefined || value === '') return null;
	if (Number.isNaN(Date.parse(value)))
		throw invalid(['body', name], 'Input should be a valid datetime', 'datetime_from_date_parsing');
	return value;
}

/** Until anything is transcribed, an upload that stands for a synthetic encounter decides what the audio "says". */
function maybeChooseEncounter(session: SessionRecord, file: FilePart): void {
	const named = encounterOfUpload(file.fileName, file.data);
	if (named && !anythingTranscribed(session) && !session.consultNote.result)
		session.encounter = named;
}

function ownedRecording(c: RouteContext, session: SessionRecord) {
	const recording = session.recordings.get(c.params.recording_id);
	if (!recording) throw new ServiceError(404, 'RecordingNotFoundError', 'Recording not found');
	return recording;
}

export const transcriptionRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/upload-audio',
		guard: 'token',
		async handle(c) {
			const session = ownedSession(c);
			const form = await readForm(c.req);
			const file = requiredFile(form.files, 'file');
			if (!isAudio(file.contentType))
				throw new ServiceError(400, 'InvalidFileTypeError', 'File must be an audio file');
			const startTime = optionalIsoTime(form.fields, 'start_time');
			const endTime = optionalIsoTime(form.fields, 'end_time');
			maybeChooseEncounter(session, file);
			const audio = {
				id: objectId(),
				index: session.audio.length,
				status: INITIALIZED,
				createdAt: c.world.clock.now(),
				fileName: file.fileName,
				contentType: file.contentType,
				bytes: file.data,
				startTime,
				endTime,
			};
			session.audio.push(audio);
			touch(c.world, session);
			return ok({ uploaded_audio: audioToWire(audio) });
		},
	},
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/restful-segment-transcription',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			const recording = {
				id: bigDecimalId(),
				segments: new Map(),
				finished: false,
				createdAt: c.world.clock.now(),
			};
			session.recordings.set(recording.id, recording);
			touch(c.world, session);
			return ok({ recording_id: recording.id });
		},
	},
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/restful-segment-transcription/{recording_id}:transcribe',
		guard: 'token',
		async handle(c) {
			const session = ownedSession(c);
			const recording = ownedRecording(c, session);
			const form = await readForm(c.req);
			const file = requiredFile(form.files, 'file');
			const rawIndex = form.fields.index;
			if (rawIndex === undefined) throw invalid(['body', 'index'], 'Field required', 'missing');
			if (!/^\d+$/.test(rawIndex))
				throw invalid(['body', 'index'], 'Input should be a valid integer', 'int_parsing');
			// Chunks are only described as "audio"; raw bytes without a type are accepted too.
			if (!isAudio(file.contentType) && file.contentType !== 'application/octet-stream') {
				throw new ServiceError(400, 'InvalidFileTypeError', 'File must be an audio file');
			}
			if (recording.finished)
				throw new ServiceError(
					400,
					'RecordingAlreadyFinishedError',
					'Recording is already finished',
				);
			maybeChooseEncounter(session, file);
			const index = Number(rawIndex);
			recording.segments.set(index, {
				index,
				fileName: file.fileName,
				contentType: file.contentType,
				bytes: file.data,
				audible: isAudible(file.data),
				receivedAt: c.world.clock.now(),
			});
			touch(c.world, session);
			return ok({ is_success: true });
		},
	},
	{
		method: 'POST',
		pattern: '/sessions/{session_id}/restful-segment-transcription/{recording_id}:finish',
		guard: 'token',
		handle(c) {
			const session = ownedSession(c);
			ownedRecording(c, session).finished = true;
			touch(c.world, session);
			return ok({ is_success: true });
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/{session_id}/transcript',
		guard: 'token',
		async handle(c) {
			const session = ownedSession(c);
			await ensureTranscribed(c.world, session);
			return ok({ transcript: finalTranscript(session) });
		},
	},
	{
		method: 'GET',
		pattern: '/sessions/{session_id}/transcript/live',
		guard: 'token',
		handle(c) {
			// `recording_status` is accepted; its values and effect are undocumented (https://www.heidihealth.com/developers/heidi-api/transcription).
			const session = ownedSession(c);
			return ok(liveTranscript(session, c.world.clock.now(), c.world.options.liveLatencyMs));
		},
	},
];
