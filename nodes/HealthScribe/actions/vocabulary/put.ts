/** Create and Update: read and check everything, upload the table file if needed, call, optionally wait. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { putS3Object } from '../../../common/aws/s3';
import { callAws } from '../../transport/transcribe';
import { putVocabulary, type VocabularyInput } from '../../transport/vocabularies';
import { readTags } from '../tag/fields';
import { readContent, readDataAccessRole } from './content';
import { readKind, readVocabularyName } from './fields';
import { plainJson } from './output';
import { readCollection } from './params';
import { waitUntilReady } from './wait';

export async function putVocabularyItem(context: IExecuteFunctions, i: number, verb: 'Create' | 'Update'): Promise<IDataObject> {
	const kind = readKind(context, i);
	const name = readVocabularyName(context, i, verb === 'Update');
	const options = readCollection(context, i, 'vocabularyOptions', 'Options');
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
		await callAws(context, 'PutObject', async () => await putS3Object(context, { bucket, key }, body, 'text/plain; charset=utf-8'), i);
	}
	const answer = await putVocabulary(context, kind, verb, input, i);
	const ready = await waitUntilReady(context, kind, name, i);
	return {
		...plainJson(ready ?? answer),
		...(content.fileUri ? { VocabularyFileUri: content.fileUri } : {}),
		...(content.entryCount !== undefined ? { EntryCount: content.entryCount } : {}),
	};
}
