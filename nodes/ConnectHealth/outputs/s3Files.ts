import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { AwsContext } from '../../common/aws/clients';
import { getS3Object, parseS3Uri } from '../../common/aws/s3';
import { awsApiError } from '../../common/aws/calls';
import { readJsonFile } from '../../common/scribeFiles';

/** Downloads one output file (s3:// or https:// URI); S3 failures become redacted node errors. */
export async function downloadOutput(
	context: AwsContext,
	uri: string,
	itemIndex?: number,
): Promise<Buffer> {
	const location = parseS3Uri(uri);
	if (!location)
		throw new NodeOperationError(
			context.getNode(),
			'The output location is not an S3 URI this node can read',
			{
				itemIndex,
				description:
					'Connect Health reports output locations as s3:// URIs; download other locations with an HTTP Request node.',
			},
		);
	try {
		return (await getS3Object(context, location)).body;
	} catch (error) {
		throw await awsApiError(context, 'GetObject', error, itemIndex);
	}
}

/** Parses a downloaded JSON document; a cut download stays transient (common/scribeFiles), content is never quoted. */
export function parseJsonDocument(
	context: AwsContext,
	body: Buffer,
	what: string,
	itemIndex?: number,
): IDataObject {
	return readJsonFile(context.getNode(), body, what, {
		itemIndex,
		description:
			'The file was cut short in transfer, changed after the service wrote it, or it is not Connect Health output.',
	});
}
