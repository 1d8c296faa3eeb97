/** Request-body parsing shared by the request log and the emulators. */
import busboy from 'busboy';

export interface MultipartFile {
	field: string;
	filename: string;
	mimeType: string;
	data: Buffer;
}

export interface MultipartBody {
	fields: Record<string, string>;
	files: MultipartFile[];
}

/** Parses a complete multipart/form-data body. Rejects when the body or its boundary is invalid. */
export function parseMultipart(
	headers: Record<string, string>,
	body: Buffer,
): Promise<MultipartBody> {
	return new Promise((resolve, reject) => {
		const result: MultipartBody = { fields: {}, files: [] };
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers: { 'content-type': headers['content-type'] } });
		} catch (e) {
			reject(e);
			return;
		}
		parser.on('field', (name, value) => {
			result.fields[name] = value;
		});
		parser.on('file', (field, stream, info) => {
			const parts: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => parts.push(chunk));
			stream.on('end', () =>
				result.files.push({
					field,
					filename: info.filename ?? '',
					mimeType: info.mimeType,
					data: Buffer.concat(parts),
				}),
			);
		});
		parser.on('close', () => resolve(result));
		parser.on('error', reject);
		parser.end(body);
	});
}

function mediaType(headers: Record<string, string>): string {
	return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** JSON object when the body is JSON, else undefined (also for invalid JSON). */
export function parseJsonBody(body: Buffer): unknown {
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		return undefined;
	}
}

/** A loggable summary of a body: parsed JSON, form fields, multipart fields with file sizes, else its size. */
export async function describeBody(
	headers: Record<string, string>,
	body: Buffer,
): Promise<unknown> {
	if (body.length === 0) return undefined;
	const type = mediaType(headers);
	if (type === 'application/x-www-form-urlencoded')
		return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
	if (type === 'multipart/form-data') {
		try {
			const { fields, files } = await parseMultipart(headers, body);
			return {
				fields,
				files: files.map((f) => ({
					field: f.field,
					filename: f.filename,
					mimeType: f.mimeType,
					size: f.data.length,
				})),
			};
		} catch {
			return { bytes: body.length };
		}
	}
	if (type.includes('json') || body[0] === 0x7b || body[0] === 0x5b) {
		const json = parseJsonBody(body);
		if (json !== undefined) return json;
	}
	return { bytes: body.length };
}
