import { NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { mapWithConcurrency } from './concurrency';
import { FieldError, invalidField } from './errors';
import { ParamReader } from './params';
import { redact } from './redact';

export const DEFAULT_CONCURRENCY = 5;

/** The "Concurrency" option every action node offers in its Options collection. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 50 },
	default: DEFAULT_CONCURRENCY,
	description: 'How many input items are sent to the service at the same time',
};

/**
 * Runs `operation` for every input item through a bounded pool, keeping output order and
 * `pairedItem`. A failing item becomes `{ error }` under Continue On Fail; otherwise the first
 * failure stops the run and is raised with its item index.
 */
export async function runForEachItem(
	context: IExecuteFunctions,
	operation: (itemIndex: number) => Promise<INodeExecutionData[]>,
	concurrency = DEFAULT_CONCURRENCY,
): Promise<INodeExecutionData[]> {
	const count = context.getInputData().length;
	const perItem = await mapWithConcurrency(count, concurrency, async (itemIndex) => {
		try {
			// An item built by hand (one with binary data, say) is paired with its input item here.
			return (await operation(itemIndex)).map((item) =>
				item.pairedItem ? item : { ...item, pairedItem: { item: itemIndex } },
			);
		} catch (thrown) {
			const error =
				thrown instanceof FieldError
					? invalidField(context.getNode(), itemIndex, thrown.field, thrown.problem, thrown.fix)
					: thrown;
			if (context.continueOnFail()) {
				const failure = isNodeError(error) ? error : unexpectedFailure(context, error, itemIndex);
				const e = failure as {
					message?: string;
					description?: string | null;
					httpCode?: string | null;
				};
				const json: IDataObject = { error: redact(e.message ?? String(failure)) };
				if (e.description) json.description = e.description;
				if (e.httpCode) json.httpCode = e.httpCode;
				return [{ json, pairedItem: { item: itemIndex } }];
			}
			if (isNodeError(error)) {
				const withContext = error as { context: IDataObject };
				withContext.context.itemIndex ??= itemIndex;
				throw error;
			}
			throw unexpectedFailure(context, error, itemIndex);
		}
	});
	return perItem.flat();
}

const isNodeError = (error: unknown): boolean =>
	error instanceof NodeOperationError || !!(error as { context?: IDataObject } | null)?.context;

/**
 * A failure that is not an n8n error (a TypeError from a value of an unexpected type, say). Its
 * message may quote data (a JSON.parse error quotes the text) and loses its sense once redacted, so
 * the item gets a plain message naming the operation and the error's kind only.
 */
function unexpectedFailure(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	const operation = [
		context.getNodeParameter('resource', 0, ''),
		context.getNodeParameter('operation', 0, ''),
	]
		.filter((part) => typeof part === 'string' && part)
		.join(' → ');
	const kind = error instanceof Error ? error.name : 'Error';
	return new NodeOperationError(
		context.getNode(),
		`${operation ? `${operation}: ` : ''}the item could not be processed (${kind})`,
		{
			itemIndex,
			description:
				'A parameter may have a value of an unexpected type (an object, a list or null where text is expected): check the values mapped into this node for the item.',
		},
	);
}

/** Reads the Concurrency option (first item's value; it is a node-wide setting). */
export function concurrencyFrom(context: IExecuteFunctions): number {
	if (context.getInputData().length === 0) return DEFAULT_CONCURRENCY;
	const value = new ParamReader(context, 0).num(
		'Concurrency',
		context.getNodeParameter('options.concurrency', 0, DEFAULT_CONCURRENCY),
		DEFAULT_CONCURRENCY,
	)!;
	return Number.isFinite(value) && value >= 1
		? Math.min(50, Math.floor(value))
		: DEFAULT_CONCURRENCY;
}

/**
 * Output items of input item `itemIndex`, one per object, each object becoming an item's `json`
 * as it is (n8n's `returnJsonArray` would take an API object with a `json` member for an item).
 * The objects are JSON-shaped data: parsed responses or values built from them; a service model's
 * interface (Connect Health's Domain, say) is accepted as it is, so no call site casts it.
 */
export function jsonItems(
	data: object | readonly object[],
	itemIndex: number,
): INodeExecutionData[] {
	return (Array.isArray(data) ? data : [data]).map((json: object) => ({
		json: json as IDataObject,
		pairedItem: { item: itemIndex },
	}));
}
