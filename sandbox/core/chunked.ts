/** Decoder for S3's `aws-chunked` content encoding (signed or unsigned chunks, optional trailers). */

export interface ChunkVerifier {
	/** Signature the first chunk chains from (the request signature). */
	seed: string;
	chunk(previous: string, data: Buffer): string;
	trailer(previous: string, canonicalTrailers: string): string;
}

export interface DecodedChunks {
	data: Buffer;
	/** Lower-cased trailer headers, e.g. `x-amz-checksum-crc32`. */
	trailers: Record<string, string>;
}

export type ChunkFailure = 'malformed' | 'signature';

export class ChunkedBodyError extends Error {
	constructor(
		readonly reason: ChunkFailure,
		message: string,
	) {
		super(message);
	}
}

const CRLF = Buffer.from('\r\n');

function readLine(body: Buffer, pos: number): { line: string; next: number } | undefined {
	const end = body.indexOf(CRLF, pos);
	if (end < 0)
		return pos < body.length
			? { line: body.subarray(pos).toString('latin1'), next: body.length }
			: undefined;
	return { line: body.subarray(pos, end).toString('latin1'), next: end + 2 };
}

/** Decodes the whole body; with a verifier every chunk signature (and the trailer signature) is checked. */
export function decodeAwsChunked(body: Buffer, verifier?: ChunkVerifier): DecodedChunks {
	const parts: Buffer[] = [];
	const trailers: Record<string, string> = {};
	let previous = verifier?.seed ?? '';
	let pos = 0;
	for (;;) {
		const header = readLine(body, pos);
		if (!header)
			throw new ChunkedBodyError('malformed', 'aws-chunked body ended before the final chunk');
		const [sizeHex, ...extensions] = header.line.split(';');
		const size = Number.parseInt(sizeHex, 16);
		if (!/^[0-9a-fA-F]+$/.test(sizeHex) || Number.isNaN(size))
			throw new ChunkedBodyError('malformed', 'invalid aws-chunked chunk size');
		pos = header.next;
		const data = body.subarray(pos, pos + size);
		if (data.length !== size)
			throw new ChunkedBodyError('malformed', 'aws-chunked chunk shorter than its declared size');
		if (verifier) {
			const given = extensions
				.find((e) => e.startsWith('chunk-signature='))
				?.slice('chunk-signature='.length);
			const expected = verifier.chunk(previous, data);
			if (given !== expected)
				throw new ChunkedBodyError('signature', 'chunk signature does not match');
			previous = expected;
		}
		if (size === 0) break;
		parts.push(data);
		pos += size;
		if (!body.subarray(pos, pos + 2).equals(CRLF))
			throw new ChunkedBodyError('malformed', 'aws-chunked chunk not followed by CRLF');
		pos += 2;
	}
	let trailerSignature: string | undefined;
	let canonicalTrailers = '';
	for (;;) {
		const line = readLine(body, pos);
		if (!line || line.line === '') break;
		pos = line.next;
		const colon = line.line.indexOf(':');
		if (colon <= 0) throw new ChunkedBodyError('malformed', 'invalid aws-chunked trailer');
		const name = line.line.slice(0, colon).trim().toLowerCase();
		const value = line.line.slice(colon + 1).trim();
		if (name === 'x-amz-trailer-signature') trailerSignature = value;
		else {
			trailers[name] = value;
			canonicalTrailers += `${name}:${value}\n`;
		}
	}
	if (
		verifier &&
		trailerSignature !== undefined &&
		trailerSignature !== verifier.trailer(previous, canonicalTrailers)
	) {
		throw new ChunkedBodyError('signature', 'trailer signature does not match');
	}
	return { data: Buffer.concat(parts), trailers };
}
