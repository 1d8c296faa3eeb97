import type { Readable } from 'node:stream';
import type { IExecuteFunctions } from 'n8n-workflow';
import { awsApiError } from '../aws/calls';
import { streamObjectBody } from '../aws/integrity';
import { parseS3Uri, s3Client } from '../aws/s3';
import { inputBinary } from '../binary';
import { raise } from '../errors';
import type { ItemValidator } from '../validate';
import { AudioFormatError, ByteReader } from './recording';

/** Bytes read from n8n's binary store per read: the recording never sits in memory whole. */
export const READ_CHUNK_BYTES = 64 * 1024;

export interface RecordingSource {
	reader: ByteReader;
	/** Size of the whole file, when known (FLAC progress). */
	fileBytes?: number;
	/** What the user named, for errors: `binary property "data"` or `the S3 object`. */
	label: string;
}

async function* ofBuffer(buffer: Buffer): AsyncGenerator<Buffer> {
	for (let offset = 0; offset < buffer.length; offset += READ_CHUNK_BYTES)
		yield buffer.subarray(offset, offset + READ_CHUNK_BYTES);
}

/**
 * The recording of a binary property. With n8n's filesystem (or S3) binary mode it is streamed
 * from the store by its id; in the default memory mode the item already holds it, and it is only
 * sliced, never copied whole again.
 */
export async function binaryRecording(
	context: IExecuteFunctions,
	v: ItemValidator,
	i: number,
	property: string,
): Promise<RecordingSource> {
	v.required(
		'Input Binary Field',
		property,
		'Enter the name of the binary property that holds the recording (often "data").',
	);
	const meta = inputBinary(context, v, i, property, 'the recording');
	const label = `binary property "${property}"`;
	if (meta.id) {
		const [stream, metadata] = await Promise.all([
			context.helpers.getBinaryStream(meta.id, READ_CHUNK_BYTES),
			context.helpers.getBinaryMetadata(meta.id),
		]);
		return {
			reader: new ByteReader(stream as Readable & AsyncIterable<Buffer>),
			fileBytes: metadata.fileSize,
			label,
		};
	}
	const buffer = await context.helpers.getBinaryDataBuffer(i, property);
	return { reader: new ByteReader(ofBuffer(buffer)), fileBytes: buffer.length, label };
}

/** The recording at an S3 URI, streamed from S3 with the credential's S3 settings. */
export async function s3Recording(
	context: IExecuteFunctions,
	v: ItemValidator,
	uri: string,
): Promise<RecordingSource> {
	v.required(
		'Audio S3 URI',
		uri,
		'Enter the S3 URI of the recording, e.g. s3://recordings/2026/11/30/visit.wav.',
	);
	const location = parseS3Uri(uri);
	if (!location)
		return v.fail(
			'Audio S3 URI',
			'it is not an S3 object URI',
			'Use s3://bucket/key of one recording (WAV or FLAC).',
		);
	const client = await s3Client(context);
	const { GetObjectCommand } = await import('@aws-sdk/client-s3');
	const response = await client.send(
		// Verified as it streams, never read whole: memory stays at a few chunks for any length.
		streamObjectBody(new GetObjectCommand({ Bucket: location.bucket, Key: location.key })),
	);
	const body = response.Body as unknown as AsyncIterable<Uint8Array>;
	return {
		reader: new ByteReader(body),
		fileBytes: response.ContentLength,
		label: 'the S3 object',
	};
}

/** Where the user put the recording: a binary property of the item, or an S3 object. */
export type RecordingChoice =
	| { audioSource: 'binary'; binaryPropertyName: string }
	| { audioSource: 's3'; audioS3Uri: string };

/** Opens the chosen recording; a failed S3 read is reported as GetObject. */
export async function openRecordingSource(
	context: IExecuteFunctions,
	v: ItemValidator,
	i: number,
	choice: RecordingChoice,
): Promise<RecordingSource> {
	if (choice.audioSource === 'binary')
		return await binaryRecording(context, v, i, choice.binaryPropertyName);
	try {
		return await s3Recording(context, v, choice.audioS3Uri);
	} catch (error) {
		if ((error as { context?: unknown }).context) raise(error);
		throw await awsApiError(context, 'GetObject', error, i);
	}
}

/**
 * Runs `read` on the opened recording (its header and what depends on it). On any failure the
 * source is closed, and a recording the service cannot take fails naming the audio it came from.
 */
export async function readRecording<T>(
	v: ItemValidator,
	source: RecordingSource,
	read: (reader: ByteReader) => Promise<T>,
): Promise<T> {
	try {
		return await read(source.reader);
	} catch (error) {
		await source.reader.close();
		if (error instanceof AudioFormatError)
			return v.fail(`Audio (${source.label})`, error.problem, error.fix);
		raise(error);
	}
}
