import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { OperationOption } from '../../../common/operation';
import { params } from '../../../common/params';
import { jobOutputItem, outputProperties, readOutputSettings } from '../../outputs/include';
import { callAws } from '../../../common/aws/calls';
import { getJob } from '../../transport/transcribe';
import { jobNameProperty, readJobName } from './jobNameField';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	description: 'Get a job, optionally with its transcript and clinical note',
	action: 'Get a medical scribe job',
};

export const description: INodeProperties[] = [jobNameProperty, ...outputProperties({})];

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const name = readJobName(this, i);
	const settings = readOutputSettings(params(this, i));
	const { MedicalScribeJob: job } = await callAws(
		this,
		'GetMedicalScribeJob',
		async () => await getJob(this, name),
		i,
	);
	return [await jobOutputItem(this, job ?? { MedicalScribeJobName: name }, settings, i)];
}
