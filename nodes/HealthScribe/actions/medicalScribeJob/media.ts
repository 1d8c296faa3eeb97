import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { callAws } from '../../../common/aws/calls';
import { inputBinary } from '../../../common/binary';
import { putS3Object } from '../../../common/aws/s3';
import type { ParamReader } from '../../../common/params';
import type { ItemValidator } from '../../../common/validate';

/** Audio containers Transcribe batch reads (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html), by MIME type → file extension. */
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

/** Transcribe's batch limit is 2 GB (https://docs.aws.amazon.com/transcribe/latest/dg/how-input.html; not stated for HealthScribe). */
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
	const extension = (
		meta.fileExtension ??
		/\.([A-Za-z0-9]+)$/.exec(meta.fileName ?? '')?.[1] ??
		''
	).toLowerCase();
	if (GENERIC_TYPES.has(mime) && EXTENSION_TYPES[extension])
		return { contentType: EXTENSION_TYPES[extension], extension };
	return v.fail(
		field,
		`the file is not audio HealthScribe accepts (type ${mime || 'unknown'})`,
		AUDIO_FIX,
	);
}

export function checkAudioSize(v: ItemValidator, field: string, bytes: number): void {
	if (bytes === 0)
		v.fail(
			field,
			'the file is empty',
			'Pass the recording’s bytes, e.g. from a Read Binary File or HTTP Request node.',
		);
	if (bytes > MAX_MEDIA_BYTES)
		v.fail(
			field,
			`the file has ${bytes} bytes`,
			'Use a recording of at most 2 GB (split longer recordings).',
		);
}

/** A content-addressed key: the same recording always lands on the same key (and so gets the same derived job name). */
export function uploadKey(prefix: string, body: Buffer, extension: string): string {
	return keyForDigest(prefix, createHash('sha256').update(body).digest('hex'), extension);
}

export function keyForDigest(prefix: string, sha256Hex: string, extension: string): string {
	const folder = prefix.trim().replace(/^\/+/, '');
	return `${folder && !folder.endsWith('/') ? `${folder}/` : folder}${sha256Hex}.${extension}`;
}

/** A recording that can be read again from its start (once to hash it, once per upload attempt). */
export interface MediaSource {
	/** Bytes counted while hashing. */
	length: number;
	sha256: string;
	open(): Promise<Readable>;
}

/**
 * The binary as a re-openable stream: with n8n's filesystem/S3 binary mode (`meta.id`) it is read
 * through the binary stream helpers and never held in memory whole; in memory mode the item
 * already holds the bytes. One pass hashes and counts it.
 */
export async function openBinaryMedia(
	context: IExecuteFunctions,
	itemIndex: number,
	property: string,
	meta: IBinaryData,
): Promise<MediaSource> {
	const id = meta.id;
	const open = id
		? async () => await context.helpers.getBinaryStream(id)
		: await (async () => {
				const bytes = await context.helpers.getBinaryDataBuffer(itemIndex, property);
				return async () => Readable.from([bytes]);
			})();
	const hash = createHash('sha256');
	let length = 0;
	for await (const chunk of await open()) {
		const bytes = chunk as Buffer;
		hash.update(bytes);
		length += bytes.length;
	}
	return { length, sha256: hash.digest('hex'), open };
}

/** The recording to upload, checked locally; nothing is sent yet. */
export interface PendingUpload {
	bucket: string;
	key: string;
	source: MediaSource;
	contentType: string;
}

export async function readBinaryMedia(
	context: IExecuteFunctions,
	v: ParamReader,
	i: number,
): Promise<PendingUpload> {
	const property = v.string('binaryPropertyName', 'Input Binary Field', { required: true });
	const bucket = v.bucket('Upload Bucket', v.raw('uploadBucket'));
	const prefix = v.string('uploadKeyPrefix', 'Upload Key Prefix');
	const meta = inputBinary(context, v, i, property, 'the recording');
	const audio = checkAudioType(v, 'Input Binary Field', meta);
	if (typeof meta.bytes === 'number') checkAudioSize(v, 'Input Binary Field', meta.bytes);
	const source = await openBinaryMedia(context, i, property, meta);
	checkAudioSize(v, 'Input Binary Field', source.length);
	const key = keyForDigest(prefix, source.sha256, audio.extension);
	if (Buffer.byteLength(key) > 1024)
		v.fail(
			'Upload Key Prefix',
			'the resulting object key is longer than 1024 bytes',
			'Use a shorter prefix.',
		);
	return { bucket, key, source, contentType: audio.contentType };
}

/** Puts the recording where the job reads it (the key is its digest, so a re-run writes the same object). */
export async function uploadMedia(
	context: IExecuteFunctions,
	upload: PendingUpload,
	i: number,
): Promise<void> {
	await callAws(
		context,
		'PutObject',
		async () =>
			await putS3Object(
				context,
				{ bucket: upload.bucket, key: upload.key },
				upload.source,
				upload.contentType,
			),
		i,
	);
}
