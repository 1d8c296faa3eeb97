import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { checkName } from './startRequest';

/** The "Job Name" parameter of Get and Delete. */
export function jobNameProperty(operation: string): INodeProperties {
	return {
		displayName: 'Job Name',
		name: 'jobName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'visit-2024-05-14-room12',
		description: 'Name of the medical scribe job',
		displayOptions: { show: { resource: ['medicalScribeJob'], operation: [operation] } },
	};
}

/** Reads and checks the job name of item `i`. */
export function readJobName(context: IExecuteFunctions, i: number): string {
	const name = (context.getNodeParameter('jobName', i) as string).trim();
	const v = new ItemValidator(context.getNode(), i);
	v.required('Job Name', name);
	checkName(v, 'Job Name', name);
	return name;
}
