import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { callAws } from '../../../common/aws/calls';
import type { ItemResult } from '../../../common/items';
import { params } from '../../../common/params';
import { outputProperties, readOutputSettings } from '../../outputs/include';
import { getScribeStream } from '../../transport/streaming';
import { checkSessionId, sessionIdProperty, streamJson, streamOutputItem } from './output';

export const description: INodeProperties[] = [sessionIdProperty('get'), ...outputProperties({ resource: ['medicalScribeStream'], operation: ['get'] })];

/** GetMedicalScribeStream: the session's details, and its note once the post-stream analytics are done. */
export async function execute(this: IExecuteFunctions, i: number): Promise<ItemResult> {
	const v = params(this, i);
	const sessionId = v.string('sessionId', 'Session ID', { required: true });
	checkSessionId(v, 'Session ID', sessionId);
	const settings = readOutputSettings(v);
	const { MedicalScribeStreamDetails: details } = await callAws(this, 'GetMedicalScribeStream', async () => await getScribeStream(this, sessionId), i);
	const found = details ?? { SessionId: sessionId };
	return await streamOutputItem(this, streamJson(found), found, settings, i);
}
