/**
 * A vocabulary filter's words (Create and Update): typed, from a TXT/CSV binary (one word per line,
 * first column in CSV), or a file already in S3. Transcribe's rules, checked before the call: single
 * words of the en-US character set, at most 256 characters each, 50 KB in all.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import {
	MEDIA_URI_MAX,
	MEDIA_URI_PATTERN,
	ROLE_ARN_MAX,
	ROLE_ARN_MIN,
	ROLE_ARN_PATTERN,
} from '../../model';
import { MAX_PHRASE_CHARS, MAX_VOCABULARY_BYTES } from '../vocabulary/table';
import { params } from '../../../common/params';
import { readWordFile } from '../wordFile';

const SOURCES = ['words', 'binary', 's3'] as const;
const WORD = /^[A-Za-z'.-]+$/;

export function wordsProperties(): INodeProperties[] {
	const when = (sources: string[]) => ({ show: { filterSource: sources } });
	return [
		{
			displayName: 'Words From',
			name: 'filterSource',
			type: 'options',
			options: [
				{
					name: 'Word List',
					value: 'words',
					description: 'Words typed here or mapped from the item',
				},
				{
					name: 'CSV or TXT File (Binary)',
					value: 'binary',
					description: 'One word per line (first column of a CSV)',
				},
				{
					name: 'File in S3',
					value: 's3',
					description: 'A text file of words already in S3, in the credential’s Region',
				},
			],
			default: 'words',
			description: 'Where the words to mask, remove or tag in transcripts come from',
		},
		{
			displayName: 'Words',
			name: 'filterWords',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			description: 'One word per line or comma-separated',
			displayOptions: when(['words']),
		},
		{
			displayName: 'Input Binary Field',
			name: 'filterBinaryProperty',
			type: 'string',
			required: true,
			default: 'data',
			description: 'Binary property holding the CSV or TXT file',
			displayOptions: when(['binary']),
		},
		{
			displayName: 'Vocabulary Filter File URI',
			name: 'filterFileUri',
			type: 'string',
			required: true,
			default: '',
			placeholder: 's3://my-bucket/filters/words.txt',
			description:
				'Where the word file is stored in Amazon S3 (s3://bucket/path; in the S3 console: select the file → Copy S3 URI)',
			displayOptions: when(['s3']),
		},
	];
}

const splitWords = (text: string, csv: boolean) =>
	text
		.replace(/^\uFEFF/, '')
		.split(csv ? /\r?\n/ : /\r?\n|,/)
		.map((line) => (csv ? line.split(',')[0] : line).replace(/^"|"$/g, '').trim())
		.filter(Boolean);

function checkWords(v: ItemValidator, field: string, words: string[]): void {
	if (words.length === 0) v.fail(field, 'it holds no words', 'Give at least one word.');
	words.forEach((word, index) => {
		const at = `${field} word ${index + 1}`;
		if (word.length > MAX_PHRASE_CHARS)
			v.fail(
				at,
				`it has ${word.length} characters`,
				`Use at most ${MAX_PHRASE_CHARS} characters per word.`,
			);
		if (/\s/.test(word))
			v.fail(
				at,
				'it contains a space',
				'A vocabulary filter holds single words: put each word on its own line.',
			);
		if (!WORD.test(word))
			v.fail(
				at,
				'it has characters outside the en-US character set',
				'Use letters, apostrophes, hyphens and periods only.',
			);
	});
	const bytes = Buffer.byteLength(words.join('\n'));
	if (bytes > MAX_VOCABULARY_BYTES)
		v.fail(
			field,
			`the word list is ${Math.ceil(bytes / 1024)} KB`,
			'Keep a vocabulary filter under 50 KB.',
		);
}

/** Words or a file URI for item `i`, checked; nothing is sent. */
export async function readWords(
	context: IExecuteFunctions,
	i: number,
): Promise<{ Words: string[] } | { VocabularyFilterFileUri: string }> {
	const v = new ItemValidator(context.getNode(), i);
	const source = params(context, i).options('filterSource', 'Words From', SOURCES, 'words');
	if (source === 's3') {
		const uri = params(context, i).string('filterFileUri', 'Vocabulary Filter File URI');
		v.required('Vocabulary Filter File URI', uri);
		v.length('Vocabulary Filter File URI', uri, 1, MEDIA_URI_MAX);
		v.pattern(
			'Vocabulary Filter File URI',
			uri,
			MEDIA_URI_PATTERN,
			'Use an S3 URI like s3://my-bucket/filters/words.txt.',
		);
		return { VocabularyFilterFileUri: uri };
	}
	if (source === 'words') {
		const words = splitWords(params(context, i).string('filterWords', 'Words'), false);
		checkWords(v, 'Words', words);
		return { Words: words };
	}
	const { text, csv } = await readWordFile(
		context,
		v,
		i,
		'filterBinaryProperty',
		'A vocabulary filter',
	);
	const words = splitWords(text, csv);
	checkWords(v, 'Input Binary Field', words);
	return { Words: words };
}

export function readFilterRole(
	context: IExecuteFunctions,
	i: number,
	options: IDataObject,
): string | undefined {
	const role = params(context, i).text('Data Access Role ARN', options.dataAccessRoleArn);
	if (!role) return undefined;
	const v = new ItemValidator(context.getNode(), i);
	v.length('Data Access Role ARN', role, ROLE_ARN_MIN, ROLE_ARN_MAX);
	v.pattern(
		'Data Access Role ARN',
		role,
		ROLE_ARN_PATTERN,
		'Use an IAM role ARN like arn:aws:iam::123456789012:role/TranscribeFilterAccess.',
	);
	return role;
}

export const roleOption: INodeProperties = {
	displayName: 'Data Access Role ARN',
	name: 'dataAccessRoleArn',
	type: 'string',
	default: '',
	description:
		'A role Transcribe assumes to read the word file in S3 (otherwise your own access is used)',
};
