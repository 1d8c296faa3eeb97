import type { MedicalScribeJob } from '@aws-sdk/client-transcribe';
import { NodeOperationError } from 'n8n-workflow';
import { getS3Object, parseS3Uri } from '../../common/aws/s3';
import type { AwsContext } from '../../common/aws/clients';
import { callAws } from '../../common/aws/calls';

export interface OutputFile {
	uri: string;
	body: Buffer;
}

export interface JobOutputFiles {
	transcript: OutputFile;
	clinicalDocument: OutputFile;
}

/** Where a finished job or stream session says its two files are. */
export interface OutputLocations {
	TranscriptFileUri?: string;
	ClinicalDocumentUri?: string;
}

async function fetchFile(
	context: AwsContext,
	uri: string | undefined,
	what: string,
	itemIndex?: number,
	subject = 'job',
): Promise<OutputFile> {
	const location = uri ? parseS3Uri(uri) : undefined;
	if (!uri || !location)
		throw new NodeOperationError(
			context.getNode(),
			`The ${subject} has no readable ${what} location`,
			{
				itemIndex,
				description: `HealthScribe returns S3 URIs when a ${subject} is COMPLETED; check its status.`,
			},
		);
	const { body } = await callAws(
		context,
		'GetObject',
		async () => await getS3Object(context, location),
		itemIndex,
	);
	return { uri, body };
}

/** Downloads both output files of a completed job from the URIs in MedicalScribeOutput (s3:// or https://). */
export async function fetchOutputFiles(
	context: AwsContext,
	job: MedicalScribeJob,
	itemIndex?: number,
): Promise<JobOutputFiles> {
	return await fetchFiles(context, job.MedicalScribeOutput ?? {}, itemIndex);
}

/** Downloads the transcript and clinical document files at the given locations (of a job or a stream session). */
export async function fetchFiles(
	context: AwsContext,
	output: OutputLocations,
	itemIndex?: number,
	subject = 'job',
): Promise<JobOutputFiles> {
	// Both downloads finish before a failure is reported: none is left running after the item is given up.
	const [transcript, clinicalDocument] = await Promise.allSettled([
		fetchFile(context, output.TranscriptFileUri, 'transcript file', itemIndex, subject),
		fetchFile(context, output.ClinicalDocumentUri, 'clinical document file', itemIndex, subject),
	]);
	if (transcript.status === 'rejected') throw transcript.reason;
	if (clinicalDocument.status === 'rejected') throw clinicalDocument.reason;
	return { transcript: transcript.value, clinicalDocument: clinicalDocument.value };
}
