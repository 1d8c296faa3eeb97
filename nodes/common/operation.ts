import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { concurrencyFrom, concurrencyOption, runForEachItem } from './items';
import { params } from './params';

/**
 * How every action node declares and runs its operations, after n8n's own versioned nodes (Postgres
 * v2, Outlook v2): an operation is one file, a resource lists its operations in one object, and the
 * resource/operation displayOptions are added here with n8n's `updateDisplayOptions`.
 */

/** An operation's entry in its resource's Operation dropdown; `value` is what saved workflows hold. */
export type OperationOption<V extends string = string> = INodePropertyOptions & {
	value: V;
	action: string;
};

/** One operation: its menu entry, its parameters and what it does for one input item. */
export interface Operation<V extends string = string> {
	option: OperationOption<V>;
	/** Its parameters, without resource/operation displayOptions (`defineResource` adds them). */
	description: INodeProperties[];
	/** Entries of the operation's Options collection besides Concurrency. */
	options?: INodeProperties[];
	/** The output items of input item `itemIndex`. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]>;
}

/** A resource's operations, keyed by their value: a key that is not its operation's value does not compile. */
export type Operations<Op extends string> = { [K in Op]: Operation<K> };

export interface Resource<R extends string = string, Op extends string = string> {
	option: INodePropertyOptions & { value: R };
	operations: Operations<Op>;
	/** The Operation dropdown, the resource's shared parameters, then every operation's parameters. */
	properties: INodeProperties[];
}

export interface ResourceSettings<R extends string, Op extends string> {
	value: R;
	name: string;
	description?: string;
	/**
	 * The operation a new node starts with. Always given, never derived from the list: n8n leaves it
	 * out of saved workflows, so adding an operation must not change it.
	 */
	default: Op;
	/** Parameters every operation of the resource shows, placed right after the Operation dropdown. */
	shared?: INodeProperties[];
}

/** The Options collection of one operation: Concurrency plus the operation's own options, sorted for the UI. */
function optionsCollection(extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...extra, concurrencyOption].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** The values of one item's Options collection (see optionsCollection). */
export const readOptions = (context: IExecuteFunctions, itemIndex: number): IDataObject =>
	params(context, itemIndex).collection('options', 'Options');

/**
 * Builds a resource from its operations: adding an operation is its file plus one entry in
 * `operations`. The dropdown lists operations by name (n8n's lint rule); each operation gets its
 * own Options collection (read as `options.concurrency` by the router).
 */
export function defineResource<const R extends string, Op extends string>(
	settings: ResourceSettings<R, NoInfer<Op>>,
	operations: Operations<Op>,
): Resource<R, Op> {
	const list: Operation[] = Object.values(operations);
	const dropdown = list.map((op) => op.option).sort((a, b) => a.name.localeCompare(b.name));
	const forResource = { show: { resource: [settings.value] } };
	const defaultOperation: string = settings.default;
	const properties: INodeProperties[] = [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: forResource,
			options: dropdown,
			default: defaultOperation,
		},
		...updateDisplayOptions(forResource, settings.shared ?? []),
	];
	for (const op of list) {
		const forOperation = { show: { resource: [settings.value], operation: [op.option.value] } };
		properties.push(
			...updateDisplayOptions(forOperation, [...op.description, optionsCollection(op.options)]),
		);
	}
	const option = {
		name: settings.name,
		value: settings.value,
		...(settings.description ? { description: settings.description } : {}),
	};
	return { option, operations, properties };
}

type AnyResource = Resource<string, string>;
type ResourceNames<Rs extends readonly AnyResource[]> = Rs[number]['option']['value'];
type OperationNames<Rs extends readonly AnyResource[], R extends string> = keyof Extract<
	Rs[number],
	{ option: { value: R } }
>['operations'] &
	string;

export interface ActionNode<Rs extends readonly AnyResource[]> {
	/** The Resource dropdown, then every resource's properties: the node's `description.properties`. */
	properties: INodeProperties[];
	/** Runs the operation the node is set to for every input item (the node's `execute`). */
	execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]>;
	/** displayOptions for some operations of a resource, checked against the node's resources. */
	showFor<R extends ResourceNames<Rs>>(
		resource: R,
		operations: Array<OperationNames<Rs, R>>,
	): { show: { resource: string[]; operation: string[] } };
}

/**
 * An action node from its resources: the Resource dropdown (sorted by name) and the one router of
 * the package. Resource and operation cannot be expressions (noDataExpression), so item 0's values
 * hold for every item; `runForEachItem` runs the operation per item (concurrency, continueOnFail).
 */
export function defineNode<const Rs extends readonly AnyResource[]>(
	resources: Rs,
	selector: { default: NoInfer<ResourceNames<Rs>>; description: string },
): ActionNode<Rs> {
	const byValue = new Map<string, AnyResource>(
		resources.map((resource) => [resource.option.value, resource]),
	);
	const defaultResource: string = selector.default;
	return {
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources
					.map((resource) => resource.option)
					.sort((a, b) => a.name.localeCompare(b.name)),
				default: defaultResource,
				description: selector.description,
			},
			...resources.flatMap((resource) => resource.properties),
		],
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const resource = this.getNodeParameter('resource', 0) as string;
			const operation = this.getNodeParameter('operation', 0) as string;
			const operations: Partial<Record<string, Operation>> | undefined =
				byValue.get(resource)?.operations;
			const op =
				operations && Object.hasOwn(operations, operation) ? operations[operation] : undefined;
			if (!op)
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
				);
			return [
				await runForEachItem(
					this,
					async (i) => await op.execute.call(this, i),
					concurrencyFrom(this),
				),
			];
		},
		showFor: (resource, operations) => ({ show: { resource: [resource], operation: operations } }),
	};
}
