import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { awsApiError } from '../../common/aws/calls';
import { listS3Objects } from '../../common/aws/s3';
import { pollParams } from '../../common/params';
import { datePartitions, listingPrefix } from '../outputs/layout';
import { raise } from '../../common/errors';

/** Clock skew and listing lag we allow between S3's LastModified and this host's clock. */
export const SKEW_MS = 15 * 60 * 1000;

export type ListedObject = {
	bucket: string;
	key: string;
	/** The key below the listed prefix: what the output layout is read from. */
	relativeKey: string;
	uri: string;
	lastModified: number;
};

/** "Look-Back (Hours)" in ms; a value that is not a number of hours fails the poll by name. */
export function readLookBackMs(context: IPollFunctions): number {
	return (
		pollParams(context).number('lookBackHours', 'Look-Back (Hours)', {
			min: 0,
			max: 24 * 366,
			fallback: 24,
		}) * 3_600_000
	);
}

interface WindowState {
	scope: string;
	/** The newest instant the last successful poll covered (ms). */
	checkedAt: number;
}

/**
 * The time range whose date partitions a poll lists: from the previous poll (minus the look-back a
 * session or job may take between its start, which names the partition, and its output landing)
 * up to now. Only consulted for date-partitioned prefixes.
 */
export function listingRange(
	staticData: IDataObject,
	scope: string,
	lookBackMs: number,
	now: number,
): { from: number; to: number } {
	const state = staticData.window as WindowState | undefined;
	const last = state && state.scope === scope ? Math.min(state.checkedAt, now) : now;
	return { from: last - lookBackMs - SKEW_MS, to: now };
}

/** The static data that records a successful poll's listing (committed with the poll cursor). */
export function listingState(scope: string, checkedAt: number): IDataObject {
	return { window: { scope, checkedAt } satisfies WindowState as unknown as IDataObject };
}

/**
 * Lists every object under the prefixes `template` expands to for the days in `range` (one
 * ListObjectsV2 call per 1,000 keys per partition). Keys come in key order; callers order by time.
 */
export async function listOutputs(
	context: IPollFunctions,
	template: string,
	range: { from: number; to: number },
): Promise<ListedObject[]> {
	const out: ListedObject[] = [];
	for (const uri of datePartitions(template, range.from, range.to)) {
		const location = listingPrefix(uri);
		if (!location)
			throw new NodeOperationError(
				context.getNode(),
				'The watched output location is not an s3:// URI',
				{ description: 'Use s3://bucket/prefix/.' },
			);
		try {
			for await (const page of listS3Objects(context, location.bucket, location.prefix)) {
				for (const object of page) {
					const { bucket, prefix } = location;
					out.push({
						bucket,
						key: object.key,
						relativeKey: object.key.slice(prefix.length),
						uri: `s3://${bucket}/${object.key}`,
						lastModified: object.lastModified,
					});
				}
			}
		} catch (error) {
			if (error instanceof NodeOperationError) raise(error);
			throw await awsApiError(context, 'ListObjectsV2', error);
		}
	}
	return out;
}
