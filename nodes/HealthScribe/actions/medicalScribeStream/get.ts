import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { callAws } from '../../../common/aws/calls';
import type { OperationOption } from '../../../common/operation';
import { params } from '../../../common/params';
import { outputProperties, readOutputSettings } from '../../outputs/include';
import { getScribeStream } from '../../transport/streaming';
import { checkSessionId, sessionIdProperty, streamJson, streamOutputItem } from './output';

export const option: OperationOption<'get'> = {
	name: 'Get',
	value: 'get',
	description: 'Get a streaming session, optionally with its transcript and clinical note',
	action: 'Get a medical scribe stream',
};

export const description: INodeProperties[] = [sessionIdProperty, ...outputProperties({})];

/** GetMedicalScribeStream: the session's details, and its note once the post-stream analytics are done. */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const v = params(this, i);
	const sessionId = v.string('sessionId', 'Session ID', { required: true });
	checkSessionId(v, 'Session ID', sessionId);
	const settings = readOutputSettings(v);
	const { MedicalScribeStreamDetails: details } = await callAws(
		this,
		'GetMedicalScribeStream',
		async () => await getScribeStream(this, sessionId),
		i,
	);
	const found = details ?? { SessionId: sessionId };
	return [await streamOutputItem(this, streamJson(found), found, settings, i)];
}
