import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { downloadServiceFile } from '../../transport/download';
import { getVocabulary, vocabularyOperation } from '../../transport/vocabularies';
import { readKind, readVocabularyName, show, vocabularyLocator } from './fields';
import { plainJson } from './output';
import { readBoolean } from './params';

export const description: INodeProperties[] = [
	vocabularyLocator(['get']),
	{
		displayName: 'Download Entries',
		name: 'downloadEntries',
		type: 'boolean',
		default: false,
		description: 'Whether to download the processed entries (READY vocabularies) from the link AWS returns and add them as Entries',
		displayOptions: show(['get']),
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const kind = readKind(this, i);
	const name = readVocabularyName(this, i, true);
	const download = readBoolean(this, i, 'downloadEntries', 'Download Entries', false);
	const vocabulary = await getVocabulary(this, kind, name, i);
	const json = plainJson(vocabulary);
	if (download && vocabulary.DownloadUri) json.Entries = await downloadServiceFile(this, vocabulary.DownloadUri, vocabularyOperation(kind, 'Get'), i);
	return json;
}
