import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';
import { concurrencyFrom, runForEachItem } from '../../common/items';
import { account } from './account';
import { askHeidi } from './askHeidi';
import { clinicalCode } from './clinicalCode';
import { consultNote } from './consultNote';
import { context } from './context';
import { document } from './document';
import type { HeidiResource } from './operation';
import { patientProfile } from './patientProfile';
import { session } from './session';
import { template } from './template';
import { transcription } from './transcription';

export const resources: HeidiResource[] = [session, patientProfile, transcription, consultNote, template, document, context, clinicalCode, askHeidi, account];

const byName = Object.fromEntries(resources.map((r) => [r.option.value, r]));

/** Runs the chosen operation for every input item through the concurrency pool. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const op = byName[resource]?.operations[operation];
	if (!op) throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return [await runForEachItem(this, async (i) => await op.execute.call(this, i), concurrencyFrom(this))];
}
