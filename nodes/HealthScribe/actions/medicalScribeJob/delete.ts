import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { callAws } from '../../../common/aws/calls';
import { deleteJob } from '../../transport/transcribe';
import { jobNameProperty, readJobName } from './jobNameField';

export const description: INodeProperties[] = [
	{ ...jobNameProperty('delete'), description: 'Name of a finished job to delete (its output files in S3 stay where they are)' },
];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readJobName(this, i);
	await callAws(this, 'DeleteMedicalScribeJob', async () => await deleteJob(this, name), i);
	return { deleted: true, MedicalScribeJobName: name };
}
