import { createHash } from 'node:crypto';
import type { IBinaryData } from 'n8n-workflow';
import type { ItemValidator } from '../../../common/validate';

/** Audio containers Transcribe batch reads (fact sheet §4), by MIME type → file extension. */
const AUDIO_TYPES: Record<string, string> = {
	'audio/flac': 'flac',
	'audio/x-flac': 'flac',
	'audio/wav': 'wav',
	'audio/x-wav': 'wav',
	'audio/wave': 'wav',
	'audio/vnd.wave': 'wav',
	'audio/mpeg': 'mp3',
	'audio/mp3': 'mp3',
	'audio/mp4': 'm4a',
	'audio/x-m4a': 'm4a',
	'audio/m4a': 'm4a',
	'video/mp4': 'mp4',
	'audio/ogg': 'ogg',
	'audio/opus': 'ogg',
	'application/ogg': 'ogg',
	'audio/webm': 'webm',
	'video/webm': 'webm',
	'audio/amr': 'amr',
};

/** Extension → the MIME type we upload with, for files whose type n8n could not tell. */
const EXTENSION_TYPES: Record<string, string> = {
	flac: 'audio/flac',
	wav: 'audio/wav',
	mp3: 'audio/mpeg',
	m4a: 'audio/mp4',
	mp4: 'video/mp4',
	ogg: 'audio/ogg',
	opus: 'audio/ogg',
	webm: 'audio/webm',
	amr: 'audio/amr',
};

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Transcribe's batch limit is 2 GB (fact sheet §4, unconfirmed for HealthScribe). */
export const MAX_MEDIA_BYTES = 2 * 1024 ** 3;

const AUDIO_FIX = 'Use FLAC, WAV (PCM 16-bit), MP3, MP4/M4A, Ogg, WebM or AMR audio.';

export interface CheckedAudio {
	contentType: string;
	extension: string;
}

/** Works out what audio the binary holds from its MIME type, or from its file name when the type is generic. */
export function checkAudioType(v: ItemValidator, field: string, meta: IBinaryData): CheckedAudio {
	const mime = (meta.mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (AUDIO_TYPES[mime]) return { contentType: mime, extension: AUDIO_TYPES[mime] };
	const extension = (meta.fileExtension ?? /\.([A-Za-z0-9]+)$/.exec(meta.fileName ?? '')?.[1] ?? '').toLowerCase();
	if (GENERIC_TYPES.has(mime) && EXTENSION_TYPES[extension]) return { contentType: EXTENSION_TYPES[extension], extension };
	return v.fail(field, `the file is not audio HealthScribe accepts (type ${mime || 'unknown'})`, AUDIO_FIX);
}

export function checkAudioSize(v: ItemValidator, field: string, bytes: number): void {
	if (bytes === 0) v.fail(field, 'the file is empty', 'Pass the recording’s bytes, e.g. from a Read Binary File or HTTP Request node.');
	if (bytes > MAX_MEDIA_BYTES) v.fail(field, `the file has ${bytes} bytes`, 'Use a recording of at most 2 GB (split longer recordings).');
}

/** A content-addressed key: the same recording always lands on the same key (and so gets the same derived job name). */
export function uploadKey(prefix: string, body: Buffer, extension: string): string {
	const folder = prefix.trim().replace(/^\/+/, '');
	const digest = createHash('sha256').update(body).digest('hex');
	return `${folder && !folder.endsWith('/') ? `${folder}/` : folder}${digest}.${extension}`;
}
