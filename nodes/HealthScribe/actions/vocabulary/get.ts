import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { downloadServiceFile } from '../../transport/download';
import { getVocabulary, vocabularyOperation } from '../../transport/vocabularies';
import { readKind, readVocabularyName, vocabularyLocator } from './locator';
import { plainJson } from './output';
import { params } from '../../../common/params';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	description: 'Get a vocabulary, its state and failure reason',
	action: 'Get a vocabulary',
};

export const description: INodeProperties[] = [
	vocabularyLocator(),
	{
		displayName: 'Download Entries',
		name: 'downloadEntries',
		type: 'boolean',
		default: false,
		description:
			'Whether to download the processed entries (READY vocabularies) from the link AWS returns and add them as Entries',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const kind = readKind(this, i);
	const name = readVocabularyName(this, i, true);
	const download = params(this, i).boolean('downloadEntries', 'Download Entries', false);
	const vocabulary = await getVocabulary(this, kind, name, i);
	const json = plainJson(vocabulary);
	if (download && vocabulary.DownloadUri)
		json.Entries = await downloadServiceFile(
			this,
			vocabulary.DownloadUri,
			vocabularyOperation(kind, 'Get'),
			i,
		);
	return jsonItems(json, i);
}
