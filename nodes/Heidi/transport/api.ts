import type { IDataObject } from 'n8n-workflow';
import { idString } from './json';
import { multipartBody, type FilePayload } from './multipart';
import { readPages } from '../../common/pagination';
import { collect, pager } from './paging';
import {
	encodeId,
	heidiRequest,
	heidiStream,
	missingFromAnswer,
	type CallInfo,
	type HeidiContext,
} from './request';

/**
 * One function per Heidi endpoint (https://www.heidihealth.com/developers/heidi-api/sessions/overview and the pages beside it). Paths, verbs and wrappers live here and
 * nowhere else; `itemIndex` only labels errors.
 */

const session = (id: string) => `/sessions/${encodeId(id)}`;

/** Session ids as text whatever the JSON carried; linked ids too. */
export function normalizeSession(raw: IDataObject): IDataObject {
	const out: IDataObject = { ...raw };
	if (out.session_id !== undefined) out.session_id = idString(out.session_id);
	if (Array.isArray(out.linked_sessions_for_context))
		out.linked_sessions_for_context = out.linked_sessions_for_context.map(
			(id) => idString(id) ?? '',
		);
	return out;
}

const unwrapSession = (response: IDataObject): IDataObject =>
	normalizeSession((response.session as IDataObject) ?? response);

// Sessions

export async function createSession(
	context: HeidiContext,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const info: CallInfo = { operation: 'CreateSession', itemIndex };
	const response = await heidiRequest(context, { method: 'POST', path: '/sessions', body }, info);
	const sessionId = idString(response.session_id);
	if (!sessionId) throw missingFromAnswer(context, info, 'session_id');
	return { ...response, session_id: sessionId };
}

export async function getSession(
	context: HeidiContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return unwrapSession(
		await heidiRequest(
			context,
			{ method: 'GET', path: session(sessionId) },
			{ operation: 'GetSession', itemIndex },
		),
	);
}

export async function updateSession(
	context: HeidiContext,
	sessionId: string,
	patch: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	return unwrapSession(
		await heidiRequest(
			context,
			{ method: 'PATCH', path: session(sessionId), body: patch },
			{ operation: 'UpdateSession', itemIndex },
		),
	);
}

export const LINKED_USER_PAGE_SIZE = 100;

/** Pages of `GET /sessions/linked-user` (the sessions of the linked Heidi account). */
export async function* linkedUserSessionPages(
	context: HeidiContext,
	pageSize: number,
	itemIndex?: number,
): AsyncGenerator<IDataObject[]> {
	const readPage = pager(context, '/sessions/linked-user', 'sessions', {}, pageSize, {
		operation: 'ListLinkedUserSessions',
		itemIndex,
	});
	for await (const rows of readPages(readPage)) yield rows.map(normalizeSession);
}

export async function listLinkedUserSessions(
	context: HeidiContext,
	limit: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const rows = await collect(
		context,
		'/sessions/linked-user',
		'sessions',
		{},
		limit,
		{ operation: 'ListLinkedUserSessions', itemIndex },
		LINKED_USER_PAGE_SIZE,
	);
	return rows.map(normalizeSession);
}

// Patient profiles

const unwrapData = (response: IDataObject): IDataObject =>
	(response.data as IDataObject) ?? response;

export async function createPatientProfile(
	context: HeidiContext,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	return unwrapData(
		await heidiRequest(
			context,
			{ method: 'POST', path: '/patient-profiles', body },
			{ operation: 'CreatePatientProfile', itemIndex },
		),
	);
}

export async function getPatientProfile(
	context: HeidiContext,
	id: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return unwrapData(
		await heidiRequest(
			context,
			{ method: 'GET', path: `/patient-profiles/${encodeId(id)}` },
			{ operation: 'GetPatientProfile', itemIndex },
		),
	);
}

export async function updatePatientProfile(
	context: HeidiContext,
	id: string,
	body: IDataObject,
	itemIndex?: number,
): Promise<IDataObject> {
	const path = `/patient-profiles/${encodeId(id)}`;
	return unwrapData(
		await heidiRequest(
			context,
			{ method: 'PATCH', path, body },
			{ operation: 'UpdatePatientProfile', itemIndex },
		),
	);
}

export async function listPatientProfiles(
	context: HeidiContext,
	query: IDataObject,
	limit: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collect(context, '/patient-profiles', 'data', query, limit, {
		operation: 'ListPatientProfiles',
		itemIndex,
	});
}

// Transcription

export async function uploadAudio(
	context: HeidiContext,
	sessionId: string,
	file: FilePayload,
	times: { start_time?: string; end_time?: string },
	itemIndex?: number,
) {
	const multipart = multipartBody(times, [{ ...file, field: 'file' }]);
	return await heidiRequest(
		context,
		{ method: 'POST', path: `${session(sessionId)}/upload-audio`, multipart },
		{ operation: 'UploadAudio', itemIndex },
	);
}

export async function startRecording(
	context: HeidiContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const info: CallInfo = { operation: 'StartSegmentRecording', itemIndex };
	const response = await heidiRequest(
		context,
		{ method: 'POST', path: `${session(sessionId)}/restful-segment-transcription` },
		info,
	);
	const recordingId = idString(response.recording_id);
	if (!recordingId) throw missingFromAnswer(context, info, 'recording_id');
	return { ...response, recording_id: recordingId };
}

const recording = (sessionId: string, recordingId: string) =>
	`${session(sessionId)}/restful-segment-transcription/${encodeId(recordingId)}`;

/** Sending the same index twice replaces the segment, so a retried upload is harmless. */
export async function uploadSegment(
	context: HeidiContext,
	sessionId: string,
	recordingId: string,
	index: number,
	file: FilePayload,
	itemIndex?: number,
) {
	const multipart = multipartBody({ index: String(index) }, [{ ...file, field: 'file' }]);
	const path = `${recording(sessionId, recordingId)}:transcribe`;
	return await heidiRequest(
		context,
		{ method: 'POST', path, multipart, idempotent: true },
		{ operation: 'TranscribeSegment', itemIndex },
	);
}

export async function finishRecording(
	context: HeidiContext,
	sessionId: string,
	recordingId: string,
	itemIndex?: number,
) {
	const path = `${recording(sessionId, recordingId)}:finish`;
	return await heidiRequest(
		context,
		{ method: 'POST', path, idempotent: true },
		{ operation: 'FinishSegmentRecording', itemIndex },
	);
}

export async function getTranscript(
	context: HeidiContext,
	sessionId: string,
	itemIndex?: number,
): Promise<string> {
	const response = await heidiRequest(
		context,
		{ method: 'GET', path: `${session(sessionId)}/transcript` },
		{ operation: 'GetTranscript', itemIndex },
	);
	return typeof response.transcript === 'string' ? response.transcript : '';
}

export async function getLiveTranscript(
	context: HeidiContext,
	sessionId: string,
	query: IDataObject,
	itemIndex?: number,
) {
	return await heidiRequest(
		context,
		{ method: 'GET', path: `${session(sessionId)}/transcript/live`, qs: query },
		{ operation: 'GetLiveTranscript', itemIndex },
	);
}

// Consult notes, templates, documents

export { generateConsultNote } from './consultNote';

export async function fillCustomTemplate(
	context: HeidiContext,
	sessionId: string,
	template: IDataObject,
	itemIndex?: number,
) {
	const path = `${session(sessionId)}/client-customised-template/response`;
	return await heidiRequest(
		context,
		{ method: 'POST', path, body: template, idempotent: true },
		{ operation: 'FillCustomTemplate', itemIndex },
	);
}

export type TemplateKind = 'consultNote' | 'document';

export async function listTemplates(
	context: HeidiContext,
	kind: TemplateKind,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const path =
		kind === 'consultNote' ? '/templates/consult-note-templates' : '/templates/document-templates';
	const operation = kind === 'consultNote' ? 'ListConsultNoteTemplates' : 'ListDocumentTemplates';
	const response = await heidiRequest(context, { method: 'GET', path }, { operation, itemIndex });
	// `templates` per the docs; one client reads document templates under `data`.
	const rows = response.templates ?? response.data;
	return Array.isArray(rows) ? (rows as IDataObject[]) : [];
}

export async function createDocument(
	context: HeidiContext,
	sessionId: string,
	body: IDataObject,
	itemIndex?: number,
) {
	return await heidiRequest(
		context,
		{ method: 'POST', path: `${session(sessionId)}/documents`, body },
		{ operation: 'CreateDocument', itemIndex },
	);
}

export async function listDocuments(
	context: HeidiContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await heidiRequest(
		context,
		{ method: 'GET', path: `${session(sessionId)}/documents` },
		{ operation: 'ListDocuments', itemIndex },
	);
	return Array.isArray(response.documents) ? (response.documents as IDataObject[]) : [];
}

// Context, coding, Ask Heidi

/** `GET /sessions/{id}/context-documents`: the documents attached as context, with their parsing status. */
export async function listContextDocuments(
	context: HeidiContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const response = await heidiRequest(
		context,
		{ method: 'GET', path: `${session(sessionId)}/context-documents` },
		{ operation: 'ListContextDocuments', itemIndex },
	);
	return Array.isArray(response.context_documents)
		? (response.context_documents as IDataObject[])
		: [];
}

export async function uploadContextDocument(
	context: HeidiContext,
	sessionId: string,
	file: FilePayload,
	meta: IDataObject,
	itemIndex?: number,
) {
	const multipart = multipartBody({ meta_data: JSON.stringify(meta) }, [
		{ ...file, field: 'context_documents' },
	]);
	return await heidiRequest(
		context,
		{ method: 'POST', path: `${session(sessionId)}/context-documents`, multipart },
		{ operation: 'UploadContextDocuments', itemIndex },
	);
}

export async function getClinicalCodes(
	context: HeidiContext,
	sessionId: string,
	query: IDataObject,
	itemIndex?: number,
) {
	return await heidiRequest(
		context,
		{ method: 'GET', path: `${session(sessionId)}/clinical-codes`, qs: query },
		{ operation: 'GetClinicalCodes', itemIndex },
	);
}

export async function askHeidi(
	context: HeidiContext,
	sessionId: string,
	body: IDataObject,
	itemIndex?: number,
): Promise<string> {
	const path = `${session(sessionId)}/ask-ai`;
	// Ask Heidi's answer is not stored anywhere to check it against; a stream that breaks off is retried.
	return (
		await heidiStream(
			context,
			{ method: 'POST', path, body, idempotent: true },
			{ operation: 'AskHeidi', itemIndex },
		)
	).text;
}

// Account linking

export async function linkAccount(context: HeidiContext, kindeUserId: string, itemIndex?: number) {
	const body = { kinde_user_id: kindeUserId };
	return await heidiRequest(
		context,
		{ method: 'POST', path: '/users/linked-account', body },
		{ operation: 'LinkAccount', itemIndex },
	);
}

export async function unlinkAccount(context: HeidiContext, itemIndex?: number) {
	return await heidiRequest(
		context,
		{ method: 'DELETE', path: '/users/linked-account:unlink' },
		{ operation: 'UnlinkAccount', itemIndex },
	);
}

export async function checkAccount(context: HeidiContext, itemIndex?: number) {
	return await heidiRequest(
		context,
		{ method: 'GET', path: '/users/linked-account/access' },
		{ operation: 'CheckLinkedAccount', itemIndex },
	);
}
