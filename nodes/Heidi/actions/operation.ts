import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { concurrencyOption, type ItemResult } from '../../common/items';

/** One operation: its menu entry, its parameters and what it does for one item. */
export interface HeidiOperation {
	option: INodePropertyOptions & { value: string; action: string };
	/** Parameters; displayOptions for the resource and operation are added by `defineResource`. */
	description: INodeProperties[];
	/** Entries of the operation's Options collection besides Concurrency. */
	options?: INodeProperties[];
	execute(this: IExecuteFunctions, itemIndex: number): Promise<ItemResult>;
}

export interface HeidiResource {
	option: INodePropertyOptions & { value: string };
	operations: Record<string, HeidiOperation>;
	/** The Operation selector, then every operation's parameters. */
	properties: INodeProperties[];
}

function showFor(property: INodeProperties, resource: string, operation: string): INodeProperties {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		displayOptions: { ...property.displayOptions, show: { ...show, resource: [resource], operation: [operation] } },
	};
}

/**
 * Builds a resource from its operations: adding an operation is one file and one entry here.
 * Each operation gets its own Options collection holding Concurrency (read as `options.concurrency`).
 */
export function defineResource(value: string, name: string, list: HeidiOperation[], description?: string): HeidiResource {
	const sorted = [...list].sort((a, b) => a.option.name.localeCompare(b.option.name));
	const firstOperation = sorted[0].option.value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [value] } },
			options: sorted.map((op) => op.option),
			default: firstOperation,
		},
	];
	for (const op of list) {
		for (const property of op.description) properties.push(showFor(property, value, op.option.value));
		const options = [...(op.options ?? []), concurrencyOption].sort((a, b) => a.displayName.localeCompare(b.displayName));
		properties.push(
			showFor({ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options }, value, op.option.value),
		);
	}
	return {
		option: { name, value, ...(description ? { description } : {}) },
		operations: Object.fromEntries(list.map((op) => [op.option.value, op])),
		properties,
	};
}
