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
	const firstOperation = options[0].value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options,
			default: firstOperation,
		},
		...extra,
		...Object.values(operations).flatMap((operation) => operation.description),
	];
}
