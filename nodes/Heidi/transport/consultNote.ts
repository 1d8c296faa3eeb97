import { sleep, type IDataObject } from 'n8n-workflow';
import { vendorError } from '../../common/errors';
import {
	encodeId,
	heidiRequest,
	heidiStream,
	type CallInfo,
	type HeidiContext,
	type StreamResult,
} from './request';

/** Consult-note statuses that mean the note is still being written (only CREATED is documented, https://www.heidihealth.com/developers/heidi-api/sessions/overview). */
const IN_PROGRESS = /^(GENERATING|IN_PROGRESS|PENDING|PROCESSING|STREAMING|QUEUED|RUNNING)$/i;

/** Pauses (ms) before each read of the stored note; the last read comes ~2.5 s after the stream. */
const NOTE_READS_MS = [0, 250, 750, 1500];

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * `POST /sessions/{id}/consult-note`, verified. Heidi documents no end marker for the stream
 * (https://www.heidihealth.com/developers/heidi-api/consult-notes), so a connection cut between two fragments looks like a clean end: 19 characters of a
 * 772-character note once came back as a success. Unless a final marker arrived, the stored note
 * (`session.consult_note.result`) is read back and returned when it is complete: not still
 * generating, and the streamed text is its beginning. Otherwise the call fails with a transient
 * error; a partial note is never returned.
 */
export async function generateConsultNote(
	context: HeidiContext,
	sessionId: string,
	body: IDataObject,
	itemIndex?: number,
): Promise<string> {
	const info: CallInfo = { operation: 'GenerateConsultNote', itemIndex };
	const path = `/sessions/${encodeId(sessionId)}/consult-note`;
	// Generating again only replaces the note, so a generation that failed before streaming is retried.
	const streamed = await heidiStream(
		context,
		{ method: 'POST', path, body, idempotent: true },
		info,
		{ keepBroken: true },
	);
	if (streamed.finished && !streamed.broken) return streamed.text;
	return await verifiedNote(context, sessionId, streamed, info);
}

/** The stored note once it is complete and matches what was streamed; a transient error otherwise. */
export async function verifiedNote(
	context: HeidiContext,
	sessionId: string,
	streamed: StreamResult,
	info: CallInfo,
): Promise<string> {
	let status = 'unknown';
	for (const pause of NOTE_READS_MS) {
		if (pause) await sleep(pause);
		const response = await heidiRequest<IDataObject>(
			context,
			{ method: 'GET', path: `/sessions/${encodeId(sessionId)}` },
			info,
		);
		const note = (((response.session as IDataObject | undefined) ?? response).consult_note ??
			{}) as IDataObject;
		status = typeof note.status === 'string' ? note.status : 'none';
		const result = typeof note.result === 'string' ? note.result : '';
		if (
			result.trim() &&
			!IN_PROGRESS.test(status) &&
			squash(result).startsWith(squash(streamed.text))
		)
			return result;
	}
	const error = vendorError(
		context.getNode(),
		{ operation: info.operation, code: 'IncompleteBody' },
		{ itemIndex: info.itemIndex },
	);
	error.message = `${info.operation} failed: the note did not arrive complete`;
	error.description = [
		`Heidi's answer ${streamed.broken ? 'broke off' : 'ended without finishing'} after ${streamed.text.length} characters, and the note stored in the session is not complete (status: ${status}).`,
		'No partial note was returned. Run the node again, or read the note later with Consult Note → Get.',
	].join('\n');
	throw error;
}
