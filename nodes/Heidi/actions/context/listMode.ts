import type { INodeProperties } from 'n8n-workflow';

export const LIST_MODES = ['append', 'replace'] as const;

/** Replace the session's list, or add to what it has (read first, then written back). */
export const listModeProperty: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	options: [
		{
			name: 'Add to Existing',
			value: 'append',
			description: 'Keep what the session has and add these',
		},
		{ name: 'Replace', value: 'replace', description: 'The session gets exactly these' },
	],
	default: 'append',
	description: 'Whether to add to what the session already has, or replace it',
};

/** The new list: the given values, after the current ones when adding; duplicates dropped. */
export function mergeList(mode: string, current: unknown, given: string[]): string[] {
	const existing = mode === 'append' && Array.isArray(current) ? current.map(String) : [];
	return [...new Set([...existing, ...given])];
}
