/**
 * Where a vocabulary's entries come from (Create and Update): a phrase list, a table in an item field,
 * a CSV/TXT binary, or a file already in S3. Entries are checked here; a plain phrase list of a custom
 * vocabulary goes in the request (Phrases), anything else is written as a table file to S3 first,
 * because tables (and every medical vocabulary) are only accepted as a file (VocabularyFileUri).
 */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import {
	MEDIA_URI_MAX,
	MEDIA_URI_PATTERN,
	ROLE_ARN_MAX,
	ROLE_ARN_MIN,
	ROLE_ARN_PATTERN,
} from '../../model';
import type { VocabularyKind } from '../../transport/vocabularies';
import { checkBucket } from '../medicalScribeJob/startRequest';
import {
	checkRows,
	checkSize,
	phrasesOnly,
	phrasesFromText,
	renderTable,
	rowsFromFile,
	rowsFromList,
	type VocabularyRow,
} from './table';
import { params } from '../../../common/params';
import { readPath } from '../medicalScribeJob/jobName';
import { readWordFile } from '../wordFile';

const SOURCES = ['phrases', 'table', 'binary', 's3'] as const;
type Source = (typeof SOURCES)[number];

/** Source fields of Create and Update. */
export function contentProperties(): INodeProperties[] {
	const when = (sources: Source[]) => ({ show: { vocabularySource: sources } });
	return [
		{
			displayName: 'Entries From',
			name: 'vocabularySource',
			type: 'options',
			options: [
				{
					name: 'Phrase List',
					value: 'phrases',
					description:
						'Phrases typed here or mapped from the item, one per line or comma-separated',
				},
				{
					name: 'Table in Item Field',
					value: 'table',
					description:
						'Rows with Phrase, IPA, Sounds Like and Display As columns, e.g. a sheet gathered by an Aggregate node',
				},
				{
					name: 'CSV or TXT File (Binary)',
					value: 'binary',
					description: 'A table with a header row, or one phrase per line',
				},
				{
					name: 'File in S3',
					value: 's3',
					description: 'A vocabulary file already in S3, in the credential’s Region',
				},
			],
			default: 'phrases',
			description:
				'Where the vocabulary’s words come from: drug, clinician and clinic names that HealthScribe should spell right',
		},
		{
			displayName: 'Phrases',
			name: 'vocabularyPhrases',
			type: 'string',
			typeOptions: { rows: 4 },
			required: true,
			default: '',
			placeholder: 'Amoxicillin\nMetoprolol\nDr.-Okafor',
			description:
				'One phrase per line or comma-separated; join the words of a phrase with hyphens (Los-Angeles)',
			displayOptions: when(['phrases']),
		},
		{
			displayName: 'Table Field',
			name: 'vocabularyTableField',
			type: 'string',
			required: true,
			default: 'data',
			description:
				'Item field (dot paths allowed) holding the list of rows; columns Phrase (required), IPA, Sounds Like, Display As',
			displayOptions: when(['table']),
		},
		{
			displayName: 'Input Binary Field',
			name: 'vocabularyBinaryProperty',
			type: 'string',
			required: true,
			default: 'data',
			description: 'Binary property holding the CSV or TXT file',
			displayOptions: when(['binary']),
		},
		{
			displayName: 'Vocabulary File URI',
			name: 'vocabularyFileUri',
			type: 'string',
			required: true,
			default: '',
			placeholder: 's3://my-bucket/vocabularies/cardiology.txt',
			description:
				'Where the vocabulary file is stored in Amazon S3 (s3://bucket/path; in the S3 console: select the file → Copy S3 URI)',
			displayOptions: when(['s3']),
		},
		{
			displayName: 'Upload Bucket',
			name: 'vocabularyUploadBucket',
			type: 'string',
			default: '',
			placeholder: 'my-scribe-config',
			description:
				'Bucket (no s3://) for the table file; needed for tables, files and every medical vocabulary (plain phrase lists of a custom vocabulary are sent in the request)',
			displayOptions: when(['phrases', 'table', 'binary']),
		},
		{
			displayName: 'Upload Key Prefix',
			name: 'vocabularyUploadKeyPrefix',
			type: 'string',
			default: 'healthscribe/vocabularies/',
			description: 'Folder in the upload bucket for the vocabulary file',
			displayOptions: when(['phrases', 'table', 'binary']),
		},
	];
}

/** What to send: Phrases, or a file URI (after the pending upload, if any). */
export interface VocabularyContent {
	phrases?: string[];
	fileUri?: string;
	upload?: { bucket: string; key: string; body: Buffer };
	entryCount?: number;
}

async function readRows(
	context: IExecuteFunctions,
	i: number,
	v: ItemValidator,
	source: Exclude<Source, 's3'>,
): Promise<{ rows: VocabularyRow[]; field: string }> {
	if (source === 'phrases')
		return {
			rows: phrasesFromText(params(context, i).string('vocabularyPhrases', 'Phrases')),
			field: 'Phrases',
		};
	if (source === 'table') {
		const path = params(context, i).string('vocabularyTableField', 'Table Field');
		v.required('Table Field', path);
		return {
			rows: rowsFromList(v, 'Table Field', readPath(context.getInputData()[i].json, path)),
			field: 'Table Field',
		};
	}
	const { text, csv } = await readWordFile(
		context,
		v,
		i,
		'vocabularyBinaryProperty',
		'A vocabulary',
	);
	return { rows: rowsFromFile(text, csv), field: 'Input Binary Field' };
}

/** Reads, checks and prepares item `i`'s entries; nothing is sent yet. */
export async function readContent(
	context: IExecuteFunctions,
	i: number,
	kind: VocabularyKind,
	name: string,
): Promise<VocabularyContent> {
	const v = new ItemValidator(context.getNode(), i);
	const source = params(context, i).options('vocabularySource', 'Entries From', SOURCES, 'phrases');
	if (source === 's3') {
		const fileUri = params(context, i).string('vocabularyFileUri', 'Vocabulary File URI');
		v.required('Vocabulary File URI', fileUri);
		v.length('Vocabulary File URI', fileUri, 1, MEDIA_URI_MAX);
		v.pattern(
			'Vocabulary File URI',
			fileUri,
			MEDIA_URI_PATTERN,
			'Use an S3 URI like s3://my-bucket/vocabularies/cardiology.txt.',
		);
		return { fileUri };
	}
	const { rows, field } = await readRows(context, i, v, source);
	checkRows(v, field, rows);
	if (kind === 'standard' && phrasesOnly(rows)) {
		const phrases = rows.map((row) => row.phrase);
		checkSize(v, field, phrases.join('\n'));
		return { phrases, entryCount: rows.length };
	}
	const table = renderTable(rows);
	checkSize(v, field, table);
	const bucket = params(context, i).string('vocabularyUploadBucket', 'Upload Bucket');
	checkBucket(v, 'Upload Bucket', bucket);
	const prefix = params(context, i).string('vocabularyUploadKeyPrefix', 'Upload Key Prefix');
	const body = Buffer.from(table, 'utf8');
	// Named after the vocabulary and its content: the same table is stored once.
	const key = `${prefix}${prefix && !prefix.endsWith('/') ? '/' : ''}${name}-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.txt`;
	if (Buffer.byteLength(key) > 1024)
		v.fail(
			'Upload Key Prefix',
			'the resulting object key is longer than 1024 bytes',
			'Use a shorter prefix.',
		);
	return {
		fileUri: `s3://${bucket}/${key}`,
		upload: { bucket, key, body },
		entryCount: rows.length,
	};
}

/** The optional data access role (custom vocabularies only: the role Transcribe uses to read the file). */
export function readDataAccessRole(
	context: IExecuteFunctions,
	i: number,
	kind: VocabularyKind,
	options: IDataObject,
): string | undefined {
	const role = params(context, i).text('Data Access Role ARN', options.dataAccessRoleArn);
	if (!role) return undefined;
	const v = new ItemValidator(context.getNode(), i);
	if (kind === 'medical')
		v.fail(
			'Data Access Role ARN',
			'custom medical vocabularies take no role',
			'Remove the role, or choose Custom Vocabulary as the type.',
		);
	v.length('Data Access Role ARN', role, ROLE_ARN_MIN, ROLE_ARN_MAX);
	v.pattern(
		'Data Access Role ARN',
		role,
		ROLE_ARN_PATTERN,
		'Use an IAM role ARN like arn:aws:iam::123456789012:role/TranscribeVocabularyAccess.',
	);
	return role;
}
