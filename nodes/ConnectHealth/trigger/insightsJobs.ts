import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { pollParams } from '../../common/params';
import { domainIdFrom } from '../actions/locators';
import { checkS3Uri } from '../actions/validation';
import { downloadInsights } from '../outputs/insights';
import { expandDateTokens, parseOutputKey } from '../outputs/layout';
import { connectHealthClient } from '../transport/client';
import { getPatientInsightsJob } from '../transport/patientInsights';
import { readLookBackMs, type ListedObject } from './listing';
import { pollOutputs, type OutputEvent } from './pollOutputs';

interface JobOutputEvent extends OutputEvent {
	jobId: string;
	object: ListedObject;
}

/**
 * "Patient insights job finished": one item per job whose output appears under the watched
 * s3OutputPath (jobs that fail write nothing there), with the job and, if asked, its insights.
 */
export async function pollInsightsJobs(context: IPollFunctions): Promise<IDataObject[]> {
	const p = pollParams(context);
	const domainId = domainIdFrom(p.raw('domain'), p);
	const template = p.string('s3OutputPath', 'S3 Output Path');
	checkS3Uri(p, 'S3 Output Path', expandDateTokens(template, Date.now()));
	const lookBackMs = readLookBackMs(context);
	const includeJob = p.boolean('includeJobDetails', 'Include Job Details', true);
	const download = p.boolean('downloadInsights', 'Download Insights');
	const client = await connectHealthClient(context);
	const outputOf = (event: JobOutputEvent) => ({
		uri: event.object.uri,
		lastModified: new Date(event.object.lastModified).toISOString(),
	});

	return await pollOutputs<JobOutputEvent>(context, {
		scope: JSON.stringify(['insightsJobs', domainId, template]),
		template,
		lookBackMs,
		toEvents: (objects) =>
			objects.flatMap((object) => {
				const key = parseOutputKey(object.relativeKey);
				if (
					!key ||
					!key.fileName.toLowerCase().endsWith('.json') ||
					(key.domainId && key.domainId !== domainId)
				)
					return [];
				return [{ key: key.id, time: object.lastModified, jobId: key.id, object }];
			}),
		identify: (event) => ({ domainId, jobId: event.jobId, output: outputOf(event) }),
		toItem: async (event) => {
			const output = outputOf(event);
			const job = includeJob
				? ((await getPatientInsightsJob(client, {
						domainId,
						jobId: event.jobId,
					})) as unknown as IDataObject)
				: { jobId: event.jobId };
			const item: IDataObject = { domainId, ...job, output };
			if (download) item.insights = await downloadInsights(context, event.object.uri);
			return item;
		},
	});
}
