import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import type { ItemResult } from '../../common/items';
import * as domainCreate from './domain/create';
import * as domainDelete from './domain/delete';
import * as domainGet from './domain/get';
import * as domainGetAll from './domain/getAll';
import * as listeningSessionGet from './listeningSession/get';
import * as listeningSessionStart from './listeningSession/start';
import * as patientInsightsJobGet from './patientInsightsJob/get';
import * as patientInsightsJobStart from './patientInsightsJob/start';
import * as subscriptionActivate from './subscription/activate';
import * as subscriptionCreate from './subscription/create';
import * as subscriptionDeactivate from './subscription/deactivate';
import * as subscriptionGet from './subscription/get';
import * as subscriptionGetAll from './subscription/getAll';
import * as tagAdd from './tag/add';
import * as tagGetAll from './tag/getAll';
import * as tagRemove from './tag/remove';

interface Operation {
	option: INodePropertyOptions;
	description: INodeProperties[];
	execute(this: IExecuteFunctions, i: number): Promise<ItemResult>;
}

/** Resource → its display name and operations; adding an operation is one line here plus its file. */
const RESOURCES: Record<string, { name: string; operations: Operation[] }> = {
	domain: { name: 'Domain', operations: [domainCreate, domainDelete, domainGet, domainGetAll] },
	listeningSession: { name: 'Medical Scribe Listening Session', operations: [listeningSessionGet, listeningSessionStart] },
	patientInsightsJob: { name: 'Patient Insights Job', operations: [patientInsightsJobGet, patientInsightsJobStart] },
	subscription: { name: 'Subscription', operations: [subscriptionActivate, subscriptionCreate, subscriptionDeactivate, subscriptionGet, subscriptionGetAll] },
	tag: { name: 'Tag', operations: [tagAdd, tagGetAll, tagRemove] },
};

const DEFAULT_OPERATION: Record<string, string> = { domain: 'get', listeningSession: 'get', patientInsightsJob: 'start', subscription: 'get', tag: 'getAll' };

function operationProperty(resource: string, operations: Operation[], defaultOperation: string): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations.map((operation) => operation.option),
		default: defaultOperation,
	};
}

/** Resource, one Operation per resource, then every operation's own parameters. */
export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: Object.entries(RESOURCES).map(([value, resource]) => ({ name: resource.name, value })),
		default: 'domain',
	},
	...Object.entries(RESOURCES).map(([resource, { operations }]) => operationProperty(resource, operations, DEFAULT_OPERATION[resource])),
	...Object.values(RESOURCES).flatMap(({ operations }) => operations.flatMap((operation) => operation.description)),
];

/** The operation the node is set to (resource and operation cannot be expressions). */
export function operationFor(context: IExecuteFunctions): Operation {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const found = RESOURCES[resource]?.operations.find((candidate) => candidate.option.value === operation);
	if (!found) throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	return found;
}
