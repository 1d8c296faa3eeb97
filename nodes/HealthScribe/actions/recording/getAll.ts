import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { listS3Objects } from '../../../common/aws/s3';
import { expandDateTokens } from '../../../common/datePrefix';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { paginationProperties, readLimit } from '../../../common/pagination';
import { params } from '../../../common/params';
import { awsApiError } from '../../../common/aws/calls';

/** File endings of the audio formats HealthScribe accepts (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_Media.html). */
const AUDIO = /\.(wav|flac|mp3|mp4|m4a|ogg|oga|opus|amr|webm)$/i;

export const option: OperationOption<'getAll'> = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the recordings in an S3 bucket, e.g. today’s',
	action: 'Get many recordings',
};

export const description: INodeProperties[] = [
	{
		displayName: 'Bucket',
		name: 'bucket',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'clinic-recordings',
		description: 'S3 bucket that holds the recordings',
	},
	{
		displayName: 'Key Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'recordings/{yyyy}-{mm}-{dd}/',
		description:
			'Only keys under this prefix. {yyyy}, {mm} and {dd} are replaced with the Recording Date (UTC), so a nightly run lists only that day.',
	},
	{
		displayName: 'Recording Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description: 'The day the date tokens of the prefix stand for; blank means today (UTC)',
	},
	...paginationProperties(),
	{
		displayName: 'Audio Files Only',
		name: 'audioOnly',
		type: 'boolean',
		default: true,
		description:
			'Whether to skip keys that do not end in an audio format HealthScribe accepts (WAV, FLAC, MP3, MP4/M4A, OGG, AMR, WebM)',
	},
];

/** One item per recording under the prefix, in key order, ready for Start's "Media File URI". */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const p = params(this, i);
	const bucket = p.bucket('Bucket', p.raw('bucket'));
	const at = p.dateTime('Recording Date', p.raw('date', '')) ?? Date.now();
	const prefix = expandDateTokens(p.string('prefix', 'Key Prefix').replace(/^\/+/, ''), at);
	const limit = readLimit(this, i);
	const audioOnly = p.boolean('audioOnly', 'Audio Files Only', true);

	const results: IDataObject[] = [];
	try {
		for await (const page of listS3Objects(this, bucket, prefix)) {
			for (const object of page) {
				if (object.key.endsWith('/') || (audioOnly && !AUDIO.test(object.key))) continue;
				results.push({
					bucket,
					key: object.key,
					fileName: object.key.slice(object.key.lastIndexOf('/') + 1),
					mediaFileUri: `s3://${bucket}/${object.key}`,
					size: object.size,
					lastModified: new Date(object.lastModified).toISOString(),
				});
				if (results.length >= limit) return jsonItems(results, i);
			}
		}
	} catch (error) {
		throw await awsApiError(this, 'ListObjectsV2', error, i);
	}
	return jsonItems(results, i);
}
