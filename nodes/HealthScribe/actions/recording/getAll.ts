import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { listS3Objects } from '../../../common/aws/s3';
import { expandDateTokens } from '../../../common/datePrefix';
import type { ItemResult } from '../../../common/items';
import { paginationProperties, readLimit } from '../../../common/pagination';
import { ItemValidator } from '../../../common/validate';
import { awsApiError } from '../../transport/transcribe';

const show = { resource: ['recording'], operation: ['getAll'] };

/** File endings of the audio formats HealthScribe accepts (fact sheet §4). */
const AUDIO = /\.(wav|flac|mp3|mp4|m4a|ogg|oga|opus|amr|webm)$/i;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export const description: INodeProperties[] = [
	{
		displayName: 'Bucket',
		name: 'bucket',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'clinic-recordings',
		description: 'S3 bucket that holds the recordings',
		displayOptions: { show },
	},
	{
		displayName: 'Key Prefix',
		name: 'prefix',
		type: 'string',
		default: '',
		placeholder: 'recordings/{yyyy}-{mm}-{dd}/',
		description: 'Only keys under this prefix. {yyyy}, {mm} and {dd} are replaced with the Recording Date (UTC), so a nightly run lists only that day.',
		displayOptions: { show },
	},
	{
		displayName: 'Recording Date',
		name: 'date',
		type: 'dateTime',
		default: '',
		description: 'The day the date tokens of the prefix stand for; blank means today (UTC)',
		displayOptions: { show },
	},
	...paginationProperties({ show }),
	{
		displayName: 'Audio Files Only',
		name: 'audioOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to skip keys that do not end in an audio format HealthScribe accepts (WAV, FLAC, MP3, MP4/M4A, OGG, AMR, WebM)',
		displayOptions: { show },
	},
];

/** One item per recording under the prefix, in key order, ready for Start's "Media File URI". */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const bucket = (this.getNodeParameter('bucket', i) as string).trim();
	const v = new ItemValidator(this.getNode(), i);
	v.required('Bucket', bucket);
	v.pattern('Bucket', bucket, BUCKET, 'Use the bucket’s name only (3–63 lowercase letters, digits, dots and dashes), without s3:// or a path.');
	const dateText = this.getNodeParameter('date', i, '') as string;
	const at = dateText ? Date.parse(dateText) : Date.now();
	if (Number.isNaN(at)) v.fail('Recording Date', 'it is not a date', 'Pick a date, or leave it blank for today.');
	const prefix = expandDateTokens((this.getNodeParameter('prefix', i, '') as string).trim().replace(/^\/+/, ''), at);
	const limit = readLimit(this, i);
	const audioOnly = this.getNodeParameter('audioOnly', i, true) as boolean;

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
				if (results.length >= limit) return results;
			}
		}
	} catch (error) {
		throw await awsApiError(this, 'ListObjectsV2', error, i);
	}
	return results;
}
