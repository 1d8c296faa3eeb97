import type { MedicalScribeJob, MedicalScribeJobSummary } from '@aws-sdk/client-transcribe';
import type { IDataObject } from 'n8n-workflow';

/** An SDK object as plain JSON: dates become ISO strings, undefined members disappear. */
export function plain(value: unknown): unknown {
	if (value instanceof Date) return value.toISOString();
	if (Array.isArray(value)) return value.map(plain);
	if (value !== null && typeof value === 'object') {
		const out: IDataObject = {};
		for (const [key, member] of Object.entries(value))
			if (member !== undefined) out[key] = plain(member) as IDataObject;
		return out;
	}
	return value;
}

/** A job or job summary as an n8n item's JSON, with AWS's member names. */
export function jobJson(job: MedicalScribeJob | MedicalScribeJobSummary): IDataObject {
	return plain(job) as IDataObject;
}
