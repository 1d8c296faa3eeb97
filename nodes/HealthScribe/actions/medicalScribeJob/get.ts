import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemResult } from '../../../common/items';
import { describedGetter, params } from '../../../common/params';
import { jobOutputItem, outputProperties, readOutputSettings } from '../../outputs/include';
import { callAws } from '../../../common/aws/calls';
import { getJob } from '../../transport/transcribe';
import { jobNameProperty, readJobName } from './jobNameField';

export const description: INodeProperties[] = [jobNameProperty('get'), ...outputProperties({ resource: ['medicalScribeJob'], operation: ['get'] })];

export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const name = readJobName(this, i);
	const settings = readOutputSettings(describedGetter(params(this, i), outputProperties({})));
	const { MedicalScribeJob: job } = await callAws(this, 'GetMedicalScribeJob', async () => await getJob(this, name), i);
	return await jobOutputItem(this, job ?? { MedicalScribeJobName: name }, settings, i);
}
