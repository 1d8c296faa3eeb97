import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { downloadServiceFile } from '../../transport/download';
import { getVocabularyFilter } from '../../transport/vocabularies';
import { plainJson } from '../vocabulary/output';
import { readBoolean } from '../vocabulary/params';
import { filterLocator, readFilterName, show } from './fields';

export const description: INodeProperties[] = [
	filterLocator(['get']),
	{
		displayName: 'Download Words',
		name: 'downloadWords',
		type: 'boolean',
		default: true,
		description: 'Whether to download the filter’s words from the link AWS returns and add them as Words',
		displayOptions: show(['get']),
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readFilterName(this, i, true);
	const download = readBoolean(this, i, 'downloadWords', 'Download Words', true);
	const filter = await getVocabularyFilter(this, name, i);
	const json = plainJson(filter);
	if (download && filter.DownloadUri) {
		const text = await downloadServiceFile(this, filter.DownloadUri, 'GetVocabularyFilter', i);
		json.Words = text
			.split(/\r?\n/)
			.map((word) => word.trim())
			.filter(Boolean);
	}
	return json;
}
