import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemResult } from '../../common/items';

export type Operation = { description: INodeProperties[]; execute: (this: IExecuteFunctions, i: number) => Promise<ItemResult> };

/**
 * A resource's Operation dropdown followed by every operation's parameters (`extra` between the two):
 * one declaration for the resources added to the HealthScribe node.
 */
export function resourceDescription(
	resource: string,
	options: INodePropertyOptions[],
	operations: Record<string, Operation>,
	extra: INodeProperties[] = [],
): INodeProperties[] {
	return [
		// eslint-disable-next-line n8n-nodes-base/node-param-default-missing -- the default is set below: the first operation listed
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: options[0].value,
		},
		...extra,
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
