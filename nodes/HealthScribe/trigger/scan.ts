import type { MedicalScribeJobSummary } from '@aws-sdk/client-transcribe';

export interface ScanResult {
	summaries: MedicalScribeJobSummary[];
	/** ListMedicalScribeJobs calls made. */
	pages: number;
}

export const createdAt = (summary: MedicalScribeJobSummary) =>
	summary.CreationTime?.getTime() ?? Number.NEGATIVE_INFINITY;

/**
 * Reads newest-first pages until one reaches a job created before the bound: every older job is older
 * still, and none of them can have changed since the last poll. `boundFor` gets the newest creation
 * time (from the first page) so a first activation can place its bound relative to it. Duplicates (a page
 * boundary that shifted under new jobs) are dropped.
 */
export async function scanNewestFirst(
	pages: AsyncIterable<{ MedicalScribeJobSummaries?: MedicalScribeJobSummary[] }>,
	boundFor: (newestCreation: number) => number,
): Promise<ScanResult> {
	const byName = new Map<string, MedicalScribeJobSummary>();
	let count = 0;
	let bound: number | undefined;
	for await (const page of pages) {
		count++;
		const summaries = page.MedicalScribeJobSummaries ?? [];
		if (!summaries.length) break;
		bound ??= boundFor(createdAt(summaries[0]));
		for (const summary of summaries)
			if (summary.MedicalScribeJobName && !byName.has(summary.MedicalScribeJobName))
				byName.set(summary.MedicalScribeJobName, summary);
		if (createdAt(summaries[summaries.length - 1]) < bound) break;
	}
	return { summaries: [...byName.values()], pages: count };
}
