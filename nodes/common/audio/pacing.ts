import { sleep } from 'n8n-workflow';
import { abortableDelay } from '../delay';
import { raise } from '../errors';
/**
 * Sending a recording as a stream of audio events, whatever the transport: one chunk at a time
 * (memory bounded by the chunk size), progress counted as it goes, optionally no faster than the
 * audio plays, and stopped at once when the caller aborts (n8n cancelled the execution, or the
 * transport failed).
 */

export interface StreamProgress {
	audioEvents: number;
	audioBytes: number;
	audioSeconds: number;
	/** The stage the stream had reached. */
	stage: 'connecting' | 'configuration' | 'audio' | 'ending' | 'ended';
}

export const newProgress = (): StreamProgress => ({
	audioEvents: 0,
	audioBytes: 0,
	audioSeconds: 0,
	stage: 'connecting',
});

export interface PacingOptions {
	/** Seconds of audio in `bytes` bytes of this recording. */
	secondsOf(bytes: number): number;
	/** Send no faster than real time (the service's own pace for live audio). */
	realTime?: boolean;
	/** Injected for tests; default real time. */
	sleep?: (ms: number) => Promise<void>;
	signal?: AbortSignal;
}

export class StreamAbortedError extends Error {
	readonly code = 'ABORTED';

	constructor() {
		super('The stream was stopped before all audio was sent');
	}
}

/** A sleep that ends early (with StreamAbortedError) when `signal` aborts. */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new StreamAbortedError();
	try {
		await (signal ? abortableDelay(ms, signal) : sleep(ms));
	} catch (error) {
		if (!signal?.aborted) raise(error);
	}
	if (signal?.aborted) throw new StreamAbortedError();
}

/**
 * The chunks of `chunks`, counted into `progress` once the consumer has taken each one (so the
 * count is what was handed to the transport), paced to real time when asked. Reading the source
 * stops when the consumer stops iterating or `signal` aborts.
 */
export async function* pacedChunks(
	chunks: AsyncIterable<Buffer>,
	progress: StreamProgress,
	options: PacingOptions,
): AsyncGenerator<Buffer> {
	const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, options.signal));
	progress.stage = 'audio';
	const started = Date.now();
	for await (const chunk of chunks) {
		if (options.signal?.aborted) throw new StreamAbortedError();
		yield chunk;
		progress.audioEvents++;
		progress.audioBytes += chunk.length;
		progress.audioSeconds = options.secondsOf(progress.audioBytes);
		if (options.realTime) {
			const ahead = progress.audioSeconds * 1000 - (Date.now() - started);
			if (ahead > 0) await sleep(ahead);
		}
	}
	progress.stage = 'ending';
}

/** Partial and final transcript results folded into one list: the newest version of each segment wins. */
export class SegmentFold<S extends object> {
	private readonly segments = new Map<string, S>();

	private anonymous = 0;

	constructor(
		private readonly read: {
			id(segment: S): string | undefined;
			withId(segment: S, id: string): S;
			isFinal(segment: S): boolean;
			start(segment: S): number | undefined;
		},
	) {}

	add(segment: S): void {
		const id = this.read.id(segment) ?? `segment-${this.anonymous++}`;
		const previous = this.segments.get(id);
		// A late partial never overwrites a final.
		if (previous && this.read.isFinal(previous) && !this.read.isFinal(segment)) return;
		this.segments.set(id, this.read.withId(segment, id));
	}

	/** Finals (and partials never finalised, as the last word the service said), by start time. */
	result(): S[] {
		return [...this.segments.values()].sort(
			(a, b) => (this.read.start(a) ?? 0) - (this.read.start(b) ?? 0),
		);
	}
}
