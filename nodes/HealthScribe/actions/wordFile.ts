import type { IExecuteFunctions } from 'n8n-workflow';
import { inputBinary } from '../../common/binary';
import { params } from '../../common/params';
import type { ItemValidator } from '../../common/validate';

/**
 * A vocabulary or vocabulary filter uploaded as a file: its text, and whether it is CSV (by MIME
 * type or extension). Files over 1 MB are refused before they are read (either list is at most 50 KB).
 */
export async function readWordFile(
	context: IExecuteFunctions,
	v: ItemValidator,
	i: number,
	parameter: string,
	what: 'A vocabulary' | 'A vocabulary filter',
): Promise<{ text: string; csv: boolean }> {
	const property = params(context, i).string(parameter, 'Input Binary Field');
	v.required('Input Binary Field', property);
	const meta = inputBinary(context, v, i, property, 'the file');
	if (typeof meta.bytes === 'number' && meta.bytes > 1024 * 1024)
		v.fail(
			'Input Binary Field',
			'the file is larger than 1 MB',
			`${what} is at most 50 KB; use a smaller file.`,
		);
	const csv = /csv/i.test(meta.mimeType ?? '') || /\.csv$/i.test(meta.fileName ?? '');
	const body = await context.helpers.getBinaryDataBuffer(i, property);
	return { text: body.toString('utf8'), csv };
}
