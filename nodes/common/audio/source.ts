import type { Readable } from 'node:stream';
import type { IExecuteFunctions } from 'n8n-workflow';
import { parseS3Uri } from '../aws/s3';
import { s3Client } from '../aws/s3';
import type { ItemValidator } from '../validate';
import { ByteReader } from './recording';

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
	const meta = context.getInputData()[i].binary?.[property];
	if (!meta)
		return v.fail(
			'Input Binary Field',
			'the input item has no binary property of that name',
			'Check the name of the binary property that holds the recording.',
		);
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
		new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
	);
	const body = response.Body as unknown as AsyncIterable<Uint8Array>;
	return {
		reader: new ByteReader(body),
		fileBytes: response.ContentLength,
		label: 'the S3 object',
	};
}
