import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { downloadServiceFile } from '../../transport/download';
import { getVocabularyFilter } from '../../transport/vocabularies';
import { plainJson } from '../vocabulary/output';
import { filterLocator, readFilterName } from './locator';
import { params } from '../../../common/params';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	description: 'Get a vocabulary filter with its words',
	action: 'Get a vocabulary filter',
};

export const description: INodeProperties[] = [
	filterLocator(),
	{
		displayName: 'Download Words',
		name: 'downloadWords',
		type: 'boolean',
		default: true,
		description:
			'Whether to download the filter’s words from the link AWS returns and add them as Words',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readFilterName(this, i, true);
	const download = params(this, i).boolean('downloadWords', 'Download Words', true);
	const filter = await getVocabularyFilter(this, name, i);
	const json = plainJson(filter);
	if (download && filter.DownloadUri) {
		const text = await downloadServiceFile(this, filter.DownloadUri, 'GetVocabularyFilter', i);
		json.Words = text
			.split(/\r?\n/)
			.map((word) => word.trim())
			.filter(Boolean);
	}
	return jsonItems(json, i);
}
