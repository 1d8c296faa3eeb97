import type { IExecuteFunctions } from 'n8n-workflow';
import { ParamReader } from '../../common/params';
import { ItemValidator } from '../../common/validate';
import type { FilePayload } from '../transport/multipart';

const AUDIO_TYPES: Record<string, string> = {
	mp3: 'audio/mpeg',
	mpeg: 'audio/mpeg',
	ogg: 'audio/ogg',
	oga: 'audio/ogg',
	opus: 'audio/opus',
	wav: 'audio/wav',
	m4a: 'audio/mp4',
	mp4: 'audio/mp4',
	aac: 'audio/aac',
	flac: 'audio/flac',
	webm: 'audio/webm',
	amr: 'audio/amr',
};

const extension = (fileName: string) => /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1].toLowerCase() ?? '';

/** An audio MIME type: the binary's own when it is audio, else one from the file extension. */
export function audioType(mimeType: string, fileName: string): string | undefined {
	if (/^audio\//i.test(mimeType)) return mimeType;
	return AUDIO_TYPES[extension(fileName)];
}

/** The file in an input binary field, with an optional file name override. */
export async function readBinaryFile(
	context: IExecuteFunctions,
	itemIndex: number,
	fileNameOverride?: string,
): Promise<FilePayload> {
	const property = new ParamReader(context, itemIndex).string(
		'binaryPropertyName',
		'Input Binary Field',
		{ required: true },
	);
	const meta = context.helpers.assertBinaryData(itemIndex, property);
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, property);
	const fileName =
		fileNameOverride?.trim() ||
		meta.fileName ||
		`${property}${meta.fileExtension ? `.${meta.fileExtension}` : ''}`;
	return { data, fileName, contentType: meta.mimeType || 'application/octet-stream' };
}

/** An audio file: refused locally when neither its type nor its extension says audio (Heidi wants `audio/*`). */
export async function readAudioFile(
	context: IExecuteFunctions,
	itemIndex: number,
	fileNameOverride?: string,
	required = true,
): Promise<FilePayload> {
	const file = await readBinaryFile(context, itemIndex, fileNameOverride);
	const type = audioType(file.contentType, file.fileName);
	if (!type && required) {
		new ItemValidator(context.getNode(), itemIndex).fail(
			'Input Binary Field',
			'the file is not audio',
			'Pass an audio file (.mp3 and .ogg give the best results), or set its MIME type to audio/… before this node.',
		);
	}
	if (file.data.length === 0)
		new ItemValidator(context.getNode(), itemIndex).fail(
			'Input Binary Field',
			'the file is empty',
			'Pass a file with audio in it.',
		);
	return { ...file, contentType: type ?? 'application/octet-stream' };
}

const CONTEXT_EXTENSIONS = ['pdf', 'jpg', 'png', 'docx', 'doc'];

/** A context document: Heidi accepts .pdf, .jpg, .png, .docx and .doc (https://www.heidihealth.com/developers/heidi-api/sessions/context). */
export async function readContextFile(
	context: IExecuteFunctions,
	itemIndex: number,
	fileNameOverride?: string,
): Promise<FilePayload> {
	const file = await readBinaryFile(context, itemIndex, fileNameOverride);
	let fileName = file.fileName;
	if (extension(fileName) === 'jpeg') fileName = fileName.replace(/\.jpeg$/i, '.jpg');
	if (!CONTEXT_EXTENSIONS.includes(extension(fileName))) {
		new ItemValidator(context.getNode(), itemIndex).fail(
			'Input Binary Field',
			'the file type is not accepted',
			`Heidi accepts ${CONTEXT_EXTENSIONS.map((e) => `.${e}`).join(', ')} files: convert the file, or set File Name with the right extension.`,
		);
	}
	return { ...file, fileName };
}
