import type { IDataObject } from 'n8n-workflow';
import type { AwsContext } from '../../common/aws/clients';
import { downloadOutput, parseJsonDocument } from './s3Files';

/** The insights document of a SUCCEEDED patient insights job (from `insightsOutput.uri`). */
export async function downloadInsights(
	context: AwsContext,
	uri: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return parseJsonDocument(
		context,
		await downloadOutput(context, uri, itemIndex),
		'patient insights output',
		itemIndex,
	);
}
