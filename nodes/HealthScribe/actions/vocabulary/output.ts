import type { IDataObject } from 'n8n-workflow';

/** An SDK answer as item JSON: dates as ISO strings, no $metadata, no undefined members. */
export function plainJson(value: object): IDataObject {
	const out: IDataObject = {};
	for (const [key, member] of Object.entries(value)) {
		if (key === '$metadata' || member === undefined) continue;
		out[key] =
			member instanceof Date
				? member.toISOString()
				: Array.isArray(member)
					? member.map((m) => (typeof m === 'object' && m !== null ? plainJson(m) : m))
					: member;
	}
	return out;
}
