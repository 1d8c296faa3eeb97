import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { params } from '../../../common/params';
import { checkName } from '../../transport/names';

/** The "Job Name" parameter of Get and Delete. */
export const jobNameProperty: INodeProperties = {
	displayName: 'Job Name',
	name: 'jobName',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'visit-2024-05-14-room12',
	description: 'Name of the medical scribe job',
};

/** Reads and checks the job name of item `i`. */
export function readJobName(context: IExecuteFunctions, i: number): string {
	const p = params(context, i);
	const name = p.string('jobName', 'Job Name', { required: true });
	checkName(p, 'Job Name', name);
	return name;
}
