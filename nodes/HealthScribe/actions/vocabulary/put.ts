/** Create and Update: read and check everything, upload the table file if needed, call, optionally wait. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { bufferSource, putS3Object } from '../../../common/aws/s3';
import { callAws } from '../../../common/aws/calls';
import {
	putVocabulary,
	type VocabularyInput,
	type VocabularyKind,
} from '../../transport/vocabularies';
import { readTags } from '../tag/tags';
import { readContent, readDataAccessRole } from './content';
import { readKind, readVocabularyName } from './locator';
import { plainJson } from './output';
import { waitUntilReady } from './wait';
import { params } from '../../../common/params';
import { raise } from '../../../common/errors';

export async function putVocabularyItem(
	context: IExecuteFunctions,
	i: number,
	verb: 'Create' | 'Update',
): Promise<IDataObject> {
	const kind = readKind(context, i);
	const name = readVocabularyName(context, i, verb === 'Update');
	const options = params(context, i).collection('vocabularyOptions', 'Options');
	const content = await readContent(context, i, kind, name);
	const dataAccessRoleArn = readDataAccessRole(context, i, kind, options);
	const tags = verb === 'Create' ? readTags(context, i, options.tags) : [];
	const input: VocabularyInput = {
		VocabularyName: name,
		LanguageCode: 'en-US',
		...(content.phrases ? { Phrases: content.phrases } : { VocabularyFileUri: content.fileUri }),
		...(dataAccessRoleArn ? { DataAccessRoleArn: dataAccessRoleArn } : {}),
		...(tags.length ? { Tags: tags } : {}),
	};
	if (content.upload) {
		const { bucket, key, body } = content.upload;
		await callAws(
			context,
			'PutObject',
			async () =>
				await putS3Object(
					context,
					{ bucket, key },
					bufferSource(body),
					'text/plain; charset=utf-8',
				),
			i,
		);
	}
	const answer = await putWithUpsert(
		context,
		kind,
		verb,
		input,
		i,
		verb === 'Create' &&
			params(context, i).text('If the Name Is Taken', options.ifNameTaken) === 'update',
	);
	const ready = await waitUntilReady(context, kind, name, i);
	return {
		...plainJson(ready ?? answer),
		...(content.fileUri ? { VocabularyFileUri: content.fileUri } : {}),
		...(content.entryCount !== undefined ? { EntryCount: content.entryCount } : {}),
	};
}

/**
 * Create, or — when the user chose to — Update the vocabulary that already has this name, so a
 * nightly workflow can rebuild its vocabulary from the sheet every run (ConflictException → Update).
 */
async function putWithUpsert(
	context: IExecuteFunctions,
	kind: VocabularyKind,
	verb: 'Create' | 'Update',
	input: VocabularyInput,
	i: number,
	upsert: boolean,
) {
	try {
		return await putVocabulary(context, kind, verb, input, i);
	} catch (error) {
		if (
			!upsert ||
			(error as { context?: { errorType?: unknown } }).context?.errorType !== 'ConflictException'
		)
			raise(error);
	}
	const { Tags: _tags, ...update } = input;
	return await putVocabulary(context, kind, 'Update', update, i);
}
