import { raise } from './errors';

/**
 * Runs `task` for every index with at most `limit` in flight and returns the results in
 * input order, so output items stay aligned with their `pairedItem`.
 */
export async function mapWithConcurrency<R>(
	count: number,
	limit: number,
	task: (index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(count);
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
	let next = 0;
	let failed = false;
	const worker = async () => {
		// After a failure no new task starts; the ones in flight finish and the error propagates.
		while (next < count && !failed) {
			const index = next++;
			try {
				results[index] = await task(index);
			} catch (error) {
				failed = true;
				raise(error);
			}
		}
	};
	await Promise.all(Array.from({ length: workers }, worker));
	return results;
}
