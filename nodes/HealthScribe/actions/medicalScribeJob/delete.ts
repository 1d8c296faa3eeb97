import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { jsonItems } from '../../../common/items';
import type { OperationOption } from '../../../common/operation';
import { callAws } from '../../../common/aws/calls';
import { deleteJob } from '../../transport/transcribe';
import { jobNameProperty, readJobName } from './jobNameField';

export const option: OperationOption<'delete'> = {
	name: 'Delete',
	value: 'delete',
	description: 'Delete a finished job',
	action: 'Delete a medical scribe job',
};

export const description: INodeProperties[] = [
	{
		...jobNameProperty,
		description: 'Name of a finished job to delete (its output files in S3 stay where they are)',
	},
];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readJobName(this, i);
	await callAws(this, 'DeleteMedicalScribeJob', async () => await deleteJob(this, name), i);
	return jsonItems({ deleted: true, MedicalScribeJobName: name }, i);
}
