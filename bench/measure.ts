/** Tiny timing helpers shared by the benchmarks: medians over repeated runs, in this process. */

export interface Measurement {
	medianMs: number;
	runs: number;
}

export function measure(fn: () => unknown, { runs = 30, warmup = 5 } = {}): Measurement {
	for (let i = 0; i < warmup; i++) fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { medianMs: times[Math.floor(times.length / 2)], runs };
}

export async function measureAsync(
	fn: () => Promise<unknown>,
	{ runs = 5, warmup = 1 } = {},
): Promise<Measurement> {
	for (let i = 0; i < warmup; i++) await fn();
	const times: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return { medianMs: times[Math.floor(times.length / 2)], runs };
}

export interface BenchRow {
	bench: string;
	case: string;
	value: string;
	baseline: string;
	ratio: number;
	target: string;
	ok: boolean;
}

export const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
