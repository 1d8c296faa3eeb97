import { randomBytes } from 'node:crypto';

export interface MultipartFile {
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
}

/** A file before it is given a form field name. */
export type FilePayload = Omit<MultipartFile, 'field'>;

export interface MultipartBody {
	body: Buffer;
	contentType: string;
}

/** Header parameter values are quoted; quotes and line breaks in a file name would break the part. */
const quoted = (value: string) => `"${value.replace(/[\r\n"\\]/g, '_')}"`;

/** A multipart/form-data body (RFC 7578) with text fields first, then files. */
export function multipartBody(
	fields: Record<string, string | undefined>,
	files: MultipartFile[],
): MultipartBody {
	const boundary = `----n8nHeidi${randomBytes(12).toString('hex')}`;
	const chunks: Buffer[] = [];
	for (const [name, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		chunks.push(
			Buffer.from(
				`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`,
				'utf8',
			),
		);
	}
	for (const file of files) {
		const head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(file.field)}; filename=${quoted(file.fileName)}\r\nContent-Type: ${file.contentType}\r\n\r\n`;
		chunks.push(Buffer.from(head, 'utf8'), file.data, Buffer.from('\r\n'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
