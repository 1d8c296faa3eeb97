/**
 * Reads the file behind a vocabulary's or filter's DownloadUri. AWS answers a pre-signed HTTPS URL
 * into a service bucket (read it with a plain GET, no credentials); an unsigned S3 URL (the sandbox,
 * or a proxy) is read with the credential through the S3 client, like the job output files.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';
import { getS3Object, parseS3Uri } from '../../common/aws/s3';
import { endpointProblem } from '../../common/endpoint';
import { callAws } from '../../common/aws/calls';

/** Vocabularies and filters are at most 50 KB; anything far larger is not what we asked for. */
const MAX_DOWNLOAD_BYTES = 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

const isPresigned = (url: URL) =>
	url.searchParams.has('X-Amz-Signature') || url.searchParams.has('Signature');

export async function downloadServiceFile(
	context: IExecuteFunctions,
	uri: string,
	operation: string,
	itemIndex: number,
): Promise<string> {
	const unreadable = (reason: string) =>
		new NodeOperationError(
			context.getNode(),
			`${operation}: the download link AWS returned cannot be read`,
			{ itemIndex, description: reason },
		);
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		throw unreadable('It is not a URL.');
	}
	if (!isPresigned(url)) {
		const location = parseS3Uri(uri);
		if (!location) throw unreadable('It is neither a pre-signed URL nor an S3 object URL.');
		const { body } = await callAws(
			context,
			'GetObject',
			async () => await getS3Object(context, location),
			itemIndex,
		);
		if (body.length > MAX_DOWNLOAD_BYTES) throw unreadable('The file is larger than 1 MB.');
		return body.toString('utf8');
	}
	// A pre-signed link carries its own authorization: no credentials are sent, and only over https (or loopback).
	const problem = endpointProblem(uri, false);
	if (problem) throw unreadable(`The link cannot be used: ${problem}.`);
	const body = await callAws(
		context,
		`${operation} download`,
		async () =>
			(await context.helpers.httpRequest({
				url: uri,
				method: 'GET',
				encoding: 'arraybuffer',
				timeout: DOWNLOAD_TIMEOUT_MS,
				disableFollowRedirect: true,
			})) as ArrayBuffer,
		itemIndex,
	);
	const buffer = Buffer.from(body);
	if (buffer.length > MAX_DOWNLOAD_BYTES) throw unreadable('The file is larger than 1 MB.');
	return buffer.toString('utf8');
}
