import type { INodeProperties } from 'n8n-workflow';

/** The Session ID parameter of the operations on one session. */
export function sessionIdProperty(
	description = 'The Heidi session (one consultation). Its ID is a long number: map it from an earlier step as text, never as a number, or it gets rounded.',
): INodeProperties {
	return {
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		required: true,
		default: '',
		description,
	};
}

/** The input binary field of the operations that upload a file. */
export const binaryPropertyProperty = (description: string): INodeProperties => ({
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the file',
	description,
});
