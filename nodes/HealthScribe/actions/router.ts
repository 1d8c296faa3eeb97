import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { concurrencyFrom, runForEachItem } from '../../common/items';
import * as medicalScribeJob from './medicalScribeJob';
import * as medicalScribeStream from './medicalScribeStream';
import * as recording from './recording';
import * as tag from './tag';
import * as vocabulary from './vocabulary';
import * as vocabularyFilter from './vocabularyFilter';

const resources = { medicalScribeJob, medicalScribeStream, recording, vocabulary, vocabularyFilter, tag };

/** Runs the chosen operation for every input item through the bounded pool (continueOnFail, pairedItem). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as keyof typeof resources;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.operations[operationName];
	if (!operation) throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	return [await runForEachItem(this, async (i) => await operation.execute.call(this, i), concurrencyFrom(this))];
}
