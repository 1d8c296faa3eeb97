import busboy from 'busboy';
import type { SandboxRequest } from '../core/types';
import { ServiceError } from './wire';

export interface FilePart {
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

export interface Form {
	files: FilePart[];
	fields: Record<string, string>;
}

const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * A multipart/form-data body. A request that is not multipart reads as an empty form, so the
 * route reports its missing fields the way FastAPI does (422 `missing`).
 */
export function readForm(req: SandboxRequest): Promise<Form> {
	const contentType = req.headers['content-type'] ?? '';
	if (!/^multipart\/form-data/i.test(contentType))
		return Promise.resolve({ files: [], fields: {} });
	return new Promise((resolve, reject) => {
		const form: Form = { files: [], fields: {} };
		// Starlette's wording for a body it cannot parse.
		const malformed = () =>
			new ServiceError(400, 'MalformedMultipartError', 'There was an error parsing the body');
		let parser: busboy.Busboy;
		try {
			parser = busboy({
				headers: { 'content-type': contentType },
				limits: { fileSize: MAX_FILE_BYTES },
			});
		} catch {
			reject(malformed());
			return;
		}
		parser.on('file', (field, stream, info) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('limit', () =>
				reject(new ServiceError(413, 'FileTooLargeError', 'File is too large')),
			);
			stream.on('end', () =>
				form.files.push({
					field,
					fileName: info.filename ?? '',
					contentType: info.mimeType,
					data: Buffer.concat(chunks),
				}),
			);
		});
		parser.on('field', (name, value) => {
			form.fields[name] = value;
		});
		parser.on('error', () => reject(malformed()));
		parser.on('close', () => resolve(form));
		parser.end(req.body);
	});
}
