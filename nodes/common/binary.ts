import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import type { ItemValidator } from './validate';

/**
 * The input item's binary property `property`, or an error naming "Input Binary Field" before any
 * call; `holds` says what the property should hold ("the recording").
 */
export function inputBinary(
	context: IExecuteFunctions,
	v: ItemValidator,
	i: number,
	property: string,
	holds: string,
): IBinaryData {
	const meta = context.getInputData()[i].binary?.[property];
	if (!meta)
		return v.fail(
			'Input Binary Field',
			'the input item has no binary property of that name',
			`Check the name of the binary property that holds ${holds}.`,
		);
	return meta;
}
